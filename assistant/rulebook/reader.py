"""Small helpers that read YAML mappings into typed values while collecting French problems."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.rulebook.conditions import Condition, ConditionError, parse_condition
from assistant.rulebook.model import Problem
from assistant.rulebook.yamlsource import line_of


class Reader:
    """Collects :class:`Problem` while reading one file."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def problem(self, data: Any, item: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.file, line_of(data), item, message, severity))

    def mapping(self, data: Any, item: str) -> dict[str, Any]:
        if isinstance(data, dict):
            return data
        self.problem(data, item, "un dictionnaire est attendu")
        return {}

    def items(self, data: Any, key: str) -> list[Any]:
        value = data.get(key) if isinstance(data, dict) else None
        if isinstance(value, list):
            return value
        self.problem(data, key, f"la liste « {key} » est absente ou mal formée")
        return []

    def text(self, data: dict[str, Any], key: str, item: str, required: bool = True) -> str:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if value is None and not required:
            return ""
        self.problem(data, item, f"le champ « {key} » doit être un texte non vide")
        return ""

    def ident(self, data: Any, seen: set[str], fallback: str) -> str:
        ident = data.get("id") if isinstance(data, dict) else None
        if not isinstance(ident, str) or not ident:
            self.problem(data, fallback, "identifiant « id » absent")
            return fallback
        if ident in seen:
            self.problem(data, ident, f"identifiant en double « {ident} »")
        seen.add(ident)
        return ident

    def day(self, data: dict[str, Any], key: str, item: str, required: bool = True) -> date | None:
        value = data.get(key)
        if value is None and not required:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.problem(data, item, f"le champ « {key} » doit être une date AAAA-MM-JJ, « {value} » reçu")
            return None

    def strings(self, data: dict[str, Any], key: str, item: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.problem(data, item, f"le champ « {key} » doit être une liste de textes")
        return ()

    def condition(self, data: dict[str, Any], key: str, item: str, required: bool = True) -> Condition | None:
        if key not in data or data[key] is None:
            if required:
                self.problem(data, item, f"condition « {key} » absente")
            return None
        try:
            return parse_condition(data[key])
        except ConditionError as exc:
            node = data[key]
            self.problem(node if line_of(node) else data, item, f"condition « {key} » mal formée : {exc}")
            return None
