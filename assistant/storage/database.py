"""Open the SQLite file: check its schema version and its pages, create it atomically, back it up before a
migration, migrate it, configure it.

Order matters so that a database from a newer version stays byte-identical: its revision is read through
a read-only connection before anything writes (WAL mode itself writes to the file).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from assistant.domain.messages import UserError, french_os_error
from assistant.paths import migrations_dir


class DatabaseError(UserError):
    """The database cannot be used; the message is a French sentence for the user."""


class DatabaseTooNewError(DatabaseError):
    """The file was written by a newer version of the application."""

    status = 2


_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|None)', re.MULTILINE)


def _alembic_config(connection: Any | None = None) -> Any:
    """Alembic's configuration, imported only when a migration runs (alembic costs ~0.3 s to import)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _revision_graph() -> dict[str, str | None]:
    """revision → down_revision, read from the migration scripts' headers without importing Alembic."""
    graph: dict[str, str | None] = {}
    for script in sorted((migrations_dir() / "versions").glob("*.py")):
        values = {m.group(1): m.group(2) or m.group(3) for m in _REVISION.finditer(script.read_text(encoding="utf-8"))}
        if values.get("revision"):
            graph[str(values["revision"])] = values.get("down_revision") or None
    return graph


def known_revisions() -> set[str]:
    return set(_revision_graph())


def head_revision() -> str:
    graph = _revision_graph()
    parents = {down for down in graph.values() if down}
    heads = sorted(rev for rev in graph if rev not in parents)
    if len(heads) != 1:
        raise DatabaseError(f"Migrations incohérentes : {len(heads)} têtes de révision ({', '.join(heads)}).")
    return heads[0]


KNOWN_TABLES = frozenset({"dossier", "candidate", "event"})
"""The application's own tables: a file holding some of them without ``alembic_version`` is a creation
that was interrupted (from a version that did not yet create the file under a temporary name)."""
QUICK_CHECK_SECONDS = 1.0
"""How long the start-up check of the file may run; past that the check stops and the base opens."""


class DatabaseDamagedError(DatabaseError):
    """The file is damaged (a failing disk, a bad copy): never modified, the message says how to restore."""

    status = 2


class HalfCreatedError(Exception):
    """The file is what an interrupted creation leaves: empty, or without the application's schema version."""


def damaged_message(path: Path, backups_dir: Path | None = None) -> str:
    """The one sentence for a damaged database: where the backups are and how to put the latest back."""
    from assistant.storage.backups import latest_good

    folder = backups_dir or path.parent / "sauvegardes"
    start = f"La base de données {path} est endommagée (elle n'a pas été modifiée)"
    good = latest_good(path, folder)
    if good is None:
        return f"{start} et aucune sauvegarde valide n'est disponible dans {folder}."
    return (f"{start} ; les sauvegardes sont dans {folder} : remettez la plus récente avec la commande "
            f"« assistant backup restore {good.name} » ou le bouton « Restaurer » de la fenêtre "
            "(Fichier › Sauvegardes…).")


def damaged(path: Path, backups_dir: Path | None = None) -> DatabaseDamagedError:
    return DatabaseDamagedError(damaged_message(path, backups_dir))


def _connect_read_only(path: Path, *, immutable: bool) -> sqlite3.Connection:
    options = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.as_uri()}?{options}", uri=True, check_same_thread=False)


