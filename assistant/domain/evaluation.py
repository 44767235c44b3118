"""The result of evaluating a dossier against a rulebook (``dossier-format.md`` section 3).

``Evaluation.to_dict()`` gives the JSON of the contract; its key order and content depend only on the
dossier, the rulebook and the date, so that the same inputs give byte-identical output.

Reasons travel as data: a :class:`TraceEntry` holds its stage, its outcome value, the (fact, value) pairs
that made it fire and the parameters it compared against. The contract's strings (``outcome``,
``because``) are produced from that structure, never parsed back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STAGE_OUTPUTS = ("path", "sensitivity", "secnumcloud_binding", "hosting", "procedure", "dinum_opinion", "clauses")
"""The evaluation's fields that a stage of rules fills (``rulebook.yaml``'s ``stages`` names them): each must
be run, and a stage that fills none of them is refused."""


def show_value(value: Any) -> str:
    """A value as the trace writes it: ``true``, ``60000``, ``[a, b]``, ``state_administration``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show_value(v) for v in value) + "]"
    return str(value)


@dataclass(frozen=True)
class RulebookRef:
    """Which rulebook gave an evaluation, and at which date."""

    id: str
    version: str
    digest: str
    as_of: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "digest": self.digest, "as_of": self.as_of}


@dataclass(frozen=True)
class SolutionMatch:
    """A mutualised State solution that serves the need."""

    id: str
    name: str
    circle: int | None
    """None for a mutualised solution outside La Suite numérique."""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "circle": self.circle}


@dataclass(frozen=True)
class CandidateResult:
    """A market offer's eligibility, the requirements it fails and its weighted score (0-5)."""

    name: str
    eligible: bool
    blocking: tuple[str, ...] = ()
    score: float | None = None
    undetermined: tuple[str, ...] = ()
    """Requirements that cannot be checked because a fact of the offer is unknown."""
    to_check: tuple[str, ...] = ()
    """Requirements that bind this buyer only as a recommendation and that the offer does not meet, or
    cannot be shown to meet: the offer stays eligible, the buyer must look."""

    @property
    def status(self) -> str:
        """``eligible``, ``blocked`` (a requirement fails) or ``to_check`` (answers missing to decide)."""
        if self.eligible:
            return "eligible"
        return "blocked" if self.blocking else "to_check"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "eligible": self.eligible,
            "blocking": list(self.blocking),
            "to_check": list(self.to_check),
            "score": self.score,
            "undetermined": list(self.undetermined),
        }


@dataclass(frozen=True)
class Retained:
    """The offer the buyer retains: whether it is eligible, and its rank among the eligible offers."""

    name: str
    eligible: bool
    rank: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "eligible": self.eligible, "rank": self.rank}


@dataclass(frozen=True)
class Reason:
    """A fact (or a ``derived.*`` outcome) and the value that made a rule fire."""

    fact: str
    value: Any

    @property
    def text(self) -> str:
        """The contract's ``because`` string: ``fact = value``."""
        return f"{self.fact} = {show_value(self.value)}"


@dataclass(frozen=True)
class TraceEntry:
    """One rule that fired: its stage, what it concluded, on which facts, citing which sources.

    ``key`` and ``value`` are the outcome (``path`` and ``buy_market``; ``requirement`` and an id for an
    offer requirement; a fact id and its value for a default). ``parameters`` are the ids of the dated
    parameters the rule compared the facts against. ``explanation`` is the French sentence shown to the
    buyer (window, CLI text, PDF).
    """

    rule: str
    stage: str
    key: str
    value: Any
    reasons: tuple[Reason, ...]
    sources: tuple[str, ...]
    explanation: str = ""
    page: str | None = None
    """The vademecum page that explains the rule, if any."""
    parameters: tuple[str, ...] = ()

    @property
    def outcome(self) -> str:
        """The contract's ``outcome`` string: ``key=value``."""
        return f"{self.key}={show_value(self.value)}"

    @property
    def because(self) -> tuple[str, ...]:
        return tuple(reason.text for reason in self.reasons)

    def mentions(self, fact: str) -> bool:
        """Whether ``fact`` is one of the reasons this rule fired."""
        return any(reason.fact == fact for reason in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "outcome": self.outcome,
            "because": list(self.because),
            "sources": list(self.sources),
            "explanation": self.explanation,
        }
        if self.page is not None:
            data["page"] = self.page
        return data


@dataclass(frozen=True)
class Notice:
    """A warning with its id and sources; the JSON ``warnings`` list carries its French message."""

    id: str
    message: str
    sources: tuple[str, ...] = ()
    fact: str | None = None
    """The fact (question) the warning is about, so that the window can link to it."""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "message": self.message, "sources": list(self.sources), "fact": self.fact}


@dataclass(frozen=True)
class ClauseText:
    """A clause the conclusion calls for, its text filled from the dossier, and the rules that call it."""

    id: str
    title: str
    section: str
    """``cctp`` or ``ccap``: the consultation document it belongs to."""
    text: str
    rules: tuple[str, ...]
    sources: tuple[str, ...]
    explanations: tuple[str, ...] = ()
    """Why: the explanation of each rule that calls the clause."""


