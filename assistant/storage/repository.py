"""The repository: every read and write of dossiers, each write one transaction with its journal entry.

It speaks domain objects (``Dossier``, ``Candidate``) and small summaries; ORM rows never leave it.
"""

from __future__ import annotations

import builtins
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from assistant.domain import Candidate, Dossier
from assistant.domain.messages import UserError
from assistant.storage.models import CandidateRow, DossierRow, EventRow


class StorageError(UserError):
    """A read or write the database refused; nothing was changed."""


class DossierNotFoundError(UserError, LookupError):
    """No dossier has this id."""

    status = 2

    def __init__(self, dossier_id: int) -> None:
        super().__init__(f"Aucun dossier ne porte le numéro {dossier_id}.")
        self.dossier_id = dossier_id


@dataclass(frozen=True)
class DossierSummary:
    """What the list of dossiers shows."""

    id: int
    uid: str
    title: str
    organisation: str
    updated: datetime
    conclusion: str
    status: str
    deleted: datetime | None


@dataclass(frozen=True)
class EventRecord:
    """A journal entry."""

    kind: str
    at: datetime
    detail: str


def now() -> datetime:
    """Current UTC time, naive (SQLite stores no time zone; every stored time is UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def iso(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).isoformat(timespec="seconds")


def parse_moment(text: str | None) -> datetime | None:
    """An ISO 8601 time from a file, as naive UTC; None when absent or unreadable."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _to_domain(row: DossierRow) -> Dossier:
    return Dossier(
        title=row.title,
        organisation=row.organisation,
        facts=dict(row.facts),
        justifications=dict(row.justifications),
        candidates=[
            Candidate(name=c.name, facts=dict(c.facts), scores=dict(c.scores), extra=dict(c.extra))
            for c in row.candidates
        ],
        weights=dict(row.weights),
        created=iso(row.created_at),
        updated=iso(row.updated_at),
        extra=dict(row.extra),
    )


def _candidate_rows(candidates: list[Candidate]) -> list[CandidateRow]:
    """ORM rows for a dossier's offers, in the buyer's order."""
    return [
        CandidateRow(position=i, name=c.name, facts=dict(c.facts), scores=dict(c.scores), extra=dict(c.extra))
        for i, c in enumerate(candidates)
    ]


def _summary(row: DossierRow) -> DossierSummary:
    return DossierSummary(
        row.id, row.uid, row.title, row.organisation, row.updated_at, row.conclusion, row.status, row.deleted_at
    )