def _quick_check(conn: sqlite3.Connection, seconds: float) -> bool:
    """``PRAGMA quick_check`` stopped after ``seconds``: False only when it found damage."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc).lower():
            return True
        raise
    finally:
        conn.set_progress_handler(None, 0)
    return rows == [("ok",)]


def inspect_file(path: Path, *, check_seconds: float = 0.0) -> tuple[str | None, bool]:
    """Read the file without writing anything: its schema revision (None: new or to create) and whether it
    can only be read here (folder or disk refusing writes). ``check_seconds`` > 0 runs the quick check.

    Raises ``HalfCreatedError``, ``DatabaseDamagedError``, or ``DatabaseError`` (a foreign or unreadable file).
    """
    if not path.exists():
        return None, False
    if path.stat().st_size == 0:
        wal = Path(f"{path}-wal")
        if not wal.exists() or wal.stat().st_size == 0:
            raise HalfCreatedError(path)
    from assistant.storage.backups import SQLITE_HEADER, is_corruption

    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"Le fichier {path} ne peut pas être lu ({french_os_error(exc)}).") from exc
    if path.stat().st_size > 0 and header != SQLITE_HEADER:
        raise damaged(path)
    read_only = not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    last: sqlite3.Error | None = None
    for immutable in (False, True):
        try:
            with contextlib.closing(_connect_read_only(path, immutable=immutable)) as conn:
                tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if "alembic_version" not in tables:
                    if tables and not tables <= KNOWN_TABLES:
                        raise DatabaseError(
                            f"Le fichier {path} n'est pas une base de l'Assistant achat numérique : "
                            "il contient des tables inconnues ; il n'a pas été modifié."
                        )
                    raise HalfCreatedError(path)
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if check_seconds > 0 and not _quick_check(conn, check_seconds):
                    raise damaged(path)
                return (str(row[0]) if row else None), read_only or immutable
        except sqlite3.Error as exc:
            if is_corruption(exc):
                raise damaged(path) from exc
            last = exc
    raise DatabaseError(f"La base {path} ne peut pas être lue ({last}) ; elle n'a pas été modifiée.") from last


def read_revision(path: Path) -> str | None:
    """The schema revision stored in the file, read without writing anything; None for a new file."""
    try:
        return inspect_file(path)[0]
    except HalfCreatedError:
        return None

def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@dataclass
class Database:
    """An open, migrated database: its engine and a session factory.

    ``read_only`` when the file can be read but not written here (read-only file or folder, full disk):
    reading works, every write is refused in French. ``warnings`` are French sentences for the user.
    """

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    backup: Path | None = None
    read_only: bool = False
    warnings: list[str] = field(default_factory=list)
    url: str | None = None
    """The shared PostgreSQL base's URL in team mode (``path`` then names the unused local file)."""
    author: str = ""
    """Who this workstation writes as in the journal: the PostgreSQL role, or the session's user on SQLite."""

    @property
    def file(self) -> Path | None:
        """The SQLite file, or None for a shared base on a server."""
        return self.path if self.url is None else None

    def close(self) -> None:
        self.engine.dispose()


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _configure_connection)
    return engine


def _read_only_engine(path: Path) -> Engine:
    """An engine that never writes: read-only, and immutable when the -shm file cannot be created."""
    try:
        with contextlib.closing(_connect_read_only(path, immutable=False)) as probe:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        immutable = False
    except sqlite3.Error:
        immutable = True
    engine = create_engine("sqlite://", creator=lambda: _connect_read_only(path, immutable=immutable))

    def configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    event.listen(engine, "connect", configure)
    return engine


def _migrate(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")


STALE_CREATION_SECONDS = 600
"""A temporary creation file older than this was left by a creation that was interrupted."""


def _create(path: Path) -> None:
    """Create and migrate a new database under a temporary name of this process, then give it its name:
    a creation interrupted at any moment leaves either no database or a complete one, and of two processes
    creating at once, the first one's database is kept."""
    for stale in path.parent.glob(f".{path.name}.*.creation*"):
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > STALE_CREATION_SECONDS:
                stale.unlink()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.creation")
    leftovers = [Path(f"{temporary}{suffix}") for suffix in ("", "-journal", "-wal", "-shm")]
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{temporary}")  # rollback journal: nothing left beside it once closed
    try:
        _migrate(engine)
        engine.dispose()
        fd = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temporary, path)  # never replaces a database another process has just created
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            temporary.replace(path)
    finally:
        engine.dispose()
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)


