"""Backups that are real: checked before they count, leftovers cleared, listed, restored beside the current base."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.storage import Repository, open_database
from assistant.storage.backups import (
    DAILY_LABEL,
    INVALID_SUFFIX,
    PARTIAL_SUFFIX,
    BackupError,
    check_file,
    count_dossiers,
    daily_backup,
    latest_good,
    list_backups,
    make_backup,
    restore_copy,
)

TODAY = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def _base(tmp_path: Path, dossiers: int = 2) -> Path:
    path = tmp_path / "dossiers.sqlite3"
    db = open_database(path)
    repo = Repository(db.sessions)
    for i in range(dossiers):
        repo.create(f"Dossier {i}")
    db.close()
    return path


def test_a_copy_is_checked_and_standalone(tmp_path: Path) -> None:
    path = _base(tmp_path)
    copy = make_backup(path, tmp_path / "sauvegardes", "manuelle", TODAY)
    assert check_file(copy) and count_dossiers(copy) == 2
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]  # no -wal, no temporary left


def test_an_empty_file_named_like_todays_copy_does_not_count(tmp_path: Path) -> None:
    path = _base(tmp_path)
    backups = tmp_path / "sauvegardes"
    backups.mkdir()
    stamp = TODAY.strftime("%Y%m%d")
    empty = backups / f"dossiers-{DAILY_LABEL}-{stamp}T000000000000.sqlite3"
    empty.touch()
    partial = backups / f".dossiers-{DAILY_LABEL}-{stamp}T010000000000.sqlite3{PARTIAL_SUFFIX}"
    partial.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    copy = daily_backup(path, backups, keep=7, today=TODAY)
    assert copy is not None and check_file(copy) and count_dossiers(copy) == 2
    assert not empty.exists() and not partial.exists()
    assert daily_backup(path, backups, keep=7, today=TODAY) is None  # the checked copy now holds the day


def test_a_truncated_copy_named_like_todays_is_set_aside_and_replaced(tmp_path: Path) -> None:
    path = _base(tmp_path)
    backups = tmp_path / "sauvegardes"
    backups.mkdir()
    broken = backups / f"dossiers-{DAILY_LABEL}-{TODAY:%Y%m%d}T000000000000.sqlite3"
    broken.write_bytes(path.read_bytes()[:5000])
    copy = daily_backup(path, backups, keep=7, today=TODAY)
    assert copy is not None and check_file(copy)
    assert (backups / (broken.name + INVALID_SUFFIX)).exists()
    assert [b.name for b in list_backups(path, backups)] == [copy.name]


def test_list_gives_date_size_and_dossiers_most_recent_first(tmp_path: Path) -> None:
    path = _base(tmp_path, dossiers=3)
    backups = tmp_path / "sauvegardes"
    older = make_backup(path, backups, DAILY_LABEL, datetime(2026, 11, 30, tzinfo=UTC))
    newer = make_backup(path, backups, "avant-0002", datetime(2026, 12, 1, tzinfo=UTC))
    listed = list_backups(path, backups)
    assert [b.path for b in listed] == [newer, older]
    assert listed[0].label == "avant-0002" and listed[1].label == DAILY_LABEL
    assert listed[1].moment == datetime(2026, 11, 30, tzinfo=UTC)
    assert all(b.dossiers == 3 and b.size == b.path.stat().st_size for b in listed)


def test_restore_keeps_the_current_database_and_its_journals_aside(tmp_path: Path) -> None:
    path = _base(tmp_path, dossiers=1)
    backups = tmp_path / "sauvegardes"
    copy = make_backup(path, backups, DAILY_LABEL, TODAY)
    db = open_database(path)
    Repository(db.sessions).create("Après la sauvegarde")
    db.close()
    before = path.read_bytes()
    aside = restore_copy(path, copy, backups)
    assert aside is not None and aside.read_bytes() == before
    assert count_dossiers(aside) == 2 and count_dossiers(path) == 1
    assert not Path(f"{path}-wal").exists()
    assert check_file(path)


def test_restore_refuses_a_damaged_copy_and_changes_nothing(tmp_path: Path) -> None:
    path = _base(tmp_path)
    backups = tmp_path / "sauvegardes"
    copy = make_backup(path, backups, DAILY_LABEL, TODAY)
    copy.write_bytes(copy.read_bytes()[:4096] + b"\xff" * 4096 * 3)
    before = path.read_bytes()
    with pytest.raises(BackupError):
        restore_copy(path, copy, backups)
    assert path.read_bytes() == before
    assert latest_good(path, backups) is None


def test_a_copy_of_a_damaged_database_is_never_kept(tmp_path: Path) -> None:
    path = _base(tmp_path, dossiers=50)
    with path.open("r+b") as handle:  # overwrite pages in the middle, as a failing disk does
        handle.seek(4096 * 2)
        handle.write(b"\xa5" * 4096 * 2)
    backups = tmp_path / "sauvegardes"
    with pytest.raises((BackupError, sqlite3.DatabaseError)):
        make_backup(path, backups, DAILY_LABEL, TODAY)
    assert list(backups.iterdir()) == []


def test_the_cheap_start_up_check_reads_the_header_only(tmp_path: Path) -> None:
    from assistant.storage.backups import looks_complete

    path = _base(tmp_path, dossiers=30)
    copy = make_backup(path, tmp_path / "sauvegardes", DAILY_LABEL, TODAY)
    assert looks_complete(copy)
    cut = tmp_path / "coupée.sqlite3"
    cut.write_bytes(copy.read_bytes()[:-4096])
    empty = tmp_path / "vide.sqlite3"
    empty.touch()
    text = tmp_path / "texte.sqlite3"
    text.write_text("pas une base" * 100, encoding="utf-8")
    assert not any(looks_complete(p) for p in (cut, empty, text))
