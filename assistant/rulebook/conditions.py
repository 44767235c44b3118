"""Structured conditions read from YAML and their three-valued evaluation (never ``eval``).

Grammar: ``{all: [...]}``, ``{any: [...]}``, ``{not: c}``, ``{const: true|false}``,
``{justified: fact}``, and ``{fact: id, OP: value}`` with OP one of ``equals``, ``in``, ``below``,
``at_least``, ``known``, ``contains``, ``contains_any``; ``below``/``at_least`` take a number or
``{param: name}``. A test on an unknown fact is UNKNOWN (``None``), not false; ``all``/``any``/``not``
follow Kleene's logic and report the facts whose absence kept the result unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

OPERATORS = ("equals", "in", "below", "at_least", "known", "contains", "contains_any")
TruthValue = bool | None


@dataclass(frozen=True)
class ParamRef:
    """A reference to a dated parameter of ``parameters.yaml``."""

    name: str


@dataclass(frozen=True)
class Condition:
    """One node of a condition tree."""

    kind: str  # all, any, not, const, justified, test
    children: tuple[Condition, ...] = ()
    fact: str = ""
    op: str = ""
    value: Any = None


@dataclass(frozen=True)
class PartialSet:
    """A list known in part: ``sure`` members, and ``possible`` ones whose rules are still undecided.

    ``contains`` is true for a sure member, unknown (blamed on ``blame``) for a possible one, false otherwise.
    """

    sure: tuple[Any, ...]
    possible: tuple[Any, ...]
    blame: tuple[str, ...]


class Context(Protocol):
    """What a condition needs from its evaluator."""

    def lookup(self, fact: str) -> tuple[bool, Any, tuple[str, ...]]:
        """(known, value, facts to blame when unknown)."""

    def param(self, name: str) -> float | None:
        """The parameter's value in force, or None."""

    def justified(self, fact: str) -> bool:
        """Whether the dossier holds a written justification for ``fact``."""


@dataclass(frozen=True)
class Result:
    """A truth value, the facts that kept it unknown, and the known facts that decided it."""

    value: TruthValue
    missing: tuple[str, ...] = ()
    because: tuple[tuple[str, Any], ...] = ()
    params: tuple[str, ...] = ()
    """The dated parameters the deciding tests compared the facts against."""


class ConditionError(ValueError):
    """A malformed condition, with a French message."""


def parse_condition(data: Any) -> Condition:
    """Turn a YAML condition into a :class:`Condition`; raise :class:`ConditionError` if malformed."""
    if not isinstance(data, dict):
        raise ConditionError(f"condition attendue (dictionnaire), « {data!r} » reçu")
    keys = set(data)
    if keys in ({"all"}, {"any"}):
        kind = next(iter(keys))
        items = data[kind]
        if not isinstance(items, list) or not items:
            raise ConditionError(f"« {kind} » attend une liste non vide de conditions")
        return Condition(kind, tuple(parse_condition(item) for item in items))
    if keys == {"not"}:
        return Condition("not", (parse_condition(data["not"]),))
    if keys == {"const"}:
        if not isinstance(data["const"], bool):
            raise ConditionError("« const » attend true ou false")
        return Condition("const", value=data["const"])
    if keys == {"justified"}:
        return Condition("justified", fact=str(data["justified"]))
    if "fact" in keys:
        ops = keys - {"fact"}
        if len(ops) != 1 or not ops <= set(OPERATORS):
            raise ConditionError(f"opérateur inconnu ou multiple : {sorted(ops)}")
        op = ops.pop()
        return Condition("test", fact=str(data["fact"]), op=op, value=_parse_operand(op, data[op]))
    raise ConditionError(f"condition mal formée : clés {sorted(keys)}")


def _parse_operand(op: str, value: Any) -> Any:
    if op in ("below", "at_least"):
        if isinstance(value, dict):
            if set(value) != {"param"}:
                raise ConditionError(f"« {op} » attend un nombre ou {{param: nom}}")
            return ParamRef(str(value["param"]))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConditionError(f"« {op} » attend un nombre")
        return value
    if op in ("in", "contains_any"):
        if not isinstance(value, list):
            raise ConditionError(f"« {op} » attend une liste")
        return tuple(value)
    if op == "known" and not isinstance(value, bool):
        raise ConditionError("« known » attend true ou false")
    return value


