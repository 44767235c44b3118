"""The facts one evaluation sees: the dossier's valid answers, defaults, derived outcomes, parameters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.rulebook.model import ParameterValue, Rulebook

CONSULTATION_DATE = "procurement.consultation_date"


@dataclass
class EvalContext:
    """Implements the condition evaluator's context over one dossier (or one offer of it)."""

    rulebook: Rulebook
    as_of: date
    facts: dict[str, Any]
    justifications: dict[str, str]
    derived: dict[str, Any] = field(default_factory=dict)
    blame: dict[str, tuple[str, ...]] = field(default_factory=dict)
    offer: dict[str, Any] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    """Parameters with no value in force, and the date they were looked up at."""

    def lookup(self, fact: str) -> tuple[bool, Any, tuple[str, ...]]:
        if fact.startswith("derived."):
            if fact in self.derived:
                return True, self.derived[fact], ()
            return False, None, self.blame.get(fact, ())
        source = self.offer if fact.startswith("offer.") else self.facts
        key = fact.removeprefix("offer.")
        if key in source:
            return True, source[key], ()
        return False, None, (fact,)

    def consultation_day(self) -> date:
        value = self.facts.get(CONSULTATION_DATE)
        return date.fromisoformat(value) if isinstance(value, str) else self.as_of

    def param_value(self, name: str) -> ParameterValue | None:
        param = self.rulebook.parameters.get(name)
        if param is None:
            return None
        day = self.consultation_day() if param.basis == "consultation" else self.as_of
        value = param.at(day)
        if value is None:
            self.unavailable.setdefault(name, day.isoformat())
        return value

    def param(self, name: str) -> float | None:
        value = self.param_value(name)
        return value.value if value else None

    def justified(self, fact: str) -> bool:
        text = self.justifications.get(fact)
        return isinstance(text, str) and bool(text.strip())

    def with_offer(self, offer: dict[str, Any]) -> EvalContext:
        return EvalContext(
            self.rulebook,
            self.as_of,
            self.facts,
            self.justifications,
            self.derived,
            self.blame,
            offer,
            self.unavailable,
        )

    def set_derived(self, fact: str, value: Any, blame: tuple[str, ...] = ()) -> None:
        """Record a derived outcome; ``None`` means unknown, blamed on ``blame``."""
        if value is None:
            self.derived.pop(fact, None)
            self.blame[fact] = blame
        else:
            self.derived[fact] = value
            self.blame.pop(fact, None)
