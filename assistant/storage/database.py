"""Open the SQLite file: check its schema version, back it up, migrate it, configure it.

Order matters so that a database from a newer version stays byte-identical: its revision is read through
a read-only connection before anything writes (WAL mode itself writes to the file).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from assistant.domain.messages import UserError
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


def read_revision(path: Path) -> str | None:
    """The schema revision stored in the file, read without writing anything; None for a new file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseError(
                        f"Le fichier {path} n'est pas une base de l'Assistant achat numérique : "
                        "il contient des tables inconnues ; il n'a pas été modifié."
                    )
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"Le fichier {path} n'est pas une base SQLite lisible ; il n'a pas été modifié."
        ) from exc


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def backup_file(source: Path, backups_dir: Path, label: str, moment: datetime | None = None) -> Path:
    """Copy the database consistently (SQLite's backup API): before a migration, or once a day."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = (moment or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%f")
    target = backups_dir / f"{source.stem}-{label}-{stamp}{source.suffix}"
    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


DAILY_LABEL = "quotidienne"


def daily_backup(source: Path, backups_dir: Path, *, keep: int, today: datetime | None = None) -> Path | None:
    """Keep one copy of the database a day, the ``keep`` most recent ones: a safety net against a mistake
    (a trash emptied too fast) or a damaged disk. Returns the new copy, or None when today's exists."""
    moment = today or datetime.now(UTC)
    day = moment.strftime("%Y%m%d")
    existing = sorted(backups_dir.glob(f"{source.stem}-{DAILY_LABEL}-*{source.suffix}"))
    if any(p.name.startswith(f"{source.stem}-{DAILY_LABEL}-{day}") for p in existing):
        return None
    if not source.exists() or source.stat().st_size == 0:
        return None
    copy = backup_file(source, backups_dir, DAILY_LABEL, moment)
    for old in sorted(backups_dir.glob(f"{source.stem}-{DAILY_LABEL}-*{source.suffix}"))[:-keep]:
        old.unlink(missing_ok=True)
    return copy


@dataclass
class Database:
    """An open, migrated database: its engine and a session factory."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    backup: Path | None = None

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, backups_dir: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    Raises ``DatabaseTooNewError`` for a file of a newer version, leaving it untouched.
    """
    revision = read_revision(path)
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(
            f"La base {path} a été créée par une version plus récente de l'application "
            f"(schéma « {revision} ») ; installez cette version pour l'ouvrir. Le fichier n'a pas été modifié."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    existing = path.exists() and path.stat().st_size > 0
    if existing and revision != head_revision():
        backup = backup_file(path, backups_dir or path.parent / "sauvegardes", f"avant-{head_revision()}")
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _configure_connection)
    if revision != head_revision():
        try:
            from alembic import command

            with engine.begin() as connection:
                command.upgrade(_alembic_config(connection), "head")
        except Exception as exc:
            engine.dispose()
            raise DatabaseError(f"La mise à jour de la base {path} a échoué : {exc}") from exc
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False), backup)
