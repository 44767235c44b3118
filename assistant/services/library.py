"""The dossier library's use cases: list, read, create, rename, duplicate, trash, restore, empty the trash,
the guided step a dossier was left on, and its journal in words. The window and the command line use these
(never the repository itself)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from assistant.domain import Dossier
from assistant.domain.folding import fold
from assistant.services.context import AppContext
from assistant.storage import DossierNotFoundError, DossierSummary
from assistant.storage.listing import Listing, Selection

__all__ = ["DossierNotFoundError", "DossierSummary", "JournalEntry", "ListQuery"]

TO_COMPLETE = "À compléter"
"""What the list shows for a dossier not evaluated yet (empty conclusion)."""

SORT_KEYS = ("title", "organisation", "updated", "conclusion", "updated_by")

JOURNAL_LABELS = {
    "created": "Création", "renamed": "Titre ou organisation modifiés", "answered": "Réponse",
    "evaluated": "Conclusion", "imported": "Import", "exported": "Export", "reported": "Note de décision",
    "rulebook_changed": "Nouvelle version du référentiel",
    "deleted": "Mise à la corbeille", "restored": "Restauration", "purged": "Effacement",
    "migrated": "Copie dans la base partagée",
}
"""The journal's event kinds in French."""


@dataclass(frozen=True)
class JournalEntry:
    """One event of a dossier's history, in words."""

    at: datetime
    """UTC, naive (as stored)."""
    kind: str
    label: str
    detail: str
    author: str = ""
    """Who made the change (PostgreSQL role, or the workstation's user on SQLite); empty before team mode."""


@dataclass(frozen=True)
class ListQuery:
    """What the list shows: the search typed, the sort column (one of ``SORT_KEYS``) and its direction."""

    search: str = ""
    sort: str = "updated"
    descending: bool = True
    trash: bool = False


def conclusion_label(ctx: AppContext, code: str) -> str:
    """A conclusion as the list shows it."""
    return ctx.rulebook.label("path", code) if code else TO_COMPLETE


def _selection(ctx: AppContext, query: ListQuery) -> Selection:
    """The storage selection: folded words, and for each the conclusions whose label contains it."""
    labels = {code: fold(conclusion_label(ctx, code)) for code in ["", *ctx.rulebook.labels.get("path", {})]}
    words = tuple(fold(query.search).split())
    conclusions = tuple(tuple(code for code, label in labels.items() if word in label) for word in words)
    order = tuple(sorted(labels, key=lambda code: labels[code]))
    return Selection(words, conclusions, query.sort if query.sort in SORT_KEYS else "updated", query.descending,
                     order, query.trash)


def count_dossiers(ctx: AppContext, query: ListQuery) -> int:
    """How many dossiers the query selects."""
    return Listing(ctx.database.engine).count(_selection(ctx, query))


def page_of_dossiers(ctx: AppContext, query: ListQuery, offset: int, limit: int) -> list[DossierSummary]:
    """One page of the list, sorted and filtered by SQLite."""
    return Listing(ctx.database.engine).page(_selection(ctx, query), offset, limit)


def search_dossiers(ctx: AppContext, query: ListQuery, limit: int) -> tuple[int, list[DossierSummary]]:
    """How many dossiers match, and the first page: what a keystroke in the search field needs.

    Plain values in, plain values out: safe to run on a worker thread."""
    listing, selection = Listing(ctx.database.engine), _selection(ctx, query)
    total = listing.count(selection)
    return total, listing.page(selection, 0, limit, total)


def iter_dossiers(ctx: AppContext, query: ListQuery, limit: int | None = None) -> Iterator[DossierSummary]:
    """Every selected dossier, read as they are consumed (constant memory, for the command line)."""
    return Listing(ctx.database.engine).stream(_selection(ctx, query), limit)


def list_dossiers(ctx: AppContext, *, trash: bool = False) -> list[DossierSummary]:
    """The dossiers (or those in the trash), most recently changed first."""
    return list(iter_dossiers(ctx, ListQuery(trash=trash)))


