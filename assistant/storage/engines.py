"""The one choice between the two engines: the data folder's SQLite file, or a shared PostgreSQL base.

What only a file has (copies before a migration, the daily copy, the start-up check of its pages) is
done here for a file and skipped for a server, so that services never ask which engine they run on.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from assistant.storage.database import Database, DatabaseError, open_database
from assistant.storage.server import is_server_url, open_server_database, url_problem


def open_store(path: Path, backups_dir: Path | None = None, url: str | None = None) -> Database:
    """The SQLite file at ``path`` (``url`` None or empty), else the shared base at ``url``."""
    if not url:
        database = open_database(path, backups_dir)
        database.author = local_user()
        return database
    problem = url_problem(url)
    if problem is not None or not is_server_url(url):
        raise DatabaseError(f"L'adresse de base de données « {url.rsplit('@', maxsplit=1)[-1]} » {problem}.", 2)
    return open_server_database(url, path)


def local_user() -> str:
    """The session's user, written as the author of the journal's events on SQLite."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no USER/LOGNAME and no passwd entry (a bare container)
        return "utilisateur inconnu"


def daily_copy(database: Database, backups_dir: Path, *, keep: int) -> None:
    """The day's copy of a SQLite file (a shared base is saved by its server, with ``pg_dump``)."""
    if database.url is not None:
        return
    from assistant.storage.backups import daily_backup

    daily_backup(database.path, backups_dir, keep=keep)
