"""Trace helpers: the ``because`` lines and the French explanation of a fired rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from assistant.domain import TraceEntry
from assistant.engine.context import EvalContext
from assistant.rulebook.conditions import Result
from assistant.rulebook.french import format_eur
from assistant.rulebook.model import Rule
from assistant.rulebook.render import render_template


def show_value(value: Any) -> str:
    """A value as the trace writes it: ``true``, ``60000``, ``[a, b]``, ``state_administration``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show_value(v) for v in value) + "]"
    return str(value)


def because_of(pairs: Iterable[tuple[str, Any]]) -> tuple[str, ...]:
    return tuple(f"{fact} = {show_value(value)}" for fact, value in pairs)


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


def trace_entry(rule: Rule, result: Result, outcome: str, ctx: EvalContext) -> TraceEntry:
    return TraceEntry(
        rule.id, outcome, because_of(result.because), rule.sources, explain(rule.explanation, ctx), rule.page
    )