def summary(ctx: AppContext, dossier_id: int) -> DossierSummary:
    """One dossier's line of the list (read from its columns only: what an answer refreshes)."""
    found = Listing(ctx.database.engine).one(dossier_id)
    if found is None:
        raise DossierNotFoundError(dossier_id)
    return found


def get_dossier(ctx: AppContext, dossier_id: int) -> Dossier:
    return ctx.repository.get(dossier_id)


def create_dossier(ctx: AppContext, title: str, organisation: str = "") -> int:
    """A new empty dossier; returns its id."""
    return ctx.repository.create(title, organisation)


def rename(ctx: AppContext, dossier_id: int, title: str, organisation: str, *, version: int | None = None) -> int:
    """Change a dossier's title and organisation; ``version`` as for ``editing.answer``. Returns the version."""
    return ctx.repository.rename(dossier_id, title, organisation, expected_version=version)


def duplicate(ctx: AppContext, dossier_id: int) -> tuple[int, str]:
    """A copy of the dossier titled « … (copie) »; returns its id and title."""
    title = f"{ctx.repository.summary(dossier_id).title} (copie)"
    return ctx.repository.duplicate(dossier_id, title), title


def trash(ctx: AppContext, dossier_id: int) -> str:
    """Move a dossier to the trash (it can be restored); returns its title."""
    title = ctx.repository.summary(dossier_id).title
    ctx.repository.delete(dossier_id)
    return title


def restore(ctx: AppContext, dossier_id: int) -> None:
    ctx.repository.restore(dossier_id)


def empty_trash(ctx: AppContext) -> int:
    """Erase every dossier of the trash for good; returns how many."""
    return ctx.repository.empty_trash()


def dossier_for_editing(ctx: AppContext, dossier_id: int) -> tuple[Dossier, int]:
    """The dossier and the version it was read at, read together: the window saves against that version."""
    return ctx.repository.get_versioned(dossier_id)


def dossier_version(ctx: AppContext, dossier_id: int) -> int:
    """The dossier's version now: give it back to ``editing.answer``/``justify`` to refuse a lost update."""
    return ctx.repository.version(dossier_id)


def current_step(ctx: AppContext, dossier_id: int) -> str:
    return ctx.repository.current_step(dossier_id)


def set_current_step(ctx: AppContext, dossier_id: int, step: str) -> None:
    ctx.repository.set_current_step(dossier_id, step)


def journal(ctx: AppContext, dossier_id: int, last: int | None = None) -> list[JournalEntry]:
    """The dossier's history, oldest first, each event in words (the journal is append-only); ``last``: only
    that many of the newest events."""
    return [
        JournalEntry(event.at, event.kind, JOURNAL_LABELS.get(event.kind, event.kind), _detail(ctx, event.detail),
                     event.author)
        for event in ctx.repository.events(dossier_id, last)
    ]


def journal_size(ctx: AppContext, dossier_id: int) -> int:
    """How many events the dossier's journal holds."""
    return ctx.repository.event_count(dossier_id)


CHOICE_LABELS = {"clauses_left_out": "Clauses gardées hors de l'annexe de la note"}
"""The journal's words for the choices a dossier keeps beside its answers (``Dossier.extra``)."""


def _detail(ctx: AppContext, detail: str) -> str:
    book = ctx.rulebook
    try:
        data = json.loads(detail) if detail else {}
    except ValueError:
        return detail
    if not isinstance(data, dict):
        return str(data)
    if "workstation" in data:
        return f"copié depuis le poste {data['workstation']}"
    if "from" in data and "to" in data:
        return f"dossier réévalué : version {data['from']} → version {data['to']}"
    if "fact" in data:
        return book.fact_label(str(data["fact"]))
    if "justification" in data:
        return "Justification\u00a0: " + book.fact_label(str(data["justification"]))
    if "retained" in data:
        return f"Offre retenue : {data['retained'] or 'aucune'}"
    if "offers" in data:
        return f"{data['offers']} offre(s)"
    if "choice" in data:
        return CHOICE_LABELS.get(str(data["choice"]), str(data["choice"]))
    if "file" in data:
        return str(data["file"])
    if "path" in data:
        return book.label("path", data["path"])
    return str(data.get("title", ""))
