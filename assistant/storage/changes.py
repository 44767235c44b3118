"""What changed in the base since a window last looked: the journal's new events, read by id.

Every change a list shows (a dossier created, renamed, answered, evaluated, trashed, restored, erased) adds
journal events, and the journal's ids only grow; so « the events after the last id seen » says which
dossiers changed and who changed them, on both engines, whoever wrote them (another workstation, the command
line, a migration).

On PostgreSQL an id is taken when the row is inserted, not when its transaction commits: a long transaction
(a bulk import, ``dossier migrate``) can commit ids below one already read. The watch therefore reads again
the ``WINDOW`` ids below the last one, skipping those it has seen; and a notification that brings no unseen
event (its events lie further below) sets ``missed``: the caller reads its whole list again. SQLite has one
writer at a time, so its ids commit in order.

How a window learns that there is something to read differs:
- **PostgreSQL**: a connection of its own listens on the ``assistant_changes`` channel (migration 0007 makes
  each statement adding events notify it); checking that connection for a notification is a local,
  non-blocking read, so the base is only queried when something happened (and every ``SAFETY_POLLS`` checks,
  in case a notification was missed while the connection was being replaced);
- **SQLite**: ``PRAGMA data_version`` on a connection of its own changes when another connection commits;
  reading it costs no I/O, and the journal is only queried when it moved.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

CHANNEL = "assistant_changes"
"""The notification channel the journal's trigger sends on (migration 0007)."""
SAFETY_POLLS = 20
"""Without a notification, the journal is still read every this many checks (a missed one is caught up)."""
MOST = 500
"""At most this many events are read at a time (a bulk import: the rest come at the next check)."""
WINDOW = 200
"""PostgreSQL: how many ids below the last one read are read again (ids committed out of order)."""


@dataclass(frozen=True)
class ChangeEvent:
    """One journal event written since the last check."""

    event_id: int
    dossier_id: int
    kind: str
    author: str
    at: datetime


class ChangeUnavailableError(Exception):
    """The base cannot be read right now (a server that stopped answering); the next check tries again."""


class ChangeWatch:
    """Reports the journal events added since it was opened (or last asked)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._server = engine.dialect.name == "postgresql"
        self._listener: Any = None
        self._checks = 0
        self._seen: set[int] = set()
        self.missed = False
        """The last check was woken by a notification whose events it could not find (see the module)."""
        self._last = self._newest_id()
        self._floor = self._last
        """Events up to here were there when the watch opened (the window's list shows them)."""
        self._version: int | None = None
        if self._server:
            with contextlib.suppress(Exception):  # the first check tries again (and says so)
                self._listen()
        else:
            self._listener = self._own_connection()
            self._version = self._data_version()

    # -- the wake-up ------------------------------------------------------------------------------------
    def _own_connection(self) -> Any:
        """A driver connection of the watch's own, taken out of the pool for good (data_version and LISTEN
        belong to one connection)."""
        raw = self._engine.raw_connection()
        connection = raw.driver_connection
        raw.detach()  # never goes back to the pool: it belongs to this watch
        return connection

    def _listen(self) -> None:
        """The listening connection: in autocommit, subscribed to the channel."""
        connection = self._own_connection()
        try:
            connection.rollback()
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
        except Exception:
            with contextlib.suppress(Exception):
                connection.close()
            raise
        self._listener = connection

    def _drop_listener(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(Exception):
                self._listener.close()
        self._listener = None

    def _notified(self) -> bool:
        """Whether a notification arrived (PostgreSQL); a lost listening connection is replaced."""
        if self._listener is None:
            try:
                self._listen()
            except Exception as exc:  # the server still does not answer
                raise ChangeUnavailableError(str(exc)) from exc
            return True  # what happened while it was away is read now
        try:
            return any(True for _ in self._listener.notifies(timeout=0))
        except Exception as exc:  # psycopg's OperationalError: the server went away
            self._drop_listener()
            raise ChangeUnavailableError(str(exc)) from exc

    def _data_version(self) -> int:
        try:
            return int(self._listener.execute("PRAGMA data_version").fetchone()[0])
        except Exception as exc:  # sqlite3.Error: the file went away (a restore replaces it)
            raise ChangeUnavailableError(str(exc)) from exc

    def _moved(self) -> bool:
        """Whether the SQLite file was committed to since the last check."""
        version = self._data_version()
        moved, self._version = version != self._version, version
        return moved

    # -- the journal ------------------------------------------------------------------------------------
    def _newest_id(self) -> int:
        try:
            with self._engine.connect() as connection:
                return int(connection.execute(text("SELECT coalesce(max(id), 0) FROM event")).scalar() or 0)
        except DBAPIError as exc:
            raise ChangeUnavailableError(str(exc)) from exc

    def _read(self) -> list[ChangeEvent]:
        low = max(self._floor, self._last - WINDOW) if self._server else self._last
        try:
            with self._engine.connect() as connection:
                rows = connection.execute(
                    text("SELECT id, dossier_id, kind, author, at FROM event WHERE id > :low ORDER BY id "
                         "LIMIT :most"), {"low": low, "most": MOST + WINDOW}).fetchall()
        except DBAPIError as exc:
            raise ChangeUnavailableError(str(exc)) from exc
        events = [ChangeEvent(int(r[0]), int(r[1]), str(r[2]), str(r[3] or ""),
                              r[4] if isinstance(r[4], datetime) else datetime.fromisoformat(str(r[4])))
                  for r in rows if int(r[0]) not in self._seen]
        if events:
            self._last = max(self._last, events[-1].event_id)
        if self._server:
            self._seen = {i for i in self._seen if i > self._last - WINDOW} | {
                e.event_id for e in events if e.event_id > self._last - WINDOW}
        return events

    def check(self) -> list[ChangeEvent]:
        """The events added since the last check (oldest first); ``ChangeUnavailableError`` when the base cannot
        be read now."""
        self._checks += 1
        self.missed = False
        if self._server:
            woke = self._notified()
            if not woke and self._checks % SAFETY_POLLS:
                return []
            events = self._read()
            self.missed = woke and not events
            return events
        # SQLite's data_version only moves for other connections' commits; this process's own writes go
        # through other pooled connections, so they count too, as they should for the list.
        if not self._moved() and self._checks % SAFETY_POLLS:
            return []
        return self._read()

    def close(self) -> None:
        self._drop_listener()
