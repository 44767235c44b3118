"""The rows of a conclusion's summary, built once for the panel, the text output, the note and the training
comparison: each row has its key, its French name, its raw value (to compare) and its values in French."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.domain import Evaluation, Reason
from assistant.rulebook.french import quote
from assistant.rulebook.model import Rulebook

OUTCOME_NAMES = {
    "path": "Voie retenue",
    "solutions": "Solutions mutualisées de l'État",
    "sensitivity": "Sensibilité des données",
    "hosting": "Exigences d'hébergement",
    "procedure": "Procédure",
    "dinum_opinion": "Avis de la DINUM",
    "retained": "Offre retenue",
}
"""The French name of each outcome of the summary, in the summary's order."""

NO_HOSTING = "Aucune exigence particulière"
NO_SOLUTION = "Aucune"
NO_RETAINED = "aucune offre retenue"


def hosting_status(rulebook: Rulebook, requirement: str, status: str) -> str:
    """What the chosen hosting says of a requirement: « satisfaite par l'hébergement choisi »..."""
    labels = rulebook.labels.get("hosting_check", {})
    return labels.get(f"{status}.{requirement}") or rulebook.label("hosting_check", status)


def retained_text(rulebook: Rulebook, evaluation: Evaluation) -> str:
    """« S2 (rang 1) », « S1 (bloquée) » or « aucune offre retenue »."""
    retained = evaluation.retained
    if retained is None:
        return NO_RETAINED
    if retained.rank is not None:
        return f"{retained.name} (rang {retained.rank})"
    result = next((c for c in evaluation.candidates if c.name == retained.name), None)
    status = rulebook.label("offer_status", result.status).lower() if result else "absente des offres"
    return f"{retained.name} ({status})"


@dataclass(frozen=True)
class SummaryRow:
    """One line of the summary: ``values`` are French labels (several for hosting and solutions)."""

    key: str
    name: str
    raw: Any
    values: tuple[str, ...]
    empty: str = ""
    """What to show when ``values`` is empty."""

    @property
    def text(self) -> str:
        """The values on one line (``; `` between several)."""
        return " ; ".join(self.values) or self.empty


def _dinum(rulebook: Rulebook, evaluation: Evaluation) -> str:
    label = rulebook.label("dinum_opinion", evaluation.dinum_opinion)
    details = evaluation.details.dinum_opinion
    if evaluation.dinum_opinion == "undetermined" and details is not None and details.missing:
        facts = ", ".join(quote(rulebook.fact_label(m)) for m in details.missing)
        return f"{label} ({facts})"
    return label


def summary_rows(rulebook: Rulebook, evaluation: Evaluation) -> tuple[SummaryRow, ...]:
    """The conclusion's summary: path, mutualised solutions, sensitivity, hosting (with what the chosen
    hosting says of each requirement), procedure, DINUM opinion, and the retained offer when there are offers."""
    ev = evaluation
    rows = [SummaryRow("path", OUTCOME_NAMES["path"], ev.path, (rulebook.label("path", ev.path),))]
    solutions = tuple(f"{s.name} ({rulebook.label('circle', s.circle or 0).lower()})" for s in ev.solutions)
    rows.append(SummaryRow("solutions", OUTCOME_NAMES["solutions"], frozenset(s.id for s in ev.solutions),
                           solutions, NO_SOLUTION))
    rows += [
        SummaryRow("sensitivity", OUTCOME_NAMES["sensitivity"], ev.sensitivity,
                   (rulebook.label("sensitivity", ev.sensitivity),)),
        SummaryRow("hosting", OUTCOME_NAMES["hosting"], frozenset(ev.hosting),
                   tuple(f"{rulebook.label('hosting', h)} ({hosting_status(rulebook, h, status)})"
                         for h, status in (ev.hosting_check or tuple((h, "to_check") for h in ev.hosting))),
                   NO_HOSTING),
        SummaryRow("procedure", OUTCOME_NAMES["procedure"], ev.procedure,
                   (rulebook.label("procedure", ev.procedure),)),
        SummaryRow("dinum_opinion", OUTCOME_NAMES["dinum_opinion"], ev.dinum_opinion, (_dinum(rulebook, ev),)),
    ]
    if ev.candidates or ev.retained is not None:
        rows.append(SummaryRow("retained", OUTCOME_NAMES["retained"], ev.retained,
                               (retained_text(rulebook, ev),)))
    return tuple(rows)


def summary_row(rulebook: Rulebook, evaluation: Evaluation, key: str) -> SummaryRow:
    """One row of the summary by key."""
    return next(row for row in summary_rows(rulebook, evaluation) if row.key == key)


DERIVED = {
    "path": ("Voie", "path"),
    "sensitivity": ("Sensibilité", "sensitivity"),
    "hosting": ("Exigences d'hébergement", "hosting"),
    "procedure": ("Procédure", "procedure"),
    "secnumcloud_binding": ("Portée de l'exigence SecNumCloud", "secnumcloud_binding"),
    "mutualised_circle": ("Cercle de la solution mutualisée", "circle"),
    "mutualised_available": ("Solution mutualisée cataloguée pour ce besoin", ""),
}
"""Values the engine derives and cites in its reasons: the French noun and the label kind of each."""


def reason_text(rulebook: Rulebook, reason: Reason) -> str:
    """A trace reason in the buyer's words: the question and its answer « … », or the derived value."""
    fact, value = reason.fact, reason.value
    if fact.startswith("derived."):
        noun, kind = DERIVED.get(fact.removeprefix("derived."), ("", ""))
        if not noun:
            return reason.text
        values = value if isinstance(value, list | tuple) else [value]
        shown = ", ".join(rulebook.label(kind, v) if kind else rulebook.value_label("", v) for v in values)
        return f"{noun} {quote(shown)}"
    if rulebook.question(fact) is None:
        return reason.text
    return f"{rulebook.fact_label(fact)} {quote(rulebook.value_label(fact, value))}"


NO_ANSWER = "sans réponse"


def answer_text(rulebook: Rulebook, facts: Mapping[str, Any], fact: str, defaults: Mapping[str, Any]) -> str:
    """An answer as the note shows it: its label, a deduced default marked as such, or « sans réponse »."""
    if fact in facts:
        return rulebook.value_label(fact, facts[fact])
    if fact in defaults:
        return f"{rulebook.value_label(fact, defaults[fact])} (valeur déduite, sans réponse)"
    return NO_ANSWER