def walk(cond: Condition) -> Iterator[Condition]:
    """Every node of the tree, depth first."""
    yield cond
    for child in cond.children:
        yield from walk(child)


def evaluate(cond: Condition, ctx: Context) -> Result:
    """Evaluate with Kleene's three-valued logic."""
    kind = cond.kind
    if kind == "test":
        return _test(cond, ctx)
    if kind == "const":
        return Result(bool(cond.value))
    if kind == "justified":
        return Result(ctx.justified(cond.fact))
    if kind == "not":
        inner = evaluate(cond.children[0], ctx)
        return Result(None if inner.value is None else not inner.value, inner.missing, inner.because, inner.params)
    decisive = kind == "any"  # the child value that settles the node
    # Children that compare against a dated parameter are evaluated only when the others do not settle the
    # node: a parameter that a rule never needed must not be looked up (nor reported as unavailable).
    plain = [child for child in cond.children if not _compares_parameter(child)]
    results = [evaluate(child, ctx) for child in plain]
    if not any(r.value is decisive for r in results):
        results += [evaluate(child, ctx) for child in cond.children if _compares_parameter(child)]
    settled = [r for r in results if r.value is decisive]
    if settled:
        return Result(decisive, (), _merge_because(settled), _merge_params(settled))
    unknown = [r for r in results if r.value is None]
    if unknown:
        missing = tuple(dict.fromkeys(m for r in unknown for m in r.missing))
        known = [r for r in results if r.value is not None]
        return Result(None, missing, _merge_because(known), _merge_params(known))
    return Result(not decisive, (), _merge_because(results), _merge_params(results))


def _compares_parameter(cond: Condition) -> bool:
    return any(isinstance(node.value, ParamRef) for node in walk(cond))


def _merge_params(results: list[Result]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for result in results for name in result.params))


def _merge_because(results: list[Result]) -> tuple[tuple[str, Any], ...]:
    seen: dict[str, tuple[str, Any]] = {}
    for result in results:
        for item in result.because:
            seen.setdefault(item[0], item)
    return tuple(seen.values())


def _test(cond: Condition, ctx: Context) -> Result:
    known, value, blame = ctx.lookup(cond.fact)
    op = cond.op
    if op == "known":
        return Result(known is cond.value, (), ((cond.fact, value),) if known else ())
    if not known:
        return Result(None, blame)
    if isinstance(value, PartialSet):
        if op == "contains" and any(_same(v, cond.value) for v in value.sure):
            return Result(True, (), ((cond.fact, list(value.sure)),))
        if op == "contains" and not any(_same(v, cond.value) for v in value.possible):
            return Result(False, (), ((cond.fact, list(value.sure)),))
        return Result(None, value.blame)
    because = ((cond.fact, value),)
    operand = cond.value
    params: tuple[str, ...] = ()
    if isinstance(operand, ParamRef):
        params = (operand.name,)
        operand = ctx.param(operand.name)
        if operand is None:
            return Result(None, (), because)
    outcome: TruthValue
    if op == "equals":
        outcome = _same(value, operand)
    elif op == "in":
        outcome = any(_same(value, item) for item in operand)
    elif op in ("below", "at_least"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return Result(None, (cond.fact,))
        outcome = value < operand if op == "below" else value >= operand
    elif op == "contains":
        outcome = isinstance(value, list | tuple) and any(_same(v, operand) for v in value)
    else:  # contains_any
        outcome = isinstance(value, list | tuple) and any(_same(v, o) for v in value for o in operand)
    return Result(outcome, (), because, params)


def _same(left: Any, right: Any) -> bool:
    """Equality that does not confuse ``True`` with ``1``."""
    return (
        type(left) is type(right) and left == right
        if isinstance(left, bool) or isinstance(right, bool)
        else bool(left == right)
    )
