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
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from assistant.domain import Candidate, Dossier
from assistant.domain.folding import search_text
from assistant.domain.messages import UserError
from assistant.storage.models import CandidateRow, DossierRow, EventRow


class StorageError(UserError):
    """A read or write the database refused; nothing was changed."""


class ConflictError(StorageError):
    """The dossier was changed by someone else since the caller read it; nothing was written."""


class ServerLostError(StorageError):
    """The shared base's server stopped answering (stopped, restarted, network cut); nothing was written."""

    def __init__(self) -> None:
        super().__init__("Le serveur de la base partagée ne répond plus\u00a0: rien n'a été enregistré\u00a0; "
                         "réessayez dans un instant.")


def is_server_lost(exc: DBAPIError) -> bool:
    """Whether a driver error means the PostgreSQL server went away (not a refusal of the request itself)."""
    if exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError) and type(exc.orig).__module__.startswith("psycopg")


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
    updated_by: str = ""
    """Who made the last change (empty for a change made before team mode)."""


@dataclass(frozen=True)
class EventRecord:
    """A journal entry."""

    kind: str
    at: datetime
    detail: str
    author: str = ""


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


def of(action: str) -> str:
    """« de » before an action, elided before a vowel: « d'enregistrer la réponse », « de renommer… »."""
    return f"d'{action}" if action[:1].lower() in "aeéèêiîoôuh" else f"de {action}"


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


def _new_row(dossier: Dossier, author: str) -> DossierRow:
    """A new row for a whole dossier, keeping its own times when it has them (an imported file)."""
    moment = now()
    created = parse_moment(dossier.created) or moment
    updated = max(parse_moment(dossier.updated) or moment, created)
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
        updated_by=author,
        conclusion="",
    )
    row.candidates = _candidate_rows(dossier.candidates)
    return row


@dataclass(frozen=True)
class EvaluatedImport:
    """A checked and evaluated dossier file, ready to be stored by a bulk import."""

    dossier: Dossier
    file_name: str
    conclusion: str


def _summary(row: DossierRow) -> DossierSummary:
    return DossierSummary(
        row.id, row.uid, row.title, row.organisation, row.updated_at, row.conclusion, row.status, row.deleted_at,
        row.updated_by,
    )


