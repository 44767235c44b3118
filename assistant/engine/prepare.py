"""Turn a dossier's answers into the facts the rules read: valid values, defaults, unasked answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.domain import Notice, TraceEntry
from assistant.engine.context import EvalContext
from assistant.engine.explain import fill, reasons_of
from assistant.rulebook.conditions import evaluate
from assistant.rulebook.facts import value_problem
from assistant.rulebook.model import Question, Rulebook


def valid_facts(
    rulebook: Rulebook, facts: dict[str, Any], by_id: dict[str, Question] | Any, prefix: str = ""
) -> tuple[dict[str, Any], list[Notice]]:
    """The facts whose value is valid; a notice for each unknown id or invalid value (kept unknown)."""
    valid: dict[str, Any] = {}
    notices = []
    messages = rulebook.engine_messages
    for fact in sorted(facts):
        value = facts[fact]
        question = by_id.get(fact)
        if question is None:
            text = fill(messages.get("unknown_fact", "{id}"), {"id": prefix + fact})
            notices.append(Notice("fact.unknown", text, (), None))
            continue
        problem = value_problem(question, value)
        if problem:
            text = fill(
                messages.get("invalid_value", "{label}"),
                {"label": prefix + question.label, "problem": problem},
            )
            notices.append(
                Notice("fact.invalid", text, question.sources, prefix + fact if not prefix else None)
            )
            continue
        valid[fact] = value
    return valid, notices


def fill_defaults(ctx: EvalContext, as_of: date) -> tuple[list[TraceEntry], dict[str, Any]]:
    """Fill absent facts from their question's default or ``otherwise`` value, with a trace entry each."""
    rulebook = ctx.rulebook
    trace: list[TraceEntry] = []
    applied: dict[str, Any] = {}
    for question in rulebook.questions:
        if question.id in ctx.facts:
            continue
        default = question.default
        if default is not None:
            value: Any = None
            reasons: tuple[tuple[str, Any], ...] = ()
            if default.as_of:
                value = as_of.isoformat()
            elif default.from_fact in ctx.facts:
                source_value = ctx.facts[default.from_fact]
                value = default.mapping.get(source_value, default.otherwise)
                reasons = ((default.from_fact, source_value),)
            elif default.from_fact:
                value = default.if_unknown
            if value is not None:
                ctx.facts[question.id] = applied[question.id] = value
                trace.append(
                    TraceEntry(
                        f"default.{question.id}",
                        "defaults",
                        question.id,
                        value,
                        reasons_of(reasons),
                        question.sources,
                        default.explanation,
                        question.page,
                    )
                )
            continue
        if question.when is not None and question.otherwise is not None:
            result = evaluate(question.when, ctx)
            if result.value is False:
                ctx.facts[question.id] = applied[question.id] = question.otherwise
                text = fill(
                    rulebook.engine_messages.get("not_asked", "{label}"),
                    {
                        "label": question.label,
                        "value": rulebook.value_label(question.id, question.otherwise),
                    },
                )
                trace.append(
                    TraceEntry(
                        f"otherwise.{question.id}",
                        "defaults",
                        question.id,
                        question.otherwise,
                        reasons_of(result.because),
                        question.sources,
                        text,
                        question.page,
                    )
                )
    return trace, applied
