"""Editing one dossier: answer, justify, set the offers and weights, go back to a snapshot, and evaluate and
record the conclusion. Each write is one transaction; the returned evaluation is what the window shows."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.domain import Candidate, Dossier, Evaluation
from assistant.engine import evaluate
from assistant.services.context import AppContext
from assistant.storage.repository import ConflictError, ServerLostError

__all__ = ["ConflictError", "ServerLostError"]
"""The dossier changed since it was read (the window reloads it); the shared base's server stopped
answering (the window keeps what was typed and tries again)."""


def answer(ctx: AppContext, dossier_id: int, fact: str, value: Any, *, version: int | None = None) -> int:
    """Store an answer (``None`` forgets it: « Je ne sais pas »). ``version``: the dossier's version the
    caller read; a save over a newer one (another buyer's change) is refused with a French ``UserError``
    naming who changed it and when. Returns the dossier's version after the save."""
    return ctx.repository.set_fact(dossier_id, fact, value, expected_version=version)


def justify(ctx: AppContext, dossier_id: int, fact: str, text: str, *, version: int | None = None) -> int:
    """Store the written justification of an answer (empty text removes it); ``version`` as for ``answer``."""
    return ctx.repository.set_justification(dossier_id, fact, text, expected_version=version)


def set_offers(ctx: AppContext, dossier_id: int, candidates: list[Candidate], weights: dict[str, float], *,
               version: int | None = None) -> int:
    """Store the market offers and the buyer's weights; ``version`` as for ``answer``."""
    return ctx.repository.set_offers(dossier_id, list(candidates), dict(weights), expected_version=version)


def set_retained(ctx: AppContext, dossier_id: int, name: str | None, *, version: int | None = None) -> int:
    """Store the offer the buyer retains (``None``: no offer retained yet); ``version`` as for ``answer``."""
    return ctx.repository.set_retained(dossier_id, name, expected_version=version)


def replace_answers(ctx: AppContext, dossier_id: int, dossier: Dossier, reason: str, *,
                    version: int | None = None) -> int:
    """Put back every answer, justification, offer and weight of ``dossier`` (« Revenir au cas »)."""
    return ctx.repository.replace_answers(dossier_id, dossier, reason, expected_version=version)


def evaluate_dossier(ctx: AppContext, dossier: Dossier, as_of: date | None = None) -> Evaluation:
    """Evaluate a dossier (stored or not) with the rulebook in force."""
    return evaluate(ctx.rulebook, dossier, as_of or date.today())


def evaluate_and_record(
    ctx: AppContext, dossier_id: int, dossier: Dossier | None = None, as_of: date | None = None, *, log: bool = False
) -> Evaluation:
    """Evaluate the dossier (``dossier`` when the caller holds it, else the stored one) and remember the
    rulebook and the conclusion of that evaluation (the list shows it)."""
    current = dossier if dossier is not None else ctx.repository.get(dossier_id)
    evaluation = evaluate_dossier(ctx, current, as_of)
    ctx.repository.record_evaluation(dossier_id, ctx.rulebook.version, ctx.rulebook.digest, evaluation.path, log=log)
    return evaluation


CLAUSES_LEFT_OUT = "clauses_left_out"
"""``Dossier.extra`` key listing the called clauses the buyer keeps out of the note's annex."""


def clauses_left_out(dossier: Dossier) -> frozenset[str]:
    value = dossier.extra.get(CLAUSES_LEFT_OUT)
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()


def set_clause_in_annex(ctx: AppContext, dossier: Dossier, dossier_id: int, clause_id: str, included: bool, *,
                        version: int | None = None) -> int:
    """Put a called clause in the note's annex, or keep it out; ``dossier`` (held by the caller) follows.
    ``version`` as for ``answer``; returns the dossier's version after the save."""
    left_out = set(clauses_left_out(dossier))
    if included:
        left_out.discard(clause_id)
    else:
        left_out.add(clause_id)
    value = sorted(left_out) or None
    saved = ctx.repository.set_extra(dossier_id, CLAUSES_LEFT_OUT, value, expected_version=version)
    if value is None:
        dossier.extra.pop(CLAUSES_LEFT_OUT, None)
    else:
        dossier.extra[CLAUSES_LEFT_OUT] = value
    return saved
