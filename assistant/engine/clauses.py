"""The clauses the conclusion calls for, their text filled from the dossier, and the rules that call them."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.domain import ClauseText, TraceEntry
from assistant.engine.context import EvalContext
from assistant.engine.explain import explain


def clause_texts(ids: Sequence[str], trace: Sequence[TraceEntry], ctx: EvalContext) -> tuple[ClauseText, ...]:
    """Each called clause in the library's order, with its filled text and the rules (and why) that call it."""
    library = ctx.rulebook.clauses
    callers = [entry for entry in trace if entry.stage == "clauses"]
    texts = []
    for clause in library.values():
        if clause.id not in ids:
            continue
        calling = [e for e in callers if isinstance(e.value, tuple) and clause.id in e.value]
        texts.append(ClauseText(
            clause.id, clause.title, clause.section, explain(clause.text, ctx),
            tuple(e.rule for e in calling), clause.sources, tuple(e.explanation for e in calling),
        ))
    return tuple(texts)
