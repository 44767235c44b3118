"""Cross-reference checks: sources, pages, facts and option values named in conditions and templates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from assistant.rulebook.conditions import Condition, ParamRef, walk
from assistant.rulebook.model import Problem, Question
from assistant.rulebook.reader import Reader
from assistant.rulebook.render import placeholders

DERIVED_OTHER = {"derived.mutualised_available": (True, False), "derived.mutualised_circle": (0, 1, 2, 3)}
"""Derived facts the engine sets itself (``mutualised_circle`` is 0 when no La Suite solution serves the need);
``derived.solutions`` lists the ids of the catalogued solutions offered to the buyer."""


class Checker:
    """Holds what the rulebook defines and checks references against it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.sources: set[str] = set()
        self.labels: Mapping[str, Mapping[str, str]] = {}
        self.parameters: set[str] = set()
        self.questions: dict[str, Question] = {}
        self.pending: list[tuple[Reader, Any, str, Condition, str]] = []
        self.pages: frozenset[str] = frozenset()
        self.steps: tuple[str, ...] = ()
        self.solution_ids: tuple[str, ...] = ()
        self.derived: dict[str, tuple[str, bool]] = {}
        """Derived facts of the stages: fact → (labels.yaml section listing its values, is a list)."""

    def set_questions(self, questions: Iterable[Question], offer_questions: Iterable[Question]) -> None:
        self.questions = {q.id: q for q in questions} | {f"offer.{q.id}": q for q in offer_questions}

    def refs(self, reader: Reader, data: Any, item: str, sources: tuple[str, ...], page: str | None) -> None:
        """At least one source, every source known, and a known vademecum page."""
        if not sources:
            reader.problem(data, item, "aucune source citée")
        for source in sources:
            if source not in self.sources:
                reader.problem(data, item, f"source inconnue « {source} »")
        if page is not None and page not in self.pages:
            reader.problem(data, item, f"page du vademecum inconnue « {page} »")

    def condition(self, reader: Reader, data: Any, item: str, cond: Condition | None, scope: str) -> None:
        """Defer the check of a condition until every question is known."""
        if cond is not None:
            self.pending.append((reader, data, item, cond, scope))

    def template(self, reader: Reader, data: Any, item: str, text: str, names: tuple[str, ...] = ()) -> None:
        for kind, name in placeholders(text):
            if kind == "p" and name not in self.parameters:
                reader.problem(data, item, f"paramètre inconnu « {name} » dans le texte")
            elif kind == "f" and name not in self.questions:
                reader.problem(data, item, f"fait inconnu « {name} » dans le texte")
            elif kind == "" and name not in names:
                reader.problem(data, item, f"variable inconnue « {name} » dans le texte")

    def run_pending(self) -> None:
        for reader, data, item, cond, scope in self.pending:
            for node in walk(cond):
                if node.kind == "justified" and node.fact not in self.questions:
                    reader.problem(data, item, f"fait inconnu « {node.fact} »")
                elif node.kind == "test":
                    self._test(reader, data, item, node, scope)

    def _domain(self, fact: str) -> tuple[str, tuple[Any, ...] | None] | None:
        if fact in self.derived:
            section, is_list = self.derived[fact]
            return ("multi_choice" if is_list else "choice"), tuple(self.labels.get(section, {}))
        if fact == "derived.solutions":
            return "multi_choice", self.solution_ids
        if fact in DERIVED_OTHER:
            values = DERIVED_OTHER[fact]
            return ("bool" if values == (True, False) else "integer"), values
        question = self.questions.get(fact)
        if question is None:
            return None
        if question.type in ("choice", "multi_choice"):
            return question.type, tuple(o.value for o in question.options)
        if question.type == "bool":
            return "bool", (True, False)
        return question.type, None

    def _test(self, reader: Reader, data: Any, item: str, node: Condition, scope: str) -> None:
        fact = node.fact
        offer = fact.startswith("offer.")
        if (scope == "offer") != offer:
            where = "d'une offre" if scope == "offer" else "du dossier"
            reader.problem(data, item, f"fait « {fact} » hors de portée : un fait {where} est attendu")
        domain = self._domain(fact)
        if domain is None:
            reader.problem(data, item, f"fait inconnu « {fact} »")
            return
        kind, values = domain
        if node.op in ("below", "at_least"):
            if kind not in ("integer", "number"):
                reader.problem(data, item, f"« {node.op} » porte sur un nombre, « {fact} » n'en est pas un")
            if isinstance(node.value, ParamRef) and node.value.name not in self.parameters:
                reader.problem(data, item, f"paramètre inconnu « {node.value.name} »")
            return
        if node.op == "known" or values is None:
            return
        operands = node.value if node.op in ("in", "contains_any") else (node.value,)
        if node.op in ("contains", "contains_any") and kind != "multi_choice":
            reader.problem(data, item, f"« {node.op} » porte sur une liste, « {fact} » n'en est pas une")
        for operand in operands:
            if not any(type(operand) is type(v) and operand == v for v in values):
                reader.problem(data, item, f"valeur inconnue « {operand} » pour le fait « {fact} »")
