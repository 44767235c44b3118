"""Typed, frozen view of a rulebook directory (``rules/``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assistant.domain.messages import UserError
from assistant.rulebook.conditions import Condition
from assistant.rulebook.french import format_date, format_eur, format_number

SOURCES_PAGE = "sources"
"""The vademecum page built from ``sources.yaml`` (every other page is a file of ``resources/vademecum/``)."""


@dataclass(frozen=True)
class Problem:
    """A problem found in a rulebook or a dossier, in French, with where it is."""

    file: str
    line: int | None
    item: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line is not None else "")
        item = f"({self.item})" if where and self.item else self.item
        head = " ".join(part for part in (where, item) if part)
        return f"{head} : {self.message}" if head else self.message


class RulebookError(UserError):
    """An invalid rulebook; ``problems`` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    issuer: str
    date: str
    reference: str
    status: str  # confirmed | to_verify
    summary: str

    @property
    def to_verify(self) -> bool:
        return self.status != "confirmed"


@dataclass(frozen=True)
class Solution:
    id: str
    name: str
    circle: int | None
    """1, 2 or 3 for La Suite numérique's circles; None for a mutualised solution outside it."""
    categories: tuple[str, ...]
    operator: str
    status: str
    description: str
    sources: tuple[str, ...]
    conditions: str = ""
    note: str = ""
    circle_by_category: Mapping[str, int] = field(default_factory=dict)
    users: tuple[str, ...] | None = None
    """The buyer kinds that may use the solution (None: every public buyer)."""
    users_note: str = ""
    sensitive_data: bool = True
    """False for a solution opened for non-sensitive data only."""

    def circle_for(self, category: str) -> int | None:
        return self.circle_by_category.get(category, self.circle)

    def usable_by(self, kind: str | None) -> bool | None:
        """Whether a buyer of ``kind`` may use the solution; None when the kind is unknown and it matters."""
        if self.users is None:
            return True
        return None if kind is None else kind in self.users


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Default:
    """How a missing fact is filled: from another fact through a map, or with the evaluation date."""

    explanation: str
    from_fact: str = ""
    mapping: Mapping[str, Any] = field(default_factory=dict)
    otherwise: Any = None
    as_of: bool = False
    if_unknown: Any = None
    """The value when ``from_fact`` itself is unknown (None: the fact stays unknown)."""


@dataclass(frozen=True)
class Question:
    id: str
    step: str
    label: str
    help: str
    type: str
    sources: tuple[str, ...]
    page: str
    options: tuple[Option, ...] = ()
    when: Condition | None = None
    otherwise: Any = None
    justification: Condition | None = None
    justification_message: str = ""
    unit: str = ""
    minimum: float | None = None
    default: Default | None = None

    def option_label(self, value: Any) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return str(value)


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    help: str


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None
    value: float
    sources: tuple[str, ...]

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ParameterValue:
    """A parameter's value in force at a date, with the period and its sources."""

    id: str
    label: str
    unit: str
    value: float
    valid_from: date
    valid_to: date | None
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "from": self.valid_from.isoformat(),
            "to": self.valid_to.isoformat() if self.valid_to else None,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Parameter:
    id: str
    label: str
    unit: str
    basis: str  # consultation | as_of
    periods: tuple[Period, ...]

    def at(self, day: date) -> ParameterValue | None:
        for period in self.periods:
            if period.covers(day):
                return ParameterValue(
                    self.id, self.label, self.unit, period.value, period.start, period.end, period.sources
                )
        return None


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    outcome: Any
    explanation: str
    sources: tuple[str, ...]
    page: str
    stage: str = ""


@dataclass(frozen=True)
class OutcomeCheck:
    """Whether the dossier's own choices already meet one outcome of an ``each`` stage (``hosting``'s
    ``checks``): ``met`` or ``not_met`` when their condition holds, else ``to_check``."""

    outcome: str
    met: Condition | None
    not_met: Condition | None
    explanation: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Stage:
    """A rule file: how its rules combine (first, highest, each) and its default outcome."""

    id: str
    mode: str
    rules: tuple[Rule, ...]
    default: Any = None
    levels: tuple[str, ...] = ()
    default_rule: Rule | None = None
    relevant: Condition | None = None
    """When false, the facts missing to this stage are not reported (its outcome does not matter)."""
    checks: tuple[OutcomeCheck, ...] = ()


@dataclass(frozen=True)
class Clause:
    """A clause of the library (``clauses.yaml``): its title, the consultation document section it belongs to
    (``cctp`` or ``ccap``), its text template and its sources."""

    id: str
    title: str
    section: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class StageRun:
    """One entry of ``rulebook.yaml``'s ``stages``: a stage the engine runs, in order, and the derived fact
    its outcome becomes for the stages after it."""

    stage: str
    derived: str | None = None


@dataclass(frozen=True)
class Step:
    """A step of the guided dossier (``rulebook.yaml``'s ``steps``) and the facts the note shows for it."""

    id: str
    label: str
    note_facts: tuple[str, ...] = ()
    questions: bool = True
    note_labels: Mapping[str, str] = field(default_factory=dict)
    """Shorter labels the note uses for some of ``note_facts`` (else the question's label)."""
    """False for a step without questions of its own (the synthesis)."""


