"""Plain domain objects shared by every layer: no Qt, no SQL, no I/O."""

from assistant.domain.dossier import Candidate, Dossier
from assistant.domain.evaluation import (
    CandidateResult,
    Evaluation,
    Notice,
    RulebookRef,
    SolutionMatch,
    TraceEntry,
)

__all__ = [
    "Candidate",
    "CandidateResult",
    "Dossier",
    "Evaluation",
    "Notice",
    "RulebookRef",
    "SolutionMatch",
    "TraceEntry",
]
