"""Copies of the database that can be trusted: made, checked, listed, put back.

A copy is written under a temporary name with SQLite's online backup API, checked with
``PRAGMA integrity_check``, then renamed: only a checked copy carries a copy's name. The leftovers of an
interrupted copy (temporary files, empty or unreadable files named like a copy) are cleared before the day's
copy is looked for, so that an interrupted copy never takes the day's place. Restoring moves the current
database aside (it is never deleted) and puts the copy in its place with one atomic rename.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

DAILY_LABEL = "quotidienne"
"""The label of the copy made once a day at start-up."""
MANUAL_LABEL = "manuelle"
"""The label of a copy asked for on the command line or in the window."""
REPLACED_LABEL = "remplacee"
"""The label of a database moved aside by a restore."""
UNFINISHED_LABEL = "inachevee"
"""The label of a half-created database moved aside before a new one is created."""
PARTIAL_SUFFIX = ".partiel"
"""Suffix of a copy being written: never counted, removed at the next start."""
INVALID_SUFFIX = ".invalide"
"""Suffix given to a file named like a copy that fails its check (kept for inspection, never counted)."""

SQLITE_HEADER = b"SQLite format 3\x00"
CORRUPTION_CODES = frozenset({11, 26})
"""SQLITE_CORRUPT and SQLITE_NOTADB: the file itself is damaged (not a lock, a full disk or a permission)."""

_STAMP = re.compile(r"-(\d{8}T\d{6}\d*)$")


class BackupError(Exception):
    """A copy could not be made or checked; the message says why (in French)."""


@dataclass(frozen=True)
class BackupInfo:
    """One copy in ``sauvegardes/``: what ``backup list`` and the « Sauvegardes » dialog show."""

    name: str
    path: Path
    label: str
    moment: datetime | None
    size: int
    dossiers: int | None
    """Dossiers outside the trash; None when the copy cannot be read."""


def is_corruption(exc: BaseException) -> bool:
    """True for an SQLite error that says the file is damaged (« database disk image is malformed »,
    « file is not a database »), False for a lock, a full disk, a permission."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in CORRUPTION_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def check_file(path: Path) -> bool:
    """True when ``path`` is a complete SQLite file whose ``integrity_check`` passes (read-only)."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
        with _read_only(path) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return rows == [("ok",)]
    except (OSError, sqlite3.Error):
        return False


def looks_complete(path: Path) -> bool:
    """A cheap check that reads only the header: an SQLite file whose size is the page count the header
    records times the page size (a copy cut short, or an empty file, fails it)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return page_size >= 512 and pages > 0 and pages * page_size == size


def count_dossiers(path: Path) -> int | None:
    """The dossiers outside the trash in the database at ``path``; None when it cannot be read."""
    try:
        with _read_only(path) as conn:
            row = conn.execute("SELECT count(*) FROM dossier WHERE deleted_at IS NULL").fetchone()
        return int(row[0])
    except (OSError, sqlite3.Error):
        return None


def copy_name(source: Path, label: str, moment: datetime) -> str:
    return f"{source.stem}-{label}-{moment.strftime('%Y%m%dT%H%M%S%f')}{source.suffix}"


