"""The limits of a dossier's content, in one place: import, the window, the command line and the note obey them.

``docs/dossier-format-limits.md`` states them for the people who write dossier files; change both together.
Every limit counts characters (Unicode code points) or entries, never bytes.
"""

from __future__ import annotations

import re

TITLE_MAX = 200
"""A dossier's title: one line."""
ORGANISATION_MAX = 200
"""The buyer's organisation: one line."""
OFFER_NAME_MAX = 200
"""A market offer's name: one line."""
TEXT_ANSWER_MAX = 10_000
"""An answer to a free-text question (the need stated as a performance, its indicators...)."""
JUSTIFICATION_MAX = 10_000
"""One justification the buyer wrote for an answer."""
OTHER_TEXT_MAX = 10_000
"""Any other text in a file: a choice, a date, a value kept for a newer version."""
KEY_MAX = 100
"""An identifier used as a key: a fact id, a criterion id, an unknown key kept for a newer version."""

ENTRIES_MAX = 200
"""Entries of one map (facts, an offer's facts, scores, weights) or of one list value."""
JUSTIFICATIONS_MAX = 10
"""Justifications in one dossier."""
OFFERS_MAX = 500
"""Market offers in one dossier."""
DEPTH_MAX = 16
"""Nesting of objects and lists in a file (the format itself needs 4)."""
FILE_BYTES_MAX = 10 * 1024 * 1024
"""Size of a dossier file."""

NUMBER_MAX = 10**15
"""The largest magnitude of a number (no answer of this application needs a larger one)."""
NUMBER_DIGITS_MAX = 40
"""The longest number literal read at all (digits, sign, point and exponent); longer is refused unread."""
YEAR_MIN, YEAR_MAX = 1900, 2999
"""The years a date or a time of a dossier may fall in."""

_CONTROLS_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROLS_LONG_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def control_characters(text: str, *, single_line: bool) -> list[str]:
    """The control characters of ``text`` that a field refuses, as ``U+001B`` codes (at most three)."""
    found: list[str] = []
    for seen, match in enumerate((_CONTROLS_ONE_LINE if single_line else _CONTROLS_LONG_TEXT).finditer(text)):
        shown = f"U+{ord(match.group()):04X}"
        if shown not in found:
            found.append(shown)
        if len(found) == 3 or seen == 100:
            break
    return found


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds half of a UTF-16 pair (JSON's ``\\ud800``): it cannot be written as UTF-8."""
    return _SURROGATE.search(text) is not None


def printable(text: str) -> str:
    """``text`` safe for a terminal: each control character (ESC, NUL, line breaks...) and each lone
    surrogate becomes U+FFFD, so that a stored title can never drive the terminal."""
    return text if text.isprintable() else _UNPRINTABLE.sub("\ufffd", text)


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff]")


def escape_unsafe_json(text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with DEL, the C1 controls and lone surrogates
    written as ``\\u`` escapes: still the same JSON, but safe to print and to encode in UTF-8 (the other
    control characters are escaped by ``json.dumps`` itself; none of these occurs outside a string)."""
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def clipped(text: str, maximum: int) -> str:
    """``text`` cut to ``maximum`` characters with an ellipsis (a view of data stored before a limit)."""
    return text if len(text) <= maximum else text[: maximum - 1] + "…"


# -- files a packager or an administrator writes ---------------------------------------------------------
YAML_FILE_BYTES_MAX = 2 * 1024 * 1024
"""Size of one rulebook file (the bundled ones are under 20 Ko)."""
YAML_DEPTH_MAX = 64
"""Nesting of mappings and lists in a rulebook file (the bundled ones need 10)."""
YAML_ALIASES_MAX = 500
"""Aliases (``*name``) in one rulebook file (the bundled ones use none)."""
YAML_NODES_MAX = 100_000
"""Values of one rulebook file once every alias is expanded (« billion laughs » needs billions; the
bundled files hold at most 1 000)."""
SITE_FILE_BYTES_MAX = 256 * 1024
"""Size of a ``site.toml`` (five short settings)."""
