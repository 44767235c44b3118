"""Build notes from the example dossiers and read them back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from assistant.domain import Candidate, Dossier
from assistant.engine import evaluate
from assistant.exchange import read_dossier_file
from assistant.reports import build_note

EXAMPLES = Path(__file__).parents[1] / "fixtures" / "examples"
AS_OF = date(2026, 11, 30)


def example(name: str) -> Dossier:
    return read_dossier_file(EXAMPLES / f"{name}.json")


def note(rulebook, dossier: Dossier, **options) -> bytes:  # type: ignore[no-untyped-def]
    evaluation = evaluate(rulebook, dossier, AS_OF)
    return build_note(dossier, evaluation, rulebook, as_of=AS_OF, **options)


def flat(text: str) -> str:
    """Whitespace (line breaks, no-break spaces) collapsed, so that wrapped sentences compare equal."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def pages_text(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def many_offers(base: Dossier, count: int) -> Dossier:
    template = base.candidates[0]
    base.candidates = [
        Candidate(f"Offre n° {i + 1:02d}", dict(template.facts),
                  {k: (v + i) % 6 for k, v in template.scores.items()})
        for i in range(count)
    ]
    return base