@dataclass(frozen=True)
class Requirement:
    """A requirement on market offers: binding where ``applies`` holds (a failing offer is blocked), a
    recommendation where ``advisory`` holds (the offer stays eligible, the requirement goes to ``to_check``)."""

    id: str
    applies: Condition | None
    satisfied: Condition
    explanation: str
    sources: tuple[str, ...]
    page: str
    advisory: Condition | None = None
    advisory_message: str = ""
    unknown_message: str = ""
    """The warning when the offer cannot be shown to meet a recommendation (else the engine's own)."""


@dataclass(frozen=True)
class OfferWarning:
    """A warning about one offer: ``applies`` on the dossier's facts, ``when`` on the offer's."""

    id: str
    applies: Condition | None
    when: Condition
    message: str
    sources: tuple[str, ...]
    page: str


@dataclass(frozen=True)
class WarningRule:
    id: str
    when: Condition
    message: str
    fact: str | None
    sources: tuple[str, ...]
    page: str


@dataclass(frozen=True, eq=False)
class Rulebook:
    """Everything in ``rules/``, checked and typed. Use the methods for labels and values in force."""

    id: str
    version: str
    published: str
    title: str
    digest: str
    path: Path
    sources: Mapping[str, Source]
    catalogue: tuple[Solution, ...]
    questions: tuple[Question, ...]
    questions_by_id: Mapping[str, Question]
    candidate_questions: tuple[Question, ...]
    candidate_questions_by_id: Mapping[str, Question]
    criteria: tuple[Criterion, ...]
    criteria_note: str
    criteria_sources: tuple[str, ...]
    labels: Mapping[str, Mapping[str, str]]
    parameters: Mapping[str, Parameter]
    stages: Mapping[str, Stage]
    requirements: tuple[Requirement, ...]
    warnings: tuple[WarningRule, ...]
    engine_messages: Mapping[str, str]
    stage_runs: tuple[StageRun, ...] = ()
    """The stages in the order the engine runs them."""
    steps: tuple[Step, ...] = ()
    pages: frozenset[str] = frozenset()
    """The vademecum pages rules, questions and warnings may point to."""
    offer_warnings: tuple[OfferWarning, ...] = ()
    default_weight: float = 1.0
    """The weight of a criterion the buyer has not weighted (``criteria.yaml``)."""
    clauses: Mapping[str, Clause] = field(default_factory=dict)
    """The clause library, by id."""

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule of every stage, in file order."""
        return tuple(rule for stage in self.stages.values() for rule in stage.rules)

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)

    def parameter(self, name: str, on: date) -> ParameterValue | None:
        """The value of ``name`` in force on ``on`` with its sources, or None outside every period."""
        param = self.parameters.get(name)
        return param.at(on) if param else None

    def question(self, fact: str) -> Question | None:
        """The question for a dossier fact, or an offer fact (``secnumcloud`` or ``offer.secnumcloud``)."""
        if fact in self.questions_by_id:
            return self.questions_by_id[fact]
        return self.candidate_questions_by_id.get(fact.removeprefix("offer."))

    def label(self, kind: str, value: Any) -> str:
        """French label of an outcome value: kind is path, sensitivity, hosting, procedure, blocking..."""
        return self.labels.get(kind, {}).get(str(value), str(value))

    def fact_label(self, fact: str) -> str:
        """The question's French label for a fact id (the id itself when unknown)."""
        question = self.question(fact)
        return question.label if question else fact

    def value_label(self, fact: str, value: Any) -> str:
        """French label of a fact's value: option label, oui/non, amount or date formatted."""
        return format_fact_value(self, fact, value)

    def source_title(self, source_id: str) -> str:
        """Title of a source, followed by « (à vérifier) » when its status is to_verify."""
        source = self.sources.get(source_id)
        if source is None:
            return source_id
        return source.title + (" (à vérifier)" if source.to_verify else "")

    def solutions_for(self, category: str) -> list[tuple[Solution, int | None]]:
        """Catalogued solutions serving ``category``, with their circle for it, by circle (La Suite's first,
        then the others) then id."""
        found = [(s, s.circle_for(category)) for s in self.catalogue if category in s.categories]
        return sorted(found, key=lambda pair: (pair[1] or 9, pair[0].id))


def format_fact_value(rulebook: Rulebook, fact: str, value: Any) -> str:
    """A fact's value as a buyer reads it."""
    question = rulebook.question(fact)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if question is None:
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    if isinstance(value, list):
        return ", ".join(question.option_label(v) for v in value) if value else "aucune"
    if question.unit and isinstance(value, int | float):
        return format_eur(value, question.unit)
    if question.type in ("integer", "number") and isinstance(value, int | float):
        return format_number(value)
    if question.type == "date" and isinstance(value, str):
        try:
            return format_date(value)
        except ValueError:
            return value
    return question.option_label(value)
