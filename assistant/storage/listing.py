"""The list of dossiers read straight from SQL: only the columns it shows, filtered and sorted by the database.

Search words are folded (see ``assistant.domain.folding``) and matched against the stored folded text
through the FTS5 trigram index (words of three characters or more), or by a scan of the folded column
(shorter words, or an SQLite without trigram). A word may also match a conclusion: the caller gives, for
each word, the conclusion codes whose label contains it.

On PostgreSQL (team mode) the same folded column is matched with ``LIKE '%word%'`` (the word's wildcards
escaped), which the ``pg_trgm`` GIN index of migration 0005 serves, and PostgreSQL picks its plans from its
statistics. The folding stays in the application rather than in ``unaccent()``: both engines then compare
the same folded text with the same folded words, so they find the same dossiers (``unaccent`` has rules of
its own: it turns « œ » into « oe », which ``fold`` keeps); and ``unaccent()`` is only STABLE (it reads its
dictionary through the search path), so PostgreSQL refuses it in an index expression, where a stored
column needs no function at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from assistant.storage.repository import DossierSummary, ServerLostError, StorageError, is_server_lost

SORTS = {
    "title": "d.title COLLATE NOCASE",
    "organisation": "d.organisation COLLATE NOCASE",
    "updated": "d.updated_at",
    "conclusion": "d.conclusion",
    "updated_by": "d.updated_by",
}
SERVER_SORTS = {**SORTS, "title": "lower(d.title)", "organisation": "lower(d.organisation)"}
"""The same orders on PostgreSQL (team mode), which has no NOCASE collation."""
COLUMNS = "d.id, d.uid, d.title, d.organisation, d.updated_at, d.conclusion, d.status, d.deleted_at, d.updated_by"


@dataclass(frozen=True)
class Selection:
    """Which dossiers, in which order: plain values, safe to pass to another thread."""

    words: tuple[str, ...] = ()
    """Folded search words; every one must match."""
    conclusions: tuple[tuple[str, ...], ...] = ()
    """For each word, the conclusion codes that also match it."""
    sort: str = "updated"
    descending: bool = True
    conclusion_order: tuple[str, ...] = ()
    """Conclusion codes in the order their labels sort (sorting by conclusion follows it)."""
    trash: bool = False


# The queries below are assembled from fixed fragments of this module; every value goes through a parameter.


def _run(connection: Connection, sql: str, params: Any) -> Any:
    """SQLite gets the statement as it is; PostgreSQL through ``text()``, which binds the ``:name`` marks."""
    if connection.dialect.name == "sqlite":
        return connection.exec_driver_sql(sql, params)
    return connection.execute(text(sql), params)


def has_fts(connection: Connection) -> bool:
    if connection.dialect.name != "sqlite":
        return False
    row = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dossier_fts'"
    ).first()
    return row is not None


SMALL = 3000
"""Up to this many matches, a page is read from the matching ids and sorted (few rows); beyond, the sort
index is walked in order and stops after one page (many rows match, so it stops soon)."""

STREAM_BUFFER = 2000
"""Rows a stream fetches at once from the server (PostgreSQL)."""
TRIGRAM = 3
"""Words this long or longer have a trigram: an index (FTS5 on SQLite, pg_trgm on PostgreSQL) can find them."""

SEARCH_INDEX = "ix_dossier_list_search"
"""(deleted_at, search_text, conclusion): scanned instead of the table when no FTS term can lead."""


@dataclass(frozen=True)
class _Plan:
    where: str
    led: str
    """The same condition, with ``+`` keeping SQLite off the deleted_at indexes (so the FTS5 ids lead)."""
    params: dict[str, Any]
    leading_fts: bool
    """An FTS5 query (every long word without a conclusion alternative, ANDed) can give the ids."""


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def like_pattern(word: str) -> str:
    """``%word%`` for LIKE, the word's own ``\\``, ``%`` and ``_`` escaped (backslash is LIKE's default escape)."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _server_match(i: int, word: str, params: dict[str, Any]) -> str:
    """On PostgreSQL, a word of three characters or more is a LIKE that the pg_trgm GIN index serves (migration
    0005; without the index the same LIKE scans the column); a shorter word, which has no trigram, a scan."""
    if len(word) >= TRIGRAM:
        params[f"w{i}"] = like_pattern(word)
        return f"d.search_text LIKE :w{i}"
    params[f"w{i}"] = word
    return f"strpos(d.search_text, :w{i}) > 0"