class Repository:
    """Reads and writes dossiers; every method is one transaction."""

    def __init__(self, sessions: sessionmaker[Session], path: Path | None = None, *, read_only: bool = False,
                 author: str = "") -> None:
        """``author`` is written on every journal event. ``path`` is the database file, named in the message
        when SQLite finds it damaged; ``read_only``
        (a base that can only be read here): the user's changes are refused in French, and the bookkeeping
        (current step, last evaluation, journal of exports) is skipped."""
        self._sessions = sessions
        self._path = path
        self.read_only = read_only
        self.author = author

    @contextmanager
    def _write(self, action: str = "enregistrer la modification") -> Iterator[Session]:
        """A transaction that changes the user's data: refused at once when the base is read-only.
        ``action`` (« renommer le dossier »…) names the change in a refusal."""
        self.ensure_writable(action)
        with self._tx(action) as session:
            yield session

    def ensure_writable(self, action: str) -> None:
        """Refuse ``action`` in one French sentence, before anything is read or written, when the base is
        read-only (a protected file, or a shared base the role may only read)."""
        if self.read_only:
            if self._path is None:  # a shared base the role may only read
                raise StorageError(f"Impossible {of(action)}\u00a0: la base partagée est ouverte en lecture seule "
                                   f"(votre rôle «\u00a0{self.author}\u00a0» ne permet que la lecture), "
                                   "rien n'a été modifié.")
            raise StorageError(f"La base {self._path} est ouverte en lecture seule (fichier ou dossier protégé, ou "
                               f"disque plein)\u00a0: impossible {of(action)}, la modification n'a pas été "
                               "enregistrée.")

    @contextmanager
    def _tx(self, action: str = "lire la base") -> Iterator[Session]:
        """One transaction: everything in it is written, or nothing (and the user is told in French)."""
        try:
            with self._sessions.begin() as session:
                yield session
        except StaleDataError as exc:  # another session wrote the same dossier between our read and our write
            raise ConflictError("Le dossier a été modifié par un autre poste au même moment\u00a0: "
                                "rien n'a été enregistré, réessayez.") from exc
        except DBAPIError as exc:
            if is_server_lost(exc):
                raise ServerLostError() from exc
            from assistant.storage.rights import is_refused_privilege

            if is_refused_privilege(exc):  # the role's rights on the shared base changed since it was opened
                raise StorageError(f"Le serveur a refusé {of(action)}\u00a0: votre rôle «\u00a0{self.author}\u00a0» "
                                   "n'en a pas le droit sur la base partagée, rien n'a été modifié.") from exc
            from assistant.storage.backups import is_corruption

            if self._path is not None and exc.orig is not None and is_corruption(exc.orig):
                from assistant.storage.database import damaged

                raise damaged(self._path) from exc
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

    def _log(self, session: Session, row: DossierRow, kind: str, detail: Any = "") -> None:
        text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False, sort_keys=True)
        session.add(EventRow(dossier_id=row.id, dossier_uid=row.uid, kind=kind, at=now(), detail=text,
                             author=self.author))

    @staticmethod
    def _keep(session: Session, dossier_id: int, **values: Any) -> None:
        """Bookkeeping (where the buyer is, the last evaluation): written without raising the dossier's
        version, so that opening or re-evaluating a dossier never makes another buyer's next save a
        conflict."""
        session.execute(update(DossierRow).where(DossierRow.id == dossier_id).values(**values)
                        .execution_options(synchronize_session=False))

    @staticmethod
    def _check_version(session: Session, row: DossierRow, expected: int | None) -> None:
        """Refuse a write over a dossier changed since the caller read version ``expected`` (None: no check)."""
        if expected is None or row.version == expected:
            return
        last = session.scalars(select(EventRow).where(EventRow.dossier_id == row.id, EventRow.dossier_uid == row.uid)
                               .order_by(EventRow.id.desc()).limit(1)).first()
        who = last.author if last is not None and last.author else "un autre poste"
        when = (f" le {last.at.replace(tzinfo=UTC).astimezone().strftime('%d/%m/%Y à %H:%M')}"
                if last is not None else "")
        raise ConflictError(f"Le dossier «\u00a0{row.title}\u00a0» a été modifié par {who}{when} depuis que vous "
                            "l'avez ouvert\u00a0: votre saisie n'a pas été enregistrée, le dossier a été rechargé.")

    def version(self, dossier_id: int) -> int:
        """The dossier's current version (give it back to a write to refuse a save over a newer one)."""
        with self._tx() as session:
            return self._row(session, dossier_id).version

    # -- reading -------------------------------------------------------------------------------------
    def list(self, *, trash: bool = False) -> builtins.list[DossierSummary]:
        with self._tx() as session:
            query = select(DossierRow).where(
                DossierRow.deleted_at.is_not(None) if trash else DossierRow.deleted_at.is_(None)
            )
            rows = session.scalars(query.order_by(DossierRow.updated_at.desc(), DossierRow.id.desc()))
            return [_summary(row) for row in rows]

    def dossiers(self) -> builtins.list[tuple[DossierSummary, Dossier]]:
        """Every dossier not in the trash with its content, by id, in one transaction (bulk re-evaluation)."""
        with self._tx() as session:
            query = (select(DossierRow).where(DossierRow.deleted_at.is_(None)).order_by(DossierRow.id)
                     .options(selectinload(DossierRow.candidates)))
            return [(_summary(row), _to_domain(row)) for row in session.scalars(query)]

    def get(self, dossier_id: int) -> Dossier:
        with self._tx() as session:
            return _to_domain(self._row(session, dossier_id))

    def get_versioned(self, dossier_id: int) -> tuple[Dossier, int]:
        """The dossier and the version it was read at, in one read (a later save is checked against it)."""
        with self._tx() as session:
            row = self._row(session, dossier_id)
            return _to_domain(row), row.version

    def summary(self, dossier_id: int) -> DossierSummary:
        with self._tx() as session:
            return _summary(self._row(session, dossier_id))

    def current_step(self, dossier_id: int) -> str:
        with self._tx() as session:
            return self._row(session, dossier_id).current_step

    @staticmethod
    def _journal_of(session: Session, dossier_id: int) -> Any:
        """The condition selecting a dossier's events: its id and, while it exists, its uid (SQLite gives the
        id of a dossier erased from the trash to the next one created; the erased one's journal stays its own)."""
        uid = session.scalar(select(DossierRow.uid).where(DossierRow.id == dossier_id))
        condition = EventRow.dossier_id == dossier_id
        return condition if uid is None else condition & (EventRow.dossier_uid == uid)

    def events(self, dossier_id: int, last: int | None = None) -> builtins.list[EventRecord]:
        """The dossier's journal, oldest first; ``last``: only that many of the newest events."""
        with self._tx() as session:
            query = select(EventRow).where(self._journal_of(session, dossier_id))
            if last is None:
                rows = list(session.scalars(query.order_by(EventRow.id)))
            else:
                rows = list(session.scalars(query.order_by(EventRow.id.desc()).limit(last)))[::-1]
            return [EventRecord(r.kind, r.at, r.detail, r.author) for r in rows]

    def event_count(self, dossier_id: int) -> int:
        """How many events the dossier's journal holds."""
        with self._tx() as session:
            return session.scalar(select(func.count()).where(self._journal_of(session, dossier_id))) or 0

    # -- writing -------------------------------------------------------------------------------------
    def create(self, title: str, organisation: str = "") -> int:
        return self.add(Dossier(title=title, organisation=organisation), event="created")

    def add(self, dossier: Dossier, *, event: str = "created", detail: Any = "") -> int:
        """Store a whole dossier as a new one (creation, import, duplication); returns its id.

        The dossier's own ``created`` and ``updated`` times are kept when it has them (an imported file),
        so that export, import, export gives the same bytes.
        """
        with self._write("enregistrer le dossier") as session:
            row = _new_row(dossier, self.author)
            session.add(row)
            session.flush()
            self._log(session, row, event, detail or {"title": dossier.title})
            return row.id

    def add_evaluated(self, items: builtins.list[EvaluatedImport], version: str, digest: str) -> builtins.list[int]:
        """Store many imported dossiers with their evaluation in ONE transaction (a batch of a bulk import):
        after a crash the batch is either wholly stored or absent. Journal entries as for a single import."""
        moment = now()
        dossiers = []
        for item in items:
            created = parse_moment(item.dossier.created) or moment
            d = item.dossier
            dossiers.append({
                "uid": str(uuid.uuid4()), "title": d.title, "organisation": d.organisation, "facts": dict(d.facts),
                "justifications": dict(d.justifications), "weights": dict(d.weights), "extra": dict(d.extra),
                "status": "concluded" if item.conclusion not in ("", "undetermined") else "draft",
                "current_step": "", "created_at": created,
                "updated_at": max(parse_moment(d.updated) or moment, created), "updated_by": self.author,
                "deleted_at": None,
                "rulebook_version": version, "rulebook_digest": digest, "evaluated_at": moment,
                "conclusion": item.conclusion, "search_text": search_text(d.title, d.organisation),
            })
        # Core inserts: the same rows as ``add``, without the ORM's unit of work
        with self._write("importer les dossiers") as session:
            table = cast(Table, DossierRow.__table__)
            ids = list(session.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), dossiers).scalars())
            candidates = [
                {"dossier_id": dossier_id, "position": i, "name": c.name, "facts": dict(c.facts),
                 "scores": dict(c.scores), "extra": dict(c.extra)}
                for dossier_id, item in zip(ids, items, strict=True)
                for i, c in enumerate(item.dossier.candidates)
            ]
            if candidates:
                session.execute(insert(cast(Table, CandidateRow.__table__)), candidates)
            events = []
            for dossier_id, row, item in zip(ids, dossiers, items, strict=True):
                for kind, detail in (("imported", {"file": item.file_name, "title": item.dossier.title}),
                                     ("evaluated", {"rulebook": version, "digest": digest, "path": item.conclusion})):
                    events.append({"dossier_id": dossier_id, "dossier_uid": row["uid"], "kind": kind, "at": now(),
                                   "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
                                   "author": self.author})
            session.execute(insert(cast(Table, EventRow.__table__)), events)
            return ids

    def rename(self, dossier_id: int, title: str, organisation: str, *, expected_version: int | None = None) -> int:
        """Change the title and organisation; ``expected_version`` as for ``set_fact``. Returns the version."""
        with self._write("renommer le dossier") as session:
            row = self._row(session, dossier_id)
            self._check_version(session, row, expected_version)
            if (row.title, row.organisation) == (title, organisation):
                return row.version
            self._log(session, row, "renamed", {"from": row.title, "to": title, "organisation": organisation})
            row.title, row.organisation, row.updated_at, row.updated_by = title, organisation, now(), self.author
            session.flush()
            return row.version

    def set_fact(self, dossier_id: int, fact: str, value: Any, *, expected_version: int | None = None) -> int:
        """Record an answer; ``None`` removes it (the fact becomes unknown again). ``expected_version``: the
        version the caller read, refused with ``ConflictError`` when the dossier changed since. Returns the
        dossier's version after the write."""
        with self._write("enregistrer la réponse") as session:
            row = self._row(session, dossier_id)
            self._check_version(session, row, expected_version)
            facts = dict(row.facts)
            if value is None:
                if fact not in facts:
                    return row.version
                del facts[fact]
            elif facts.get(fact) == value and fact in facts:
                return row.version
            else:
                facts[fact] = value
            row.facts, row.updated_at = facts, now()
            row.updated_by = self.author
            self._log(session, row, "answered", {"fact": fact, "value": value})
            session.flush()
            return row.version

    def set_justification(self, dossier_id: int, fact: str, text: str, *, expected_version: int | None = None
                          ) -> int:
        with self._write("enregistrer la justification") as session:
            row = self._row(session, dossier_id)
            self._check_version(session, row, expected_version)
            justifications = dict(row.justifications)
            if text.strip():
                justifications[fact] = text
            else:
                justifications.pop(fact, None)
            if justifications == row.justifications:
                return row.version
            row.justifications, row.updated_at = justifications, now()
            row.updated_by = self.author
            self._log(session, row, "answered", {"justification": fact})
            session.flush()
            return row.version

    def set_offers(self, dossier_id: int, candidates: builtins.list[Candidate], weights: dict[str, float], *,
                   expected_version: int | None = None) -> int:
        """Replace the offers and weights of a dossier in one transaction; returns the version."""
        with self._write("enregistrer les offres") as session:
            row = self._row(session, dossier_id)
            self._check_version(session, row, expected_version)
            row.candidates = _candidate_rows(candidates)
            row.weights, row.updated_at = dict(weights), now()
            row.updated_by = self.author
            self._log(session, row, "answered", {"offers": len(candidates)})
            session.flush()
            return row.version

    def set_retained(self, dossier_id: int, name: str | None, *, expected_version: int | None = None) -> int:
        """Store the retained offer's name (kept with the file's other top-level keys in ``extra``)."""
        with self._write("enregistrer l'offre retenue") as session:
            row = self._row(session, dossier_id)
            self._check_version(session, row, expected_version)
            extra = {k: v for k, v in row.extra.items() if k != "retained"}
            if name:
                extra["retained"] = name
            if extra == row.extra:
                return row.version
            row.extra, row.updated_at = extra, now()
            row.updated_by = self.author
            self._log(session, row, "answered", {"retained": name or ""})
            session.flush()
            return row.version

    def replace_answers(self, dossier_id: int, dossier: Dossier, reason: str, *,
                        expected_version: int | None = None) -> int:
        """Put back a whole set of answers, offers and weights (« Revenir au cas ») in one transaction."""
        with self._write("remettre les réponses du cas") as session:
            row = self._row(session, dossier_id)
            self._check_version(session, row, expected_version)
            row.facts, row.justifications, row.weights = dict(dossier.facts), dict(dossier.justifications), dict(
                dossier.weights)
            row.candidates = _candidate_rows(dossier.candidates)
            row.updated_at = now()
            row.updated_by = self.author
            self._log(session, row, "answered", {"replaced": reason})
            session.flush()
            return row.version

    def set_extra(self, dossier_id: int, key: str, value: Any, *, expected_version: int | None = None) -> int:
        """Set (or, with ``None``, remove) one top-level key the dossier keeps beside its answers."""
        with self._write("enregistrer le choix") as session:
            row = self._row(session, dossier_id)
            self._check_version(session, row, expected_version)
            extra = dict(row.extra)
            if value is None:
                extra.pop(key, None)
            else:
                extra[key] = value
            row.extra, row.updated_at = extra, now()
            row.updated_by = self.author
            self._log(session, row, "answered", {"choice": key})  # seen by the other windows (live list)
            session.flush()
            return row.version

    def set_current_step(self, dossier_id: int, step: str) -> None:
        """Remember where the buyer is (bookkeeping: skipped in a read-only base)."""
        if self.read_only:
            return
        with self._tx("retenir l'étape en cours") as session:
            self._row(session, dossier_id)
            self._keep(session, dossier_id, current_step=step)

    def record_evaluation(self, dossier_id: int, version: str, digest: str, conclusion: str, *, log: bool) -> None:
        """Remember the rulebook and conclusion of the last evaluation; ``log`` adds a journal entry
        (bookkeeping: skipped in a read-only base)."""
        if self.read_only:
            return
        with self._tx("enregistrer la conclusion") as session:
            row = self._row(session, dossier_id)
            changed = (row.rulebook_version, row.rulebook_digest, row.conclusion) != (version, digest, conclusion)
            if row.rulebook_version and row.rulebook_version != version:  # evaluated anew under another version
                self._log(session, row, "rulebook_changed", {"from": row.rulebook_version, "to": version})
            self._keep(session, dossier_id, rulebook_version=version, rulebook_digest=digest, conclusion=conclusion,
                       evaluated_at=now(), status="concluded" if conclusion not in ("", "undetermined") else "draft")
            if log or changed:
                self._log(session, row, "evaluated", {"rulebook": version, "digest": digest, "path": conclusion})

    def log(self, dossier_id: int, kind: str, detail: Any = "") -> None:
        """Add a journal entry (exported, reported...) without changing the dossier (skipped in a read-only
        base)."""
        if self.read_only:
            return
        with self._tx("compléter le journal") as session:
            self._log(session, self._row(session, dossier_id), kind, detail)

    def duplicate(self, dossier_id: int, title: str) -> int:
        dossier = self.get(dossier_id)
        dossier.title, dossier.created, dossier.updated = title, None, None
        return self.add(dossier, event="created", detail={"duplicated_from": dossier_id, "title": title})

    def delete(self, dossier_id: int) -> None:
        """Move to the trash."""
        with self._write("mettre le dossier à la corbeille") as session:
            row = self._row(session, dossier_id)
            if row.deleted_at is None:
                row.deleted_at = now()
                self._log(session, row, "deleted")

    def restore(self, dossier_id: int) -> None:
        with self._write("restaurer le dossier") as session:
            row = self._row(session, dossier_id)
            if row.deleted_at is not None:
                row.deleted_at = None
                self._log(session, row, "restored")

    def empty_trash(self) -> int:
        """Erase for good every dossier in the trash; their journal stays. Returns how many."""
        with self._write("vider la corbeille") as session:
            rows = list(session.scalars(select(DossierRow).where(DossierRow.deleted_at.is_not(None))))
            for row in rows:
                self._log(session, row, "purged", {"title": row.title})
                session.delete(row)
            return len(rows)
