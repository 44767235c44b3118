"""Trace helpers: the ``because`` lines and the French explanation of a fired rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from assistant.domain import Reason, TraceEntry
from assistant.engine.context import EvalContext
from assistant.rulebook.conditions import Result
from assistant.rulebook.french import format_eur
from assistant.rulebook.model import Rule
from assistant.rulebook.render import render_template


def reasons_of(pairs: Iterable[tuple[str, Any]]) -> tuple[Reason, ...]:
    return tuple(Reason(fact, value) for fact, value in pairs)


def fill(template: str, names: Mapping[str, str]) -> str:
    """Fill only the ``{name}`` placeholders of an engine message."""
    return render_template(template, lambda f: f, lambda p: p, names)


def explain(template: str, ctx: EvalContext, names: Mapping[str, str] | None = None) -> str:
    """Render a rule's template with the dossier's values and the parameters in force."""
    rulebook = ctx.rulebook

    def fact_value(fact: str) -> str:
        known, value, _ = ctx.lookup(fact)
        return rulebook.value_label(fact, value) if known else "?"

    def param_value(name: str) -> str:
        value = ctx.param_value(name)
        return format_eur(value.value, value.unit) if value else "?"

    return render_template(template, fact_value, param_value, names)


def trace_entry(rule: Rule, result: Result, key: str, value: Any, ctx: EvalContext) -> TraceEntry:
    """The trace entry of a fired stage rule: its outcome, its reasons and the parameters it compared."""
    return TraceEntry(
        rule.id, rule.stage, key, value, reasons_of(result.because), rule.sources, explain(rule.explanation, ctx),
        rule.page, result.params,
    )
