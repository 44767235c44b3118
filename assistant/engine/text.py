"""French text of an evaluation for buyers: the conclusion, then « Pourquoi » with each rule's sources."""

from __future__ import annotations

from assistant.domain import Evaluation
from assistant.rulebook.french import NBSP, format_date, quote
from assistant.rulebook.model import Rulebook
from assistant.rulebook.render import describe_offer


def _colon(label: str, value: str) -> str:
    return f"{label}{NBSP}: {value}"


def render_text(evaluation: Evaluation, rulebook: Rulebook) -> str:
    """The evaluation as plain French text (window, CLI ``--format text``, PDF body)."""
    ev = evaluation
    lines = [
        _colon("Voie retenue", rulebook.label("path", ev.path)),
    ]
    if ev.solutions:
        names = ", ".join(f"{s.name} ({rulebook.label('circle', s.circle).lower()})" for s in ev.solutions)
        lines.append(_colon("Solutions mutualisées de l'État", names))
    lines.append(_colon("Sensibilité des données", rulebook.label("sensitivity", ev.sensitivity)))
    if ev.hosting:
        lines.append(f"Exigences d'hébergement{NBSP}:")
        lines += [f"  – {rulebook.label('hosting', h)}" for h in ev.hosting]
    else:
        lines.append(_colon("Exigences d'hébergement", "aucune exigence particulière"))
    lines.append(_colon("Procédure", rulebook.label("procedure", ev.procedure)))
    lines.append(_colon("Avis de la DINUM", rulebook.label("dinum_opinion", ev.dinum_opinion)))
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
