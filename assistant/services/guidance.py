"""What the guided flow needs beyond the evaluation: which questions to ask, which need a justification,
how complete each step is, and how offers rank under other weights.

A question is asked unless its ``when`` condition is false (an unknown condition keeps it asked, so that
nothing the doctrine may need is hidden); a justification is asked when its condition is true. Both are
decided by the engine, on the same facts as its conclusions (``Evaluation.asked`` and ``to_justify``).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain import Dossier, Evaluation
from assistant.engine.candidates import weighted_score
from assistant.rulebook import Rulebook
from assistant.rulebook.model import Question, Step


def steps(rulebook: Rulebook) -> tuple[Step, ...]:
    """The guided dossier's steps, in order, as ``rulebook.yaml`` lists them."""
    return rulebook.steps


def is_asked(question: Question, evaluation: Evaluation) -> bool:
    """Whether the question is asked: its ``when`` is not false on the engine's facts."""
    return question.id in evaluation.asked


def needs_justification(question: Question, evaluation: Evaluation) -> bool:
    """Whether the answer needs a written justification (its condition holds on the engine's facts)."""
    return question.id in evaluation.to_justify


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


def step_state(rulebook: Rulebook, dossier: Dossier, evaluation: Evaluation, step: str) -> StepState:
    asked = [q for q in questions_for_step(rulebook, step) if is_asked(q, evaluation)]
    answered = sum(1 for q in asked if q.id in dossier.facts)
    unjustified = sum(
        1 for q in asked
        if needs_justification(q, evaluation) and not dossier.justifications.get(q.id, "").strip()
    )
    return StepState(len(asked), answered, unjustified)


def ranking(evaluation: Evaluation) -> list[str]:
    """Names of the eligible offers with a score, in the evaluation's ranking (best first, ties by name)."""
    scored = {c.name for c in evaluation.candidates if c.eligible and c.score is not None}
    return [name for name in evaluation.ranking if name in scored]




def first_with_equal_weights(
    rulebook: Rulebook, dossier: Dossier, evaluation: Evaluation
) -> tuple[str | None, str | None]:
    """(first eligible offer with the buyer's weights, first eligible offer with equal weights)."""
    criteria = tuple(c.id for c in rulebook.criteria)
    eligible = {c.name for c in evaluation.candidates if c.eligible}
    equal = [
        (score, -index, c.name)
        for index, c in enumerate(dossier.candidates)
        if c.name in eligible
        and (score := weighted_score(c.scores, {}, criteria, rulebook.default_weight)[0]) is not None
    ]
    best_equal = max(equal, default=None)
    first = ranking(evaluation)
    return (first[0] if first else None, best_equal[2] if best_equal else None)