@dataclass(frozen=True)
class AppliedParameter:
    """A dated parameter's value in force at the date it was read, with its period and sources."""

    id: str
    label: str
    value: float
    unit: str
    valid_from: str
    valid_to: str | None
    sources: tuple[str, ...]
    read_on: str = ""
    """The date the value was looked up at (consultation date or evaluation date)."""
    basis: str = "consultation"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "from": self.valid_from,
            "to": self.valid_to,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class ProcedureDetails:
    consultation_date: str
    rule: str | None
    thresholds: tuple[AppliedParameter, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"consultation_date": self.consultation_date, "rule": self.rule,
                "thresholds": [t.to_dict() for t in self.thresholds]}


@dataclass(frozen=True)
class SecNumCloudDetails:
    binding: str | None
    applies: bool

    def to_dict(self) -> dict[str, Any]:
        return {"binding": self.binding, "applies": self.applies}


@dataclass(frozen=True)
class DinumDetails:
    required: bool | None
    rule: str | None
    threshold: AppliedParameter | None
    missing: tuple[str, ...] = ()
    """The facts whose answer would settle the opinion when it is undetermined."""

    def to_dict(self) -> dict[str, Any]:
        return {"required": self.required, "rule": self.rule,
                "threshold": self.threshold.to_dict() if self.threshold else None}


@dataclass(frozen=True)
class OfferDetails:
    missing_facts: tuple[str, ...] = ()
    unscored: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"missing_facts": list(self.missing_facts), "unscored": list(self.unscored)}


@dataclass(frozen=True)
class Details:
    """The evaluation's extra outcome fields: defaults applied, procedure, SecNumCloud scope, DINUM opinion,
    what each offer lacks, and every parameter a fired rule compared against."""

    defaults: dict[str, Any] = field(default_factory=dict)
    procedure: ProcedureDetails | None = None
    secnumcloud: SecNumCloudDetails | None = None
    dinum_opinion: DinumDetails | None = None
    candidates: dict[str, OfferDetails] = field(default_factory=dict)
    parameters: tuple[AppliedParameter, ...] = ()
    """Every parameter the fired rules compared against, in the order they fired (the note's « Seuils
    appliqués »)."""

    def offer(self, name: str) -> OfferDetails:
        return self.candidates.get(name, OfferDetails())

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"defaults": self.defaults}
        if self.procedure is not None:
            data["procedure"] = self.procedure.to_dict()
        if self.secnumcloud is not None:
            data["secnumcloud"] = self.secnumcloud.to_dict()
        if self.dinum_opinion is not None:
            data["dinum_opinion"] = self.dinum_opinion.to_dict()
        data["candidates"] = {name: d.to_dict() for name, d in self.candidates.items()}
        return data


@dataclass(frozen=True)
class Evaluation:
    """Everything the engine concludes about a dossier, with its trace."""

    rulebook: RulebookRef
    path: str
    solutions: tuple[SolutionMatch, ...] = ()
    sensitivity: str = "undetermined"
    hosting: tuple[str, ...] = ()
    hosting_check: tuple[tuple[str, str], ...] = ()
    """For each requirement of ``hosting``, whether the chosen hosting mode meets it: ``met``, ``not_met``,
    ``to_check``."""
    procedure: str = "undetermined"
    dinum_opinion_required: bool = False
    candidates: tuple[CandidateResult, ...] = ()
    ranking: tuple[str, ...] = ()
    """The eligible offers' names, best weighted score first (ties: name order; unscored offers last)."""
    retained: Retained | None = None
    unverified_sources: tuple[str, ...] = ()
    """Ids of the sources marked « à vérifier » that a rule which fired cites."""
    missing: tuple[str, ...] = ()
    warnings: tuple[Notice, ...] = ()
    trace: tuple[TraceEntry, ...] = ()
    details: Details = field(default_factory=Details)
    dinum_opinion: str = "not_required"
    """``required``, ``not_required`` or ``undetermined``: unlike the contract's boolean
    ``dinum_opinion_required`` (false when unknown), it never reads an unknown answer as « non »."""
    asked: frozenset[str] = frozenset()
    """The questions asked of this dossier (their ``when`` is not false on the engine's facts)."""
    to_justify: frozenset[str] = frozenset()
    """The questions whose answer needs a justification (their condition holds on the engine's facts)."""
    clauses: tuple[str, ...] = ()
    """Ids of the clauses the conclusion calls for (``rules/clauses.yaml``)."""
    clause_texts: tuple[ClauseText, ...] = ()
    """Those clauses with their text filled from the dossier and the rules that call them."""

    def entries(self, stage: str) -> tuple[TraceEntry, ...]:
        """The trace entries of one stage (``path``, ``procedure``, ``offers``, ``defaults``...)."""
        return tuple(entry for entry in self.trace if entry.stage == stage)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rulebook": self.rulebook.to_dict(),
            "path": self.path,
            "solutions": [s.to_dict() for s in self.solutions],
            "sensitivity": self.sensitivity,
            "hosting": list(self.hosting),
            "hosting_check": dict(self.hosting_check),
            "procedure": self.procedure,
            "dinum_opinion_required": self.dinum_opinion_required,
            "dinum_opinion": self.dinum_opinion,
            "candidates": [c.to_dict() for c in self.candidates],
            "ranking": list(self.ranking),
            "retained": self.retained.to_dict() if self.retained else None,
            "unverified_sources": list(self.unverified_sources),
            "missing": list(self.missing),
            "warnings": [w.message for w in self.warnings],
            "warning_details": [w.to_dict() for w in self.warnings],
            "trace": [t.to_dict() for t in self.trace],
            "clauses": list(self.clauses),
            "details": self.details.to_dict(),
        }
