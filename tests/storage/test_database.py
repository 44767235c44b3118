"""Migrations, the refusal of a newer database, the pragmas and the backup before a migration."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from assistant.paths import migrations_dir
from assistant.storage import DatabaseError, DatabaseTooNewError, open_database
from assistant.storage.database import head_revision, read_revision


def test_empty_file_migrates_to_head_and_matches_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "base.sqlite3")
    try:
        assert read_revision(db.path) == head_revision()
        with db.engine.connect() as connection:
            cfg = Config()
            cfg.set_main_option("script_location", str(migrations_dir()))
            cfg.attributes["connection"] = connection
            command.check(cfg)  # raises when the models and the migrations differ
    finally:
        db.close()


def test_pragmas_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "base.sqlite3")
    try:
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


def test_opening_twice_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "base.sqlite3"
    open_database(path).close()
    again = open_database(path)
    assert again.backup is None
    again.close()


def test_newer_database_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "base.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as caught:
        open_database(path)
    assert "version plus récente" in str(caught.value)
    assert path.read_bytes() == before


def test_foreign_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "autre.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE clients (id INTEGER)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="tables inconnues"):
        open_database(path)
    assert path.read_bytes() == before


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "texte.sqlite3"
    path.write_text("ceci n'est pas une base " * 100, encoding="utf-8")
    with pytest.raises(DatabaseError, match="endommagée") as caught:
        open_database(path)
    assert caught.value.status == 2
    assert path.read_text(encoding="utf-8") == "ceci n'est pas une base " * 100


def test_older_schema_is_backed_up_before_migration(tmp_path: Path) -> None:
    path = tmp_path / "base.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:  # pretend the file is at an older, known revision
        conn.execute("DROP TABLE event")
        conn.execute("DROP TABLE candidate")
        conn.execute("DROP TABLE dossier")
        conn.execute("DELETE FROM alembic_version")
    conn.close()
    db = open_database(path, tmp_path / "sauvegardes")
    try:
        assert db.backup is not None and db.backup.exists()
        assert read_revision(path) == head_revision()
    finally:
        db.close()


def test_released_schema_0001_fixture_migrates_with_its_data(tmp_path: Path) -> None:
    import shutil

    from assistant.storage import Repository

    path = tmp_path / "base.sqlite3"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schema-0001.sqlite3", path)
    db = open_database(path)
    try:
        repo = Repository(db.sessions)
        [summary] = repo.list()
        dossier = repo.get(summary.id)
        assert dossier.title == "Dossier « 0001 » éàç"
        assert dossier.facts == {"need.users": 7, "data.breach_impacts": ["public_order"]}
        assert dossier.candidates[0].scores == {"cost": 3}
        assert [s.title for s in repo.list(trash=True)] == ["Dans la corbeille"]
    finally:
        db.close()


def test_one_daily_backup_a_day_and_only_the_last_ones_are_kept(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from assistant.storage.backups import daily_backup

    path = tmp_path / "base.sqlite3"
    open_database(path).close()
    backups = tmp_path / "sauvegardes"
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for day in range(10):
        assert daily_backup(path, backups, keep=3, today=start + timedelta(days=day)) is not None
        assert daily_backup(path, backups, keep=3, today=start + timedelta(days=day, hours=5)) is None
    kept = sorted(p.name for p in backups.iterdir())
    assert len(kept) == 3 and kept[-1].startswith("base-quotidienne-20261110")
    assert read_revision(backups / kept[-1]) == head_revision()


def _corrupt_middle(path: Path, pages: int = 2) -> None:
    """Overwrite pages in the middle of the file, as a failing disk or a bad USB copy does."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(max(1, size // 4096 // 2 - pages // 2) * 4096)
        handle.write(b"\xa5" * 4096 * pages)


def _filled(path: Path, dossiers: int = 60) -> None:
    from assistant.storage import Repository

    db = open_database(path)
    repo = Repository(db.sessions)
    for i in range(dossiers):
        repo.create(f"Dossier {i} " + "x" * 200, "Organisation")
    db.close()


@pytest.mark.parametrize("content", [b"", None], ids=["zero-byte", "no-table"])
def test_a_half_created_database_is_recreated_and_the_old_file_kept_aside(tmp_path: Path, content: bytes | None
                                                                         ) -> None:
    path = tmp_path / "dossiers.sqlite3"
    if content is None:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE dossier (id INTEGER)")  # one of ours, without alembic_version
        conn.close()
    else:
        path.write_bytes(content)
    db = open_database(path)
    try:
        assert read_revision(path) == head_revision()
        assert db.warnings and "recréée" in db.warnings[0]
    finally:
        db.close()
    [aside] = (tmp_path / "sauvegardes").glob("dossiers-inachevee-*.sqlite3")
    assert aside.exists()


def test_creation_goes_through_a_temporary_name_and_ignores_an_interrupted_one(tmp_path: Path) -> None:
    path = tmp_path / "dossiers.sqlite3"
    leftover = tmp_path / ".dossiers.sqlite3.4242.creation"
    leftover.write_bytes(b"SQLite format 3\x00 interrupted")
    os.utime(leftover, (1_000_000_000, 1_000_000_000))  # left by a creation killed long ago
    db = open_database(path)
    db.close()
    assert read_revision(path) == head_revision()
    assert not leftover.exists()
    assert not [p.name for p in tmp_path.iterdir() if "creation" in p.name]


def test_corrupt_pages_are_detected_at_start_and_the_file_is_untouched(tmp_path: Path) -> None:
    from assistant.storage import DatabaseDamagedError
    from assistant.storage.backups import make_backup

    path = tmp_path / "dossiers.sqlite3"
    _filled(path)
    copy = make_backup(path, tmp_path / "sauvegardes", "quotidienne")
    _corrupt_middle(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(path)
    message = str(caught.value)
    assert "endommagée" in message and f"assistant backup restore {copy.name}" in message
    assert str(tmp_path / "sauvegardes") in message and caught.value.status == 2
    assert path.read_bytes() == before


def test_damage_found_while_working_is_told_with_the_backups(tmp_path: Path) -> None:
    from assistant.storage import DatabaseDamagedError, Repository

    path = tmp_path / "dossiers.sqlite3"
    _filled(path)
    db = open_database(path, check_seconds=0)  # the start-up check skipped: damage appears later
    repo = Repository(db.sessions, path)
    _corrupt_middle(path, pages=path.stat().st_size // 4096 // 2)  # half the file: data pages included
    try:
        with pytest.raises(DatabaseDamagedError, match="endommagée"):
            for _ in range(3):  # the list reads an index only now: read every dossier whole too
                for summary in repo.list():
                    repo.get(summary.id)
                repo.create("Encore un")
    finally:
        db.close()


def test_quick_check_is_bounded_in_time(tmp_path: Path) -> None:
    from assistant.storage.database import _quick_check

    path = tmp_path / "dossiers.sqlite3"
    _filled(path, 200)
    with sqlite3.connect(path) as conn:
        assert _quick_check(conn, 60.0)
        assert _quick_check(conn, 0.0)  # stopped at once: not a finding of damage
    conn.close()
