"""The dossier as ``shared/spec/dossier-format.md`` describes it.

A fact that is absent from ``facts`` is *unknown*, never false. ``extra`` keeps the keys of a dossier
file that this version does not know, so that they are written back on export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FactValue = Any
"""A fact's value: str, bool, int, float or list[str], as the question's type says."""


@dataclass
class Candidate:
    """A market offer under consideration, with its facts and its 0-5 scores per criterion."""

    name: str
    facts: dict[str, FactValue] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Dossier:
    """One purchase decision: the buyer's answers, justifications, offers and weights."""

    title: str
    organisation: str = ""
    facts: dict[str, FactValue] = field(default_factory=dict)
    justifications: dict[str, str] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    created: str | None = None
    updated: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def retained(self) -> str | None:
        """The name of the offer the buyer retains (the file's top-level ``retained``), or None."""
        value = self.extra.get("retained")
        return value if isinstance(value, str) and value else None

    @retained.setter
    def retained(self, name: str | None) -> None:
        if name:
            self.extra["retained"] = name
        else:
            self.extra.pop("retained", None)
