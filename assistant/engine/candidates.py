"""Market offers: the requirements each one fails, those it cannot be checked against, its score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.domain import Candidate, CandidateResult, Notice, OfferDetails, TraceEntry
from assistant.engine.context import EvalContext
from assistant.engine.explain import explain, fill, reasons_of
from assistant.engine.prepare import valid_facts
from assistant.rulebook.conditions import Result, evaluate
from assistant.rulebook.model import Requirement


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


def _requirement_entry(req: Requirement, result: Result, key: str, ctx: EvalContext) -> TraceEntry:
    return TraceEntry(
        f"offers.{req.id}", "offers", key, req.id, reasons_of(result.because), req.sources,
        explain(req.explanation, ctx), req.page, result.params,
    )


def ranking(results: list[CandidateResult]) -> tuple[str, ...]:
    """The eligible offers, best weighted score first (ties: name order; unscored offers last)."""
    eligible = [r for r in results if r.eligible]
    eligible.sort(key=lambda r: (r.score is None, -(r.score or 0.0), r.name))
    return tuple(r.name for r in eligible)


def evaluate_offers(candidates: list[Candidate], weights: dict[str, Any], ctx: EvalContext) -> OffersOutcome:
    rulebook = ctx.rulebook
    out = OffersOutcome()
    criteria = tuple(c.id for c in rulebook.criteria)
    messages = rulebook.engine_messages
    never = Result(False)
    applying = [(req, evaluate(req.applies, ctx) if req.applies else never) for req in rulebook.requirements]
    advisory = {req.id: evaluate(req.advisory, ctx) if req.advisory else never for req in rulebook.requirements}
    offer_warnings = [
        (warning, evaluate(warning.applies, ctx).value if warning.applies else True)
        for warning in rulebook.offer_warnings
    ]
    if candidates:
        for req, applies in applying:
            if applies.value is True:
                out.trace.append(_requirement_entry(req, applies, "requirement", ctx))
            elif applies.value is None:
                out.missing += applies.missing
            elif advisory[req.id].value is True:
                out.trace.append(_requirement_entry(req, advisory[req.id], "recommendation", ctx))
    for candidate in candidates:
        offer, notices = valid_facts(
            rulebook, candidate.facts, rulebook.candidate_questions_by_id, prefix=f"{candidate.name} : "
        )
        out.notices += notices
        offer_ctx = ctx.with_offer(offer)
        blocking: list[str] = []
        undetermined: list[str] = []
        to_check: list[str] = []
        unknown_advisory: list[str] = []
        offer_missing: list[str] = []
        for req, applies in applying:
            recommended = applies.value is False and advisory[req.id].value is True
            if applies.value is False and not recommended:
                continue
            satisfied = evaluate(req.satisfied, offer_ctx)
            if satisfied.value is True:
                continue
            offer_missing += [m for m in satisfied.missing if m.startswith("offer.")]
            if recommended:  # a recommendation: the offer stays eligible, the buyer must look
                to_check.append(req.id)
                if satisfied.value is False or req.unknown_message:
                    text = req.advisory_message if satisfied.value is False else req.unknown_message
                    out.notices.append(
                        Notice(f"offers.{req.id}.advisory", fill(text, {"offer": candidate.name}), req.sources, None)
                    )
                else:
                    unknown_advisory.append(req.id)
            elif applies.value is True and satisfied.value is False:
                blocking.append(req.id)
            else:
                undetermined.append(req.id)
        for key, ids in (("offer_undetermined", undetermined), ("offer_to_check_unknown", unknown_advisory)):
            if ids:
                labels = ", ".join(f"« {rulebook.label('blocking', r)} »" for r in ids)
                text = fill(messages.get(key, "{offer}"), {"offer": candidate.name, "requirements": labels})
                out.notices.append(Notice(f"offers.{key.removeprefix('offer_')}", text, (), None))
        for warning, applies_value in offer_warnings:
            if applies_value is True and evaluate(warning.when, offer_ctx).value is True:
                text = fill(warning.message, {"offer": candidate.name})
                out.notices.append(Notice(warning.id, text, warning.sources, None))
        score, unscored = weighted_score(candidate.scores, weights, criteria, rulebook.default_weight)
        out.results.append(
            CandidateResult(
                candidate.name, not blocking and not undetermined, tuple(blocking), score, tuple(undetermined),
                tuple(to_check),
            )
        )
        out.details[candidate.name] = OfferDetails(
            tuple(sorted({m.removeprefix("offer.") for m in offer_missing})), tuple(unscored)
        )
    return out
