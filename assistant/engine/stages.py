"""Run one stage of rules (first match, highest level, or each) with three-valued conditions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.engine.context import EvalContext
from assistant.rulebook.conditions import Result, evaluate
from assistant.rulebook.model import Rule, Stage


@dataclass(frozen=True)
class StageResult:
    """A stage's outcome (None when undetermined), the rules that fired and the facts it lacks."""

    outcome: Any
    fired: tuple[tuple[Rule, Result], ...]
    missing: tuple[str, ...]
    possible: tuple[Any, ...] = ()
    """For an ``each`` stage: outcomes of the rules left unknown (they may still apply)."""


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def run_stage(stage: Stage, ctx: EvalContext) -> StageResult:
    if stage.mode == "first":
        return _first(stage, ctx)
    if stage.mode == "highest":
        return _highest(stage, ctx)
    return _each(stage, ctx)


def _default(stage: Stage, missing: list[str], ctx: EvalContext) -> StageResult:
    if missing:
        return StageResult(None, (), _unique(missing))
    fired = ((stage.default_rule, evaluate(stage.default_rule.when, ctx)),) if stage.default_rule else ()
    return StageResult(stage.default, fired, ())


def _first(stage: Stage, ctx: EvalContext) -> StageResult:
    missing: list[str] = []
    pending: list[Any] = []  # outcomes of the rules left unknown so far
    for rule in stage.rules:
        result = evaluate(rule.when, ctx)
        if result.value is True:
            if all(outcome == rule.outcome for outcome in pending):
                return StageResult(rule.outcome, ((rule, result),), ())
            return StageResult(None, (), _unique(missing))
        if result.value is None:
            missing += result.missing
            pending.append(rule.outcome)
    return _default(stage, missing, ctx)


def _highest(stage: Stage, ctx: EvalContext) -> StageResult:
    rank = {level: i for i, level in enumerate(stage.levels)}
    results = [(rule, evaluate(rule.when, ctx)) for rule in stage.rules]
    established = [rank[rule.outcome] for rule, result in results if result.value is True]
    best = max(established) if established else -1
    missing = [
        m
        for rule, result in results
        if result.value is None and rank[rule.outcome] > best
        for m in result.missing
    ]
    if best < 0:
        return _default(stage, missing, ctx)
    fired = tuple(
        (rule, result) for rule, result in results if result.value is True and rank[rule.outcome] == best
    )
    return StageResult(stage.levels[best], fired, _unique(missing))


def _each(stage: Stage, ctx: EvalContext) -> StageResult:
    outcomes: list[str] = []
    possible: list[str] = []
    fired = []
    missing: list[str] = []
    for rule in stage.rules:
        result = evaluate(rule.when, ctx)
        if result.value is True:
            fired.append((rule, result))
            outcomes += [o for o in rule.outcome if o not in outcomes]
        elif result.value is None:
            missing += result.missing
            possible += [o for o in rule.outcome if o not in possible]
    pending = tuple(o for o in possible if o not in outcomes)
    return StageResult(tuple(outcomes), tuple(fired), _unique(missing), pending)
