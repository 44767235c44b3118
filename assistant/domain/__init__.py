"""Plain domain objects shared by every layer: no Qt, no SQL, no I/O."""

from assistant.domain.dossier import Candidate, Dossier
from assistant.domain.evaluation import (
    STAGE_OUTPUTS,
    AppliedParameter,
    CandidateResult,
    ClauseText,
    Details,
    DinumDetails,
    Evaluation,
    Notice,
    OfferDetails,
    ProcedureDetails,
    Reason,
    Retained,
    RulebookRef,
    SecNumCloudDetails,
    SolutionMatch,
    TraceEntry,
    show_value,
)

__all__ = [
    "STAGE_OUTPUTS",
    "AppliedParameter",
    "Candidate",
    "CandidateResult",
    "ClauseText",
    "Details",
    "DinumDetails",
    "Dossier",
    "Evaluation",
    "Notice",
    "OfferDetails",
    "ProcedureDetails",
    "Reason",
    "Retained",
    "RulebookRef",
    "SecNumCloudDetails",
    "SolutionMatch",
    "TraceEntry",
    "show_value",
]
