"""French text of an evaluation for buyers: the conclusion, then « Pourquoi » with each rule's sources."""

from __future__ import annotations

from assistant.domain import Evaluation
from assistant.rulebook.french import NBSP, format_date, quote
from assistant.rulebook.model import Rulebook
from assistant.rulebook.render import describe_offer
from assistant.rulebook.summary import summary_rows


def _colon(label: str, value: str) -> str:
    return f"{label}{NBSP}: {value}"


def render_text(evaluation: Evaluation, rulebook: Rulebook) -> str:
    """The evaluation as plain French text (window, CLI ``--format text``, PDF body)."""
    ev = evaluation
    lines = []
    for row in summary_rows(rulebook, ev):
        if row.key == "hosting" and row.values:
            lines.append(f"{row.name}{NBSP}:")
            lines += [f"  – {value}" for value in row.values]
        elif row.key == "hosting":
            lines.append(_colon(row.name, row.empty.lower()))
        else:
            lines.append(_colon(row.name, ", ".join(row.values) or row.empty.lower()))
    if ev.candidates:
        lines.append(f"Offres du marché{NBSP}:")
        for c in ev.candidates:
            score = "sans note" if c.score is None else f"note {str(c.score).replace('.', ',')}/5"
            lines.append(f"  – {quote(c.name)}{NBSP}: {describe_offer(rulebook, c)} ({score})")
    if ev.missing:
        lines.append(f"Réponses manquantes{NBSP}:")
        lines += [f"  – {rulebook.fact_label(m)} ({m})" for m in ev.missing]
    if ev.warnings:
        lines.append(f"Avertissements{NBSP}:")
        lines += [f"  – {w.message}" for w in ev.warnings]
    lines += ["", f"Pourquoi{NBSP}:"]
    for entry in ev.trace:
        lines.append(f"  – {entry.explanation}")
        if entry.sources:
            lines.append(_colon("    Sources", " ; ".join(rulebook.source_title(s) for s in entry.sources)))
    ref = ev.rulebook
    lines += [
        "",
        f"Référentiel {ref.id} {ref.version} ({ref.digest[:19]}…), évaluation au {format_date(ref.as_of)}.",
    ]
    return "\n".join(lines) + "\n"
