"""Check a dossier's answers against the rulebook's questions: types, options, unknown ids."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from assistant.domain import Dossier, limits
from assistant.rulebook.model import Problem, Question, Rulebook

LARGEST = limits.NUMBER_MAX
"""No answer of this application needs a larger number (a sanity bound, not a legal figure)."""
SHOWN_MAX = 60
"""Characters of a wrong value quoted in a message."""


def _shown(value: Any) -> str:
    text = limits.printable(str(value))
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def value_problem(question: Question, value: Any) -> str | None:
    """Why ``value`` is not a valid answer to ``question`` (French), or None when it is valid."""
    kind = question.type
    shown = f"« {_shown(value)} » reçu"
    if kind == "bool":
        return None if isinstance(value, bool) else f"oui ou non (true ou false) est attendu, {shown}"
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"un nombre entier est attendu, {shown}"
        if abs(value) > LARGEST:
            return f"un nombre d'au plus 15 chiffres est attendu, {shown}"
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"un nombre est attendu, {shown}"
        if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > LARGEST:
            return f"un nombre fini d'au plus 15 chiffres est attendu, {shown}"
    elif kind == "date":
        try:
            day = date.fromisoformat(value) if isinstance(value, str) else date.fromisoformat("")
        except ValueError:
            return f"une date AAAA-MM-JJ est attendue, {shown}"
        if not limits.YEAR_MIN <= day.year <= limits.YEAR_MAX:
            return f"une date entre {limits.YEAR_MIN} et {limits.YEAR_MAX} est attendue, {shown}"
        return None
    elif kind == "text":
        return None if isinstance(value, str) else f"un texte est attendu, {shown}"
    elif kind == "choice":
        allowed = [o.value for o in question.options]
        return (
            None
            if value in allowed and isinstance(value, str)
            else (f"valeur inconnue, {shown} (valeurs possibles : {', '.join(allowed)})")
        )
    elif kind == "multi_choice":
        allowed = [o.value for o in question.options]
        if not isinstance(value, list):
            return f"une liste est attendue, {shown}"
        wrong = [_shown(v) for v in value if v not in allowed][:5]
        return f"valeurs inconnues {wrong} (valeurs possibles : {', '.join(allowed)})" if wrong else None
    if question.minimum is not None and value < question.minimum:
        return f"une valeur d'au moins {question.minimum:g} est attendue, {shown}"
    return None


def check_facts(rulebook: Rulebook, facts: dict[str, Any], prefix: str, offer: bool) -> list[Problem]:
    """Problems of one map of facts; ``prefix`` names the field (``facts`` or ``candidates[0].facts``)."""
    problems = []
    by_id = rulebook.candidate_questions_by_id if offer else rulebook.questions_by_id
    for fact, value in facts.items():
        question = by_id.get(fact)
        field = f"{prefix}.{fact}"
        if question is None:
            problems.append(Problem("", None, field, "fait inconnu de ce référentiel", "warning"))
            continue
        problem = value_problem(question, value)
        if problem:
            problems.append(Problem("", None, field, problem))
    return problems


def check_dossier_facts(rulebook: Rulebook, dossier: Dossier) -> list[Problem]:
    """Errors (wrong type, unknown option) and warnings (unknown ids) for a dossier's answers."""
    problems = check_facts(rulebook, dossier.facts, "facts", offer=False)
    criteria = {c.id for c in rulebook.criteria}
    for i, candidate in enumerate(dossier.candidates):
        prefix = f"candidates[{i}]"
        problems += check_facts(rulebook, candidate.facts, f"{prefix}.facts", offer=True)
        for criterion, score in candidate.scores.items():
            field = f"{prefix}.scores.{criterion}"
            if criterion not in criteria:
                problems.append(Problem("", None, field, "critère inconnu", "warning"))
            elif isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 5:
                problems.append(Problem("", None, field, f"une note de 0 à 5 est attendue, « {score} » reçu"))
    for criterion, weight in dossier.weights.items():
        field = f"weights.{criterion}"
        if criterion not in criteria:
            problems.append(Problem("", None, field, "critère inconnu", "warning"))
        elif isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            problems.append(
                Problem("", None, field, f"un poids positif ou nul est attendu, « {weight} » reçu")
            )
    return problems