def _plan(selection: Selection, fts: bool, server: bool = False) -> _Plan:
    """The WHERE clause. Long words with no conclusion alternative go into ONE FTS5 query; the others are
    each « FTS match or conclusion » (long) or a scan of the folded text (short). On PostgreSQL (``server``)
    each word is its own LIKE (see ``_server_match``)."""
    live = "d.deleted_at IS NOT NULL" if selection.trash else "d.deleted_at IS NULL"
    params: dict[str, Any] = {}
    together: list[str] = []
    clauses: list[str] = []
    for i, word in enumerate(selection.words):
        codes = selection.conclusions[i] if i < len(selection.conclusions) else ()
        if fts and len(word) >= 3 and not codes:
            together.append(_fts_phrase(word))
            continue
        if server:
            match = _server_match(i, word, params)
        elif fts and len(word) >= 3:
            params[f"w{i}"] = _fts_phrase(word)
            match = f"d.id IN (SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :w{i})"  # noqa: S608
        else:
            params[f"w{i}"] = word
            match = f"instr(d.search_text, :w{i}) > 0"
        if codes:
            marks = []
            for j, code in enumerate(codes):
                params[f"c{i}_{j}"] = code
                marks.append(f":c{i}_{j}")
            match = f"({match} OR d.conclusion IN ({', '.join(marks)}))"
        clauses.append(match)
    if together:
        params["fts"] = " AND ".join(together)
        clauses.insert(0, "d.id IN (SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :fts)")
    return _Plan(" AND ".join([live, *clauses]), " AND ".join(["+" + live, *clauses]), params, bool(together))


def _matching(plan: _Plan, sqlite: bool = True) -> str:
    """FROM and WHERE that read only the matching dossiers: led by the FTS5 ids (``+`` keeps SQLite off the
    deleted_at index), or else a scan of the compact search index rather than of the table."""
    if plan.leading_fts:
        return f"FROM dossier d WHERE {plan.led}"
    if not sqlite:
        return f"FROM dossier d WHERE {plan.where}"
    return f"FROM dossier d INDEXED BY {SEARCH_INDEX} WHERE {plan.where}"


def _order(selection: Selection, params: dict[str, Any], sorts: dict[str, str] = SORTS) -> str:
    direction = "DESC" if selection.descending else "ASC"
    if selection.sort == "conclusion" and selection.conclusion_order:
        cases = []
        for k, code in enumerate(selection.conclusion_order):
            params[f"o{k}"] = code
            cases.append(f"WHEN :o{k} THEN {k}")
        key = f"CASE d.conclusion {' '.join(cases)} ELSE {len(cases)} END"
    else:
        key = sorts.get(selection.sort, sorts["updated"])
    return f"{key} {direction}, d.id {direction}"


