"""A workstation's SQLite file opened only to be read (the source of ``dossier migrate``).

The file is never written: its revision is read through a read-only connection, and it is then read
through a read-only engine. A file of an older schema is copied (SQLite's backup, read-only on the source)
into a temporary folder where the copy is migrated and read; the file itself stays byte-identical.

A window may have the file open meanwhile: its last changes, still in the write-ahead log, are read too.
When no program has the file open, SQLite creates its two companion files (an empty ``-wal`` and the
``-shm`` index) for the time of the read and, reading only, leaves them; the next opening removes them.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine

from assistant.storage.database import (
    DatabaseError,
    DatabaseTooNewError,
    HalfCreatedError,
    _connect_read_only,
    _migrate,
    _read_only_engine,
    head_revision,
    inspect_file,
    known_revisions,
)


def _nothing_to_copy(path: Path) -> DatabaseError:
    return DatabaseError(f"Aucune base de dossiers n'existe dans {path.parent}\u00a0: rien n'a été copié.",
                         2)


@contextlib.contextmanager
def read_local_base(path: Path) -> Iterator[Engine]:
    """A read-only engine on the SQLite file at ``path``, at the application's schema.

    Raises ``DatabaseError`` (status 2) when there is no file, ``DatabaseTooNewError`` for a newer schema,
    ``DatabaseDamagedError`` for a damaged file: in every case the file is left as it was."""
    if not path.exists():
        raise _nothing_to_copy(path)
    try:
        revision, _read_only = inspect_file(path)
    except HalfCreatedError:
        raise _nothing_to_copy(path) from None
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(
            f"La base {path} a été créée par une version plus récente de l'application "
            f"(schéma «\u00a0{revision}\u00a0»)\u00a0: rien n'a été copié, installez cette version pour la copier.")
    if revision == head_revision():
        engine = _read_only_engine(path)
        try:
            yield engine
        finally:
            engine.dispose()
        return
    with tempfile.TemporaryDirectory(prefix="assistant-copie-") as folder:
        copy = Path(folder) / path.name
        try:
            with contextlib.closing(_connect_read_only(path, immutable=False)) as source, \
                    contextlib.closing(sqlite3.connect(copy)) as target:
                source.backup(target)
        except sqlite3.Error as exc:
            raise DatabaseError(f"La base {path} ne peut pas être lue ({exc})\u00a0; rien n'a été copié.") from exc
        engine = create_engine(f"sqlite:///{copy}")
        try:
            _migrate(engine)
            yield engine
        finally:
            engine.dispose()
