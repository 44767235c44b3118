"""Market offers: the requirements each one fails, those it cannot be checked against, its score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.domain import Candidate, CandidateResult, Notice, OfferDetails, TraceEntry
from assistant.engine.context import EvalContext
from assistant.engine.explain import explain, fill, reasons_of
from assistant.engine.prepare import valid_facts
from assistant.rulebook.conditions import evaluate


@dataclass
class OffersOutcome:
    results: list[CandidateResult] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    details: dict[str, OfferDetails] = field(default_factory=dict)


def weighted_score(
    scores: dict[str, Any], weights: dict[str, Any], criteria: tuple[str, ...], default_weight: float
) -> tuple[float | None, list[str]]:
    """Weighted mean (0-5) of the criteria the offer is scored on; None when none is scored.

    Unscored criteria are left out (not counted as 0) and listed, so that the buyer sees them.
    """
    total = weight_sum = 0.0
    unscored = []
    for criterion in criteria:
        score = scores.get(criterion)
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 5:
            unscored.append(criterion)
            continue
        weight = weights.get(criterion, default_weight)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            weight = default_weight
        total += weight * score
        weight_sum += weight
    return (round(total / weight_sum, 2) if weight_sum > 0 else None), unscored


def evaluate_offers(candidates: list[Candidate], weights: dict[str, Any], ctx: EvalContext) -> OffersOutcome:
    rulebook = ctx.rulebook
    out = OffersOutcome()
    criteria = tuple(c.id for c in rulebook.criteria)
    messages = rulebook.engine_messages
    applying = [(req, evaluate(req.applies, ctx)) for req in rulebook.requirements]
    advisory = {
        req.id: evaluate(req.advisory, ctx).value if req.advisory else False for req in rulebook.requirements
    }
    if candidates:
        for req, applies in applying:
            if applies.value is True:
                out.trace.append(
                    TraceEntry(
                        f"offers.{req.id}",
                        "offers",
                        "requirement",
                        req.id,
                        reasons_of(applies.because),
                        req.sources,
                        explain(req.explanation, ctx),
                        req.page,
                        applies.params,
                    )
                )
            elif applies.value is None:
                out.missing += applies.missing
    for candidate in candidates:
        offer, notices = valid_facts(
            rulebook, candidate.facts, rulebook.candidate_questions_by_id, prefix=f"{candidate.name} : "
        )
        out.notices += notices
        offer_ctx = ctx.with_offer(offer)
        blocking: list[str] = []
        undetermined: list[str] = []
        offer_missing: list[str] = []
        for req, applies in applying:
            if applies.value is False and not advisory[req.id]:
                continue
            satisfied = evaluate(req.satisfied, offer_ctx)
            if applies.value is False:  # advisory only
                if satisfied.value is False:
                    text = fill(req.advisory_message, {"offer": candidate.name})
                    out.notices.append(Notice(f"offers.{req.id}.advisory", text, req.sources, None))
                continue
            if satisfied.value is True:
                continue
            if applies.value is True and satisfied.value is False:
                blocking.append(req.id)
            else:
                undetermined.append(req.id)
                offer_missing += [m for m in satisfied.missing if m.startswith("offer.")]
        if undetermined:
            labels = ", ".join(f"« {rulebook.label('blocking', r)} »" for r in undetermined)
            text = fill(
                messages.get("offer_undetermined", "{offer}"),
                {"offer": candidate.name, "requirements": labels},
            )
            out.notices.append(Notice("offers.undetermined", text, (), None))
        score, unscored = weighted_score(candidate.scores, weights, criteria, rulebook.default_weight)
        out.results.append(
            CandidateResult(
                candidate.name, not blocking and not undetermined, tuple(blocking), score, tuple(undetermined)
            )
        )
        out.details[candidate.name] = OfferDetails(
            tuple(sorted({m.removeprefix("offer.") for m in offer_missing})), tuple(unscored)
        )
    return out
