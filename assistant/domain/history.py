"""A dossier's history as the decision note shows it: the newest journal events already in words (the
service that builds the note words them as the journal view does), and how many older ones are left out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HistoryLine:
    """One journal event in words."""

    when: str
    """Local date and time, as the journal view shows it (``05/02/2026 14:30``)."""
    author: str
    """Who made it (PostgreSQL role, or the workstation's user); empty before team mode."""
    label: str
    """What kind of event (« Réponse », « Import »...)."""
    detail: str


@dataclass(frozen=True)
class DossierHistory:
    """The newest events first; ``older`` events, older still, are only in the journal."""

    lines: tuple[HistoryLine, ...] = ()
    older: int = 0
