"""The workstation's file read for a copy: never written, refused when missing or of a newer version."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from assistant.storage.database import DatabaseError, DatabaseTooNewError, open_database
from assistant.storage.local_source import read_local_base


def test_a_newer_or_missing_local_base_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as caught, read_local_base(tmp_path / "absent.sqlite3"):
        pass
    assert caught.value.status == 2 and not (tmp_path / "absent.sqlite3").exists()
    path = tmp_path / "base.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_futur'")
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseTooNewError) as too_new, read_local_base(path):
        pass
    assert "version plus récente" in str(too_new.value) and too_new.value.status == 2
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_the_local_base_is_read_through_an_engine_that_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "base.sqlite3"
    open_database(path).close()
    with read_local_base(path) as engine, engine.connect() as connection, \
            pytest.raises(OperationalError, match="readonly"):
        connection.exec_driver_sql("DELETE FROM dossier")