def copy_database(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` consistently: online backup into a temporary file beside ``target``,
    integrity check of the copy, fsync, atomic rename. Nothing named ``target`` exists unless it was checked.

    Raises ``BackupError`` (the copy is unreadable) or ``OSError``/``sqlite3.Error`` (the disk refused).
    """
    partial = target.with_name(f".{target.name}{PARTIAL_SUFFIX}")
    for leftover in (partial, Path(f"{partial}-journal")):
        leftover.unlink(missing_ok=True)
    try:
        with _read_only(source) as src, contextlib.closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a standalone file: no -wal beside the copy
            if dst.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise BackupError(f"la copie de {source} ne passe pas le contrôle d'intégrité")
        _fsync_file(partial)
        partial.replace(target)
        _fsync_dir(target.parent)
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)


def make_backup(source: Path, backups_dir: Path, label: str, moment: datetime | None = None) -> Path:
    """A checked copy of ``source`` in ``backups_dir`` named after ``label`` and the moment."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = backups_dir / copy_name(source, label, moment or datetime.now(UTC))
    copy_database(source, target)
    return target


def _copies(source: Path, backups_dir: Path, label: str = "") -> list[Path]:
    prefix = f"{source.stem}-{label}-" if label else f"{source.stem}-"
    return sorted(p for p in backups_dir.glob(f"{prefix}*{source.suffix}") if p.is_file())


def clear_leftovers(source: Path, backups_dir: Path) -> list[Path]:
    """Remove what an interrupted copy left: temporary files, and empty files named like a daily copy;
    a non-empty daily copy cut short (its size is not the one its header records) is renamed
    ``….invalide`` (kept, never counted). Only the header is read: a copy carries its name only once its
    full integrity check passed. Returns the files removed or renamed."""
    if not backups_dir.is_dir():
        return []
    cleared: list[Path] = []
    for partial in backups_dir.glob(f".*{PARTIAL_SUFFIX}*"):
        partial.unlink(missing_ok=True)
        cleared.append(partial)
    for copy in _copies(source, backups_dir, DAILY_LABEL):
        if copy.stat().st_size == 0:
            copy.unlink(missing_ok=True)
            cleared.append(copy)
        elif not looks_complete(copy):
            copy.replace(copy.with_name(copy.name + INVALID_SUFFIX))
            cleared.append(copy)
    return cleared


def daily_backup(source: Path, backups_dir: Path, *, keep: int, today: datetime | None = None) -> Path | None:
    """Keep one checked copy of the database a day, the ``keep`` most recent ones: a safety net against a
    mistake or a damaged disk. Returns the new copy, or None when today's (checked) copy exists."""
    moment = today or datetime.now(UTC)
    clear_leftovers(source, backups_dir)
    day = moment.strftime("%Y%m%d")
    if any(p.name.startswith(f"{source.stem}-{DAILY_LABEL}-{day}") for p in _copies(source, backups_dir, DAILY_LABEL)):
        return None
    if not source.exists() or source.stat().st_size == 0:
        return None
    copy = make_backup(source, backups_dir, DAILY_LABEL, moment)
    for old in _copies(source, backups_dir, DAILY_LABEL)[:-keep]:
        old.unlink(missing_ok=True)
    return copy


def _moment(path: Path) -> datetime | None:
    match = _STAMP.search(path.stem)
    if match is None:
        return None
    with contextlib.suppress(ValueError):
        return datetime.strptime(match.group(1)[:21].ljust(21, "0"), "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
    return None


def _label(source: Path, path: Path) -> str:
    middle = path.stem[len(source.stem) + 1:]
    match = _STAMP.search(middle)
    return middle[: match.start()] if match else middle


def list_backups(source: Path, backups_dir: Path) -> list[BackupInfo]:
    """The copies of ``source`` in ``backups_dir``, most recent first (files only read, never changed)."""
    if not backups_dir.is_dir():
        return []
    found = []
    for path in _copies(source, backups_dir):
        found.append(BackupInfo(path.name, path, _label(source, path), _moment(path), path.stat().st_size,
                                count_dossiers(path)))
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(found, key=lambda b: (b.moment or oldest, b.name), reverse=True)


def latest_good(source: Path, backups_dir: Path) -> BackupInfo | None:
    """The most recent copy that passes its integrity check (a copy moved aside by a restore excluded)."""
    for info in list_backups(source, backups_dir):
        if info.label not in (REPLACED_LABEL, UNFINISHED_LABEL) and check_file(info.path):
            return info
    return None


def _keep_aside(path: Path, aside: Path) -> None:
    """Give ``path`` a second name ``aside`` (a hard link; a copy where links are not possible)."""
    try:
        os.link(path, aside)
    except OSError:
        shutil.copy2(path, aside)
        _fsync_file(aside)


def restore_copy(database: Path, backup: Path, backups_dir: Path, moment: datetime | None = None) -> Path | None:
    """Put ``backup`` in place of ``database``; the current database (and its ``-wal``/``-shm``) is kept
    in ``backups_dir`` under a ``remplacee`` name, returned (None when there was no database).

    Every connection to ``database`` must be closed. Raises ``BackupError`` when the copy fails its check
    (nothing is changed), ``OSError``/``sqlite3.Error`` when the disk refuses (the database is unchanged).
    """
    if not check_file(backup):
        raise BackupError(f"la sauvegarde {backup.name} ne passe pas le contrôle d'intégrité")
    incoming = database.with_name(f".{database.name}.restauration")
    copy_database(backup, incoming)  # checked again once copied, beside the database (same file system)
    aside = None
    try:
        if database.exists():
            backups_dir.mkdir(parents=True, exist_ok=True)
            aside = backups_dir / copy_name(database, REPLACED_LABEL, moment or datetime.now(UTC))
            for suffix in ("", "-wal", "-shm"):
                current = Path(f"{database}{suffix}")
                if current.exists():
                    _keep_aside(current, Path(f"{aside}{suffix}"))
            _fsync_dir(backups_dir)
            for suffix in ("-wal", "-shm"):  # a journal left beside the copy would be replayed into it
                Path(f"{database}{suffix}").unlink(missing_ok=True)
        incoming.replace(database)
        _fsync_dir(database.parent)
    finally:
        incoming.unlink(missing_ok=True)
    return aside
