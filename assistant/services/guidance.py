"""What the guided flow needs beyond the evaluation: which questions to ask, which need a justification,
how complete each step is, and how offers rank under other weights.

A question is asked unless its ``when`` condition is false (an unknown condition keeps it asked, so that
nothing the doctrine may need is hidden); a justification is asked when its condition is true.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.domain import Dossier, Evaluation
from assistant.engine.candidates import weighted_score
from assistant.rulebook import Rulebook
from assistant.rulebook.conditions import Condition
from assistant.rulebook.conditions import evaluate as evaluate_condition
from assistant.rulebook.model import Question

STEPS: tuple[tuple[str, str], ...] = (
    ("besoin", "Besoin"),
    ("solutions", "Solutions existantes"),
    ("donnees", "Données et hébergement"),
    ("offres", "Offres du marché"),
    ("procedure", "Procédure"),
    ("synthese", "Synthèse"),
)


class _Facts:
    """A condition context over a dossier's facts: an absent fact is unknown."""

    def __init__(self, dossier: Dossier) -> None:
        self._dossier = dossier

    def lookup(self, fact: str) -> tuple[bool, Any, tuple[str, ...]]:
        facts = self._dossier.facts
        return (fact in facts, facts.get(fact), (fact,))

    def param(self, _name: str) -> float | None:
        return None

    def justified(self, fact: str) -> bool:
        return bool(self._dossier.justifications.get(fact, "").strip())


def _holds(condition: Condition | None, dossier: Dossier, *, unknown: bool) -> bool:
    if condition is None:
        return True
    value = evaluate_condition(condition, _Facts(dossier)).value
    return unknown if value is None else value


def is_asked(question: Question, dossier: Dossier) -> bool:
    return _holds(question.when, dossier, unknown=True)


def needs_justification(question: Question, dossier: Dossier) -> bool:
    return question.justification is not None and _holds(question.justification, dossier, unknown=False)


def questions_for_step(rulebook: Rulebook, step: str) -> list[Question]:
    return [q for q in rulebook.questions if q.step == step]


@dataclass(frozen=True)
class StepState:
    """How far a step is: asked questions, answered ones, justifications still missing."""

    asked: int
    answered: int
    justifications_missing: int

    @property
    def complete(self) -> bool:
        return self.answered == self.asked and self.justifications_missing == 0

    @property
    def symbol(self) -> str:
        if self.asked == 0 or self.complete:
            return "✓"
        return "◐" if self.answered else "○"


def step_state(rulebook: Rulebook, dossier: Dossier, step: str) -> StepState:
    asked = [q for q in questions_for_step(rulebook, step) if is_asked(q, dossier)]
    answered = sum(1 for q in asked if q.id in dossier.facts)
    unjustified = sum(
        1 for q in asked if needs_justification(q, dossier) and not dossier.justifications.get(q.id, "").strip()
    )
    return StepState(len(asked), answered, unjustified)


def ranking(evaluation: Evaluation) -> list[str]:
    """Names of the eligible offers with a score, best first (ties keep the buyer's order)."""
    scored = [c for c in evaluation.candidates if c.eligible and c.score is not None]
    return [c.name for c in sorted(scored, key=lambda c: -(c.score or 0.0))]




def first_with_equal_weights(
    rulebook: Rulebook, dossier: Dossier, evaluation: Evaluation
) -> tuple[str | None, str | None]:
    """(first eligible offer with the buyer's weights, first eligible offer with equal weights)."""
    criteria = tuple(c.id for c in rulebook.criteria)
    eligible = {c.name for c in evaluation.candidates if c.eligible}
    equal = [
        (score, -index, c.name)
        for index, c in enumerate(dossier.candidates)
        if c.name in eligible and (score := weighted_score(c.scores, {}, criteria, 1.0)[0]) is not None
    ]
    best_equal = max(equal, default=None)
    first = ranking(evaluation)
    return (first[0] if first else None, best_equal[2] if best_equal else None)
