"""The result of evaluating a dossier against a rulebook (``dossier-format.md`` section 3).

``Evaluation.to_dict()`` gives the JSON of the contract; its key order and content depend only on the
dossier, the rulebook and the date, so that the same inputs give byte-identical output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    circle: int

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
            "score": self.score,
            "undetermined": list(self.undetermined),
        }


@dataclass(frozen=True)
class TraceEntry:
    """One rule that fired: what it concluded, on which facts, citing which sources.

    ``explanation`` is the French sentence shown to the buyer (window, CLI text, PDF).
    """

    rule: str
    outcome: str
    because: tuple[str, ...]
    sources: tuple[str, ...]
    explanation: str = ""
    page: str | None = None
    """The vademecum page that explains the rule, if any."""

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
class Evaluation:
    """Everything the engine concludes about a dossier, with its trace."""

    rulebook: RulebookRef
    path: str
    solutions: tuple[SolutionMatch, ...] = ()
    sensitivity: str = "undetermined"
    hosting: tuple[str, ...] = ()
    procedure: str = "undetermined"
    dinum_opinion_required: bool = False
    candidates: tuple[CandidateResult, ...] = ()
    missing: tuple[str, ...] = ()
    warnings: tuple[Notice, ...] = ()
    trace: tuple[TraceEntry, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    """Extra outcome fields (thresholds applied, binding or advisory...), JSON-ready."""
    dinum_opinion: str = "not_required"
    """``required``, ``not_required`` or ``undetermined``: unlike the contract's boolean
    ``dinum_opinion_required`` (false when unknown), it never reads an unknown answer as « non »."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rulebook": self.rulebook.to_dict(),
            "path": self.path,
            "solutions": [s.to_dict() for s in self.solutions],
            "sensitivity": self.sensitivity,
            "hosting": list(self.hosting),
            "procedure": self.procedure,
            "dinum_opinion_required": self.dinum_opinion_required,
            "dinum_opinion": self.dinum_opinion,
            "candidates": [c.to_dict() for c in self.candidates],
            "missing": list(self.missing),
            "warnings": [w.message for w in self.warnings],
            "warning_details": [w.to_dict() for w in self.warnings],
            "trace": [t.to_dict() for t in self.trace],
            "details": self.details,
        }
