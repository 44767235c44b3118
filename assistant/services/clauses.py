"""The clauses a dossier's conclusion calls for: for a stored dossier or a file, as text or JSON data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from assistant.domain import ClauseText
from assistant.paths import AppPaths
from assistant.rulebook import Rulebook
from assistant.services.context import AppContext
from assistant.services.dossiers import evaluate_file
from assistant.services.editing import evaluate_and_record

SECTION_NAMES = {"cctp": "CCTP", "ccap": "CCAP"}


def clauses_of_dossier(ctx: AppContext, dossier_id: int, as_of: date | None = None) -> tuple[ClauseText, ...]:
    return evaluate_and_record(ctx, dossier_id, None, as_of).clause_texts


def clauses_of_file(rulebook: Rulebook, path: Path, as_of: date | None = None) -> tuple[ClauseText, ...]:
    return evaluate_file(rulebook, path, as_of)[0].clause_texts


def clauses_json(texts: tuple[ClauseText, ...]) -> list[dict[str, Any]]:
    return [{"id": c.id, "title": c.title, "section": c.section, "text": c.text, "rules": list(c.rules),
             "reasons": list(c.explanations), "sources": list(c.sources)} for c in texts]


def clauses_text(rulebook: Rulebook, texts: tuple[ClauseText, ...]) -> str:
    """The clauses as plain French text, grouped by consultation document."""
    if not texts:
        return "La conclusion n'appelle aucune clause particulière.\n"
    lines: list[str] = []
    for section in ("cctp", "ccap"):
        chosen = [c for c in texts if c.section == section]
        if not chosen:
            continue
        lines += [f"== {SECTION_NAMES[section]} ==", ""]
        for clause in chosen:
            lines += [clause.title, "", clause.text, "",
                      "Pourquoi\u00a0: " + " ".join(clause.explanations),
                      "Sources\u00a0: " + "\u00a0; ".join(rulebook.source_title(s) for s in clause.sources), ""]
    return "\n".join(lines)


def write_clauses_odt(rulebook: Rulebook, title: str, texts: tuple[ClauseText, ...], out: Path,
                      *, as_of: date | None = None, paths: AppPaths | None = None) -> Path:
    """Write the clauses alone as an OpenDocument text, atomically (same refusals as a note)."""
    from assistant.reports.odt import build_clauses_odt
    from assistant.services.reporting import write_note

    write_note(out, build_clauses_odt(title, texts, rulebook, as_of=as_of or date.today()), paths)
    return out