class Repository:
    """Reads and writes dossiers; every method is one transaction."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """One transaction: everything in it is written, or nothing (and the user is told in French)."""
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            raise StorageError(
                "La base de données a refusé l'opération (disque plein, fichier en lecture seule ou verrouillé"
                " ?) ; rien n'a été modifié."
            ) from exc

    @staticmethod
    def _row(session: Session, dossier_id: int) -> DossierRow:
        row = session.get(DossierRow, dossier_id)
        if row is None:
            raise DossierNotFoundError(dossier_id)
        return row

    @staticmethod
    def _log(session: Session, row: DossierRow, kind: str, detail: Any = "") -> None:
        text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False, sort_keys=True)
        session.add(EventRow(dossier_id=row.id, dossier_uid=row.uid, kind=kind, at=now(), detail=text))

    # -- reading -------------------------------------------------------------------------------------
    def list(self, *, trash: bool = False) -> builtins.list[DossierSummary]:
        with self._tx() as session:
            query = select(DossierRow).where(
                DossierRow.deleted_at.is_not(None) if trash else DossierRow.deleted_at.is_(None)
            )
            rows = session.scalars(query.order_by(DossierRow.updated_at.desc(), DossierRow.id.desc()))
            return [_summary(row) for row in rows]

    def get(self, dossier_id: int) -> Dossier:
        with self._tx() as session:
            return _to_domain(self._row(session, dossier_id))

    def summary(self, dossier_id: int) -> DossierSummary:
        with self._tx() as session:
            return _summary(self._row(session, dossier_id))

    def current_step(self, dossier_id: int) -> str:
        with self._tx() as session:
            return self._row(session, dossier_id).current_step

    def events(self, dossier_id: int) -> builtins.list[EventRecord]:
        with self._tx() as session:
            rows = session.scalars(
                select(EventRow).where(EventRow.dossier_id == dossier_id).order_by(EventRow.id)
            )
            return [EventRecord(r.kind, r.at, r.detail) for r in rows]

    # -- writing -------------------------------------------------------------------------------------
    def create(self, title: str, organisation: str = "") -> int:
        return self.add(Dossier(title=title, organisation=organisation), event="created")

    def add(self, dossier: Dossier, *, event: str = "created", detail: Any = "") -> int:
        """Store a whole dossier as a new one (creation, import, duplication); returns its id.

        The dossier's own ``created`` and ``updated`` times are kept when it has them (an imported file),
        so that export, import, export gives the same bytes.
        """
        moment = now()
        created = parse_moment(dossier.created) or moment
        updated = max(parse_moment(dossier.updated) or moment, created)
        with self._tx() as session:
            row = DossierRow(
                uid=str(uuid.uuid4()),
                title=dossier.title,
                organisation=dossier.organisation,
                facts=dict(dossier.facts),
                justifications=dict(dossier.justifications),
                weights=dict(dossier.weights),
                extra=dict(dossier.extra),
                status="draft",
                current_step="",
                created_at=created,
                updated_at=updated,
                conclusion="",
            )
            row.candidates = _candidate_rows(dossier.candidates)
            session.add(row)
            session.flush()
            self._log(session, row, event, detail or {"title": dossier.title})
            return row.id

    def rename(self, dossier_id: int, title: str, organisation: str) -> None:
        with self._tx() as session:
            row = self._row(session, dossier_id)
            if (row.title, row.organisation) == (title, organisation):
                return
            self._log(session, row, "renamed", {"from": row.title, "to": title, "organisation": organisation})
            row.title, row.organisation, row.updated_at = title, organisation, now()

    def set_fact(self, dossier_id: int, fact: str, value: Any) -> None:
        """Record an answer; ``None`` removes it (the fact becomes unknown again)."""
        with self._tx() as session:
            row = self._row(session, dossier_id)
            facts = dict(row.facts)
            if value is None:
                if fact not in facts:
                    return
                del facts[fact]
            elif facts.get(fact) == value and fact in facts:
                return
            else:
                facts[fact] = value
            row.facts, row.updated_at = facts, now()
            self._log(session, row, "answered", {"fact": fact, "value": value})

    def set_justification(self, dossier_id: int, fact: str, text: str) -> None:
        with self._tx() as session:
            row = self._row(session, dossier_id)
            justifications = dict(row.justifications)
            if text.strip():
                justifications[fact] = text
            else:
                justifications.pop(fact, None)
            if justifications == row.justifications:
                return
            row.justifications, row.updated_at = justifications, now()
            self._log(session, row, "answered", {"justification": fact})

    def set_offers(self, dossier_id: int, candidates: builtins.list[Candidate], weights: dict[str, float]) -> None:
        """Replace the offers and weights of a dossier in one transaction."""
        with self._tx() as session:
            row = self._row(session, dossier_id)
            row.candidates = _candidate_rows(candidates)
            row.weights, row.updated_at = dict(weights), now()
            self._log(session, row, "answered", {"offers": len(candidates)})

    def set_retained(self, dossier_id: int, name: str | None) -> None:
        """Store the retained offer's name (kept with the file's other top-level keys in ``extra``)."""
        with self._tx() as session:
            row = self._row(session, dossier_id)
            extra = {k: v for k, v in row.extra.items() if k != "retained"}
            if name:
                extra["retained"] = name
            if extra == row.extra:
                return
            row.extra, row.updated_at = extra, now()
            self._log(session, row, "answered", {"retained": name or ""})

    def replace_answers(self, dossier_id: int, dossier: Dossier, reason: str) -> None:
        """Put back a whole set of answers, offers and weights (« Revenir au cas ») in one transaction."""
        with self._tx() as session:
            row = self._row(session, dossier_id)
            row.facts, row.justifications, row.weights = dict(dossier.facts), dict(dossier.justifications), dict(
                dossier.weights)
            row.candidates = _candidate_rows(dossier.candidates)
            row.updated_at = now()
            self._log(session, row, "answered", {"replaced": reason})

    def set_current_step(self, dossier_id: int, step: str) -> None:
        with self._tx() as session:
            self._row(session, dossier_id).current_step = step

    def record_evaluation(self, dossier_id: int, version: str, digest: str, conclusion: str, *, log: bool) -> None:
        """Remember the rulebook and conclusion of the last evaluation; ``log`` adds a journal entry."""
        with self._tx() as session:
            row = self._row(session, dossier_id)
            changed = (row.rulebook_version, row.rulebook_digest, row.conclusion) != (version, digest, conclusion)
            if row.rulebook_version and row.rulebook_version != version:  # evaluated anew under another version
                self._log(session, row, "rulebook_changed", {"from": row.rulebook_version, "to": version})
            row.rulebook_version, row.rulebook_digest, row.conclusion = version, digest, conclusion
            row.evaluated_at = now()
            row.status = "concluded" if conclusion not in ("", "undetermined") else "draft"
            if log or changed:
                self._log(session, row, "evaluated", {"rulebook": version, "digest": digest, "path": conclusion})

    def log(self, dossier_id: int, kind: str, detail: Any = "") -> None:
        """Add a journal entry (exported, reported...) without changing the dossier."""
        with self._tx() as session:
            self._log(session, self._row(session, dossier_id), kind, detail)

    def duplicate(self, dossier_id: int, title: str) -> int:
        dossier = self.get(dossier_id)
        dossier.title, dossier.created, dossier.updated = title, None, None
        return self.add(dossier, event="created", detail={"duplicated_from": dossier_id, "title": title})

    def delete(self, dossier_id: int) -> None:
        """Move to the trash."""
        with self._tx() as session:
            row = self._row(session, dossier_id)
            if row.deleted_at is None:
                row.deleted_at = now()
                self._log(session, row, "deleted")

    def restore(self, dossier_id: int) -> None:
        with self._tx() as session:
            row = self._row(session, dossier_id)
            if row.deleted_at is not None:
                row.deleted_at = None
                self._log(session, row, "restored")

    def empty_trash(self) -> int:
        """Erase for good every dossier in the trash; their journal stays. Returns how many."""
        with self._tx() as session:
            rows = list(session.scalars(select(DossierRow).where(DossierRow.deleted_at.is_not(None))))
            for row in rows:
                self._log(session, row, "purged", {"title": row.title})
                session.delete(row)
            return len(rows)
