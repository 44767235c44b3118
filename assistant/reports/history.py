"""Annex D of the note: the dossier's history, the newest journal events with their author (« who did
what »), bounded: the older events are counted, not listed."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from assistant.domain.history import DossierHistory
from assistant.domain.limits import clipped, printable
from assistant.reports.annexes import grid_table
from assistant.reports.context import NoteContext
from assistant.rulebook.french import format_number

TITLE = "Annexe D. Historique du dossier"
HEADER = ("Date", "Auteur", "Évènement", "Détail")
WIDTHS = (0.19, 0.18, 0.2, 0.43)
DETAIL_SHOWN = 300
"""Characters shown of an event's detail (a title or a file name: the whole is in the journal)."""
EMPTY = "Le journal de ce dossier est vide."
NO_AUTHOR = "—"
"""An event written before the journal recorded authors."""
INTRO = ("Les derniers évènements du journal du dossier, du plus récent au plus ancien, avec le compte qui les a "
         "faits. Le journal est tenu par l'application et ne peut pas être modifié.")


def older_line(older: int) -> str:
    """The line that says how many older events the note leaves to the journal."""
    plural = "s" if older > 1 else ""
    return (f"… et {format_number(older)} évènement{plural} plus ancien{plural}, voir le journal du dossier "
            "dans l'application.")


def rows(history: DossierHistory) -> list[tuple[str, str, str, str]]:
    """The table's rows, as the PDF and the ODT twin show them."""
    return [(line.when, printable(line.author) or NO_AUTHOR, printable(line.label),
             clipped(printable(line.detail), DETAIL_SHOWN)) for line in history.lines]


def annex(ctx: NoteContext, history: DossierHistory | None) -> list[Flowable]:
    """Nothing for a note made from a file (no journal); else the table of the newest events."""
    if history is None:
        return []
    story: list[Flowable] = [ctx.heading(TITLE), ctx.para(INTRO, "small")]
    if not history.lines:
        story.append(ctx.para(EMPTY))
        return story
    story.append(grid_table(ctx, HEADER, rows(history), WIDTHS))
    if history.older > 0:
        story += [Spacer(1, 3), ctx.para(older_line(history.older), "small")]
    return story
