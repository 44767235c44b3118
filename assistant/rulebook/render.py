"""Fact values and explanation templates rendered in French.

Templates are plain text with placeholders, never evaluated: ``{f:fact.id}`` (the fact's value, labelled),
``{p:parameter}`` (the parameter's value in force, formatted) and ``{name}`` (a value the engine passes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from assistant.rulebook.model import Rulebook

if TYPE_CHECKING:
    from assistant.domain import CandidateResult

PLACEHOLDER = re.compile(r"\{(?:([fp]):)?([A-Za-z0-9_.]+)\}")


def render_template(
    template: str,
    fact_value: Callable[[str], str],
    param_value: Callable[[str], str],
    names: Mapping[str, str] | None = None,
) -> str:
    """Fill a template's placeholders; unknown names are left as they are."""
    names = names or {}

    def replace(match: re.Match[str]) -> str:
        kind, name = match.group(1), match.group(2)
        if kind == "f":
            return fact_value(name)
        if kind == "p":
            return param_value(name)
        return names.get(name, match.group(0))

    return PLACEHOLDER.sub(replace, template)


def placeholders(template: str) -> list[tuple[str, str]]:
    """The (kind, name) of each placeholder: kind is ``f``, ``p`` or ``""``."""
    return [(m.group(1) or "", m.group(2)) for m in PLACEHOLDER.finditer(template)]


def describe_offer(rulebook: Rulebook, result: CandidateResult) -> str:
    """One wording of an offer's state for the window, the command line and the note:
    « Éligible », « Bloquée : <requirements failed> » or « À vérifier : <requirements not yet decidable> »."""
    status = rulebook.label("offer_status", result.status)
    reasons = result.blocking if result.status == "blocked" else result.undetermined
    text = f"{status} : " + " ; ".join(rulebook.label("blocking", r) for r in reasons) if reasons else status
    if result.to_check:
        text += " (à vérifier : " + " ; ".join(rulebook.label("blocking", r) for r in result.to_check) + ")"
    return text