def _set_aside(path: Path, backups_dir: Path) -> Path:
    """Move a half-created database (and whatever journal it has) into ``backups_dir``, never deleting it."""
    from assistant.storage.backups import UNFINISHED_LABEL, copy_name

    backups_dir.mkdir(parents=True, exist_ok=True)
    aside = backups_dir / copy_name(path, UNFINISHED_LABEL, datetime.now(UTC))
    for suffix in ("-wal", "-shm", "-journal", ""):
        current = Path(f"{path}{suffix}")
        if current.exists():
            current.replace(Path(f"{aside}{suffix}"))
    return aside


def _storage_refused(path: Path, exc: BaseException) -> DatabaseError:
    reason = french_os_error(exc) if isinstance(exc, OSError) else "le disque refuse l'écriture"
    return DatabaseError(f"La base {path} ne peut pas être écrite ({reason}) ; rien n'a été modifié.")


def open_database(path: Path, backups_dir: Path | None = None, *, check_seconds: float = QUICK_CHECK_SECONDS
                  ) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    A new or half-created database is created under a temporary name; a damaged one raises
    ``DatabaseDamagedError`` and one of a newer version ``DatabaseTooNewError``, both leaving it untouched.
    A database that can only be read here opens read-only, with a warning.
    """
    from assistant.storage.backups import is_corruption, make_backup

    backups = backups_dir or path.parent / "sauvegardes"
    warnings: list[str] = []
    try:
        revision, read_only = inspect_file(path, check_seconds=check_seconds)
        exists = path.exists()
    except HalfCreatedError:
        aside = _set_aside(path, backups)
        warnings.append(f"La base {path} était incomplète (création interrompue) : elle a été recréée, "
                        f"l'ancien fichier est conservé sous {aside}.")
        revision, read_only, exists = None, False, False
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(
            f"La base {path} a été créée par une version plus récente de l'application "
            f"(schéma « {revision} ») ; installez cette version pour l'ouvrir. Le fichier n'a pas été modifié."
        )
    head = head_revision()
    if not read_only:
        try:
            if not exists:
                path.parent.mkdir(parents=True, exist_ok=True)
                _create(path)
                revision = head
            engine = _engine(path)
            with engine.connect() as connection:  # the -shm file can be created: the folder takes writes
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").fetchall()
        except (OSError, sqlite3.Error, DBAPIError) as exc:
            original = getattr(exc, "orig", exc)
            if is_corruption(original):
                raise damaged(path, backups) from exc
            if not exists:
                raise _storage_refused(path, original) from exc
            read_only = True
    if read_only:
        if revision != head:
            raise DatabaseError(f"La base {path} doit être mise à jour mais ne peut pas être écrite ici "
                                "(fichier ou dossier en lecture seule, ou disque plein) ; elle n'a pas été modifiée.")
        warnings.append(f"La base {path} ne peut pas être écrite ici (fichier ou dossier en lecture seule, ou "
                        "disque plein) : elle est ouverte en lecture seule et aucune modification n'est possible.")
        engine = _read_only_engine(path)
        return Database(path, engine, sessionmaker(engine, expire_on_commit=False), None, True, warnings)
    backup = None
    if revision != head:
        try:
            backup = make_backup(path, backups, f"avant-{head}")
        except (OSError, sqlite3.Error) as exc:
            engine.dispose()
            raise DatabaseError(f"La copie de la base {path} avant sa mise à jour n'a pas pu être faite "
                                f"({french_os_error(exc) if isinstance(exc, OSError) else exc}) ; "
                                "la base n'a pas été modifiée.") from exc
        try:
            _migrate(engine)
        except Exception as exc:
            engine.dispose()
            raise DatabaseError(f"La mise à jour de la base {path} a échoué : {exc}") from exc
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False), backup, False, warnings)
