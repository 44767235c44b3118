"""Folding text for search: lower case, no accents, so that « prefecture » finds « Préfecture »."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents (combining marks dropped after NFKD decomposition)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(title: str, organisation: str) -> str:
    """What a dossier's search matches, stored folded in its own column (``dossier.search_text``)."""
    return fold(f"{title}\n{organisation}")