def _moment(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _summary(row: Sequence[Any]) -> DossierSummary:
    updated = _moment(row[4])
    assert updated is not None
    return DossierSummary(int(row[0]), row[1], row[2], row[3], updated, row[5], row[6], _moment(row[7]), row[8])


_FTS: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()
"""Whether each open database has its FTS5 index (looked up once per engine)."""


@contextmanager
def _reading() -> Iterator[None]:
    """A read the base refused becomes one French sentence (a server gone away: the window retries)."""
    try:
        yield
    except DBAPIError as exc:
        if is_server_lost(exc):
            raise ServerLostError() from exc
        raise StorageError(f"La liste des dossiers n'a pas pu être lue ({type(exc.orig).__name__}).") from exc


class Listing:
    """Counts, pages and streams of dossier summaries from one database engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _uses_fts(self, connection: Connection) -> bool:
        known = _FTS.get(self._engine)
        if known is None:
            known = _FTS[self._engine] = has_fts(connection)
        return known

    def count(self, selection: Selection) -> int:
        with _reading(), self._engine.connect() as connection:
            return self._count(connection, selection)

    def _plan(self, connection: Connection, selection: Selection) -> _Plan:
        if connection.dialect.name == "sqlite":
            return _plan(selection, self._uses_fts(connection))
        return _plan(selection, False, server=True)

    def _count(self, connection: Connection, selection: Selection) -> int:
        plan = self._plan(connection, selection)
        sqlite = connection.dialect.name == "sqlite"
        if not selection.words:
            source = f"FROM dossier d WHERE {plan.where}"
        elif plan.leading_fts:
            found = int(connection.exec_driver_sql(
                "SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH :fts", plan.params).scalar() or 0)
            if not selection.trash and len(plan.where.split(" AND ")) == 2:
                # Only long words: the FTS5 index's own count, less the few trashed dossiers that match
                # (matched on their folded text, which is what the trigram match means).
                words = {f"t{i}": word for i, word in enumerate(selection.words)}
                contains = " AND ".join(f"instr(d.search_text, :t{i}) > 0" for i in range(len(words)))
                trashed = connection.exec_driver_sql(
                    f"SELECT count(*) FROM dossier d WHERE d.deleted_at IS NOT NULL AND {contains}",  # noqa: S608
                    words).scalar() or 0
                return found - int(trashed)
            # few FTS5 matches: they lead; many: the compact search index is scanned
            source = _matching(plan) if found <= SMALL else f"FROM dossier d INDEXED BY {SEARCH_INDEX} " \
                f"WHERE {plan.where}"
        else:
            source = _matching(plan, sqlite)
        row = _run(connection, f"SELECT count(*) {source}", plan.params).first()
        return int(row[0]) if row else 0

    def page(self, selection: Selection, offset: int, limit: int, total: int | None = None) -> list[DossierSummary]:
        """``limit`` summaries from ``offset``; ``total`` (the count, when the caller has it) picks the plan."""
        with _reading(), self._engine.connect() as connection:
            if selection.words and total is None:
                total = self._count(connection, selection)
            return [_summary(row) for row in self._rows(connection, selection, offset, limit, total)]

    def one(self, dossier_id: int) -> DossierSummary | None:
        """One dossier's summary (trashed or not), or None when no dossier has this id."""
        with _reading(), self._engine.connect() as connection:
            row = _run(connection, f"SELECT {COLUMNS} FROM dossier d WHERE d.id = :id",  # noqa: S608
                       {"id": dossier_id}).first()
            return _summary(row) if row is not None else None

    def stream(self, selection: Selection, limit: int | None = None) -> Iterator[DossierSummary]:
        """Every selected dossier, read as the caller consumes them (memory does not grow with their number)."""
        with _reading(), self._engine.connect() as opened:
            connection = opened if opened.dialect.name == "sqlite" else opened.execution_options(
                stream_results=True, max_row_buffer=STREAM_BUFFER)  # a server-side cursor: psycopg reads all else
            for row in self._rows(connection, selection, 0, -1 if limit is None else limit):
                yield _summary(row)

    def _rows(self, connection: Connection, selection: Selection, offset: int, limit: int,
              total: int | None = None) -> Any:
        plan = self._plan(connection, selection)
        sqlite = connection.dialect.name == "sqlite"
        params = dict(plan.params)
        order = _order(selection, params, SORTS if sqlite else SERVER_SORTS)
        params.update(limit=None if limit < 0 and not sqlite else limit, offset=offset)
        if total == 0:
            return iter(())
        if sqlite and selection.words and total is not None and total <= SMALL:  # PostgreSQL plans by its statistics
            ids = f"SELECT d.id {_matching(plan, sqlite)}"
            source = _matching(plan, sqlite) if plan.leading_fts else f"FROM dossier d WHERE d.id IN ({ids})"
        else:
            source = f"FROM dossier d WHERE {plan.where}"
        return _run(connection, f"SELECT {COLUMNS} {source} ORDER BY {order} LIMIT :limit OFFSET :offset", params)
