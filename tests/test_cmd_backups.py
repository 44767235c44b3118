"""The command line when things go wrong: backups, restore, a damaged or half-created base, a full disk,
a read-only folder, output paths that would overwrite the application's own files."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.storage.backups import check_file, count_dossiers
from tests.conftest import EXAMPLES
from tests.test_cli import run

EXAMPLE = str(EXAMPLES / "gestion-enquetes-dr.json")


def _imported(capsys, data: Path, count: int = 2) -> Path:  # type: ignore[no-untyped-def]
    for _ in range(count):
        code, _, err = run(capsys, "--data-dir", str(data), "dossier", "import", EXAMPLE)
        assert code == 0, err
    return data / "dossiers.sqlite3"


def _corrupt_middle(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk or a bad USB copy does."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek((size // 4096 // 2) * 4096)
        handle.write(b"\xa5" * 4096 * 2)


def test_an_interrupted_daily_copy_does_not_take_the_days_place(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    _imported(capsys, data)
    backups = data / "sauvegardes"
    for copy in backups.iterdir():
        copy.unlink()
    today = datetime.now(UTC).strftime("%Y%m%d")
    (backups / f"dossiers-quotidienne-{today}T000000000000.sqlite3").touch()  # what a kill used to leave
    code, _, _ = run(capsys, "--data-dir", str(data), "dossier", "list")
    assert code == 0
    [copy] = backups.glob("dossiers-quotidienne-*.sqlite3")
    assert check_file(copy) and count_dossiers(copy) == 2


def test_backup_list_and_restore_keep_the_current_base_aside(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    database = _imported(capsys, data, 1)
    code, out, _ = run(capsys, "--data-dir", str(data), "backup", "create")
    assert code == 0 and "1 dossier(s)" in out
    _imported(capsys, data, 2)
    code, out, _ = run(capsys, "--data-dir", str(data), "backup", "list", "--format", "json")
    listed = {item["kind"]: item for item in json.loads(out)}
    assert listed["manuelle"]["dossiers"] == 1 and listed["manuelle"]["size"] > 0 and listed["manuelle"]["date"]
    name = listed["manuelle"]["name"]
    code, out, _ = run(capsys, "--data-dir", str(data), "backup", "list")
    assert code == 0 and name in out and "1 dossier(s)" in out and "Kio" in out
    before = database.read_bytes()
    code, _, err = run(capsys, "--data-dir", str(data), "backup", "restore", name)
    assert code == 2 and "--yes" in err and "(1 dossier(s))" in err and "contient 3 dossier(s)" in err
    assert database.read_bytes() == before
    code, out, err = run(capsys, "--data-dir", str(data), "backup", "restore", name, "--yes")
    assert code == 0, err
    [aside] = (data / "sauvegardes").glob("dossiers-remplacee-*.sqlite3")
    assert str(aside) in out and count_dossiers(aside) == 3
    code, out, _ = run(capsys, "--data-dir", str(data), "dossier", "list", "--format", "json")
    assert len(json.loads(out)) == 1
    code, _, err = run(capsys, "--data-dir", str(data), "backup", "restore", "inconnue.sqlite3", "--yes")
    assert code == 2 and "Aucune sauvegarde" in err


def test_corrupt_pages_exit_2_with_the_way_to_restore_and_the_file_untouched(tmp_path: Path, capsys
                                                                             ) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    database = _imported(capsys, data, 40)
    assert run(capsys, "--data-dir", str(data), "backup", "create")[0] == 0
    _corrupt_middle(database)
    damaged = database.read_bytes()
    for args in (("dossier", "list"), ("dossier", "import", EXAMPLE), ("dossier", "show", "1"),
                 ("report", "1", "-o", str(tmp_path / "note.pdf"))):
        code, _, err = run(capsys, "--data-dir", str(data), *args)
        assert code == 2, args
        assert "endommagée" in err and "assistant backup restore dossiers-manuelle-" in err
        assert str(data / "sauvegardes") in err and "Traceback" not in err
        assert database.read_bytes() == damaged
    latest = re.findall(r"assistant backup restore (dossiers-manuelle-\d+T\d+\.sqlite3)", err)[0]
    code, _, err = run(capsys, "--data-dir", str(data), "backup", "restore", latest, "--yes")
    assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", str(data), "dossier", "list", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 40


def test_a_zero_byte_base_is_recreated_and_kept_aside(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    data.mkdir()
    (data / "dossiers.sqlite3").touch()
    code, out, err = run(capsys, "--data-dir", str(data), "dossier", "list")
    assert code == 0 and "Aucun dossier" in out and "recréée" in err
    assert list((data / "sauvegardes").glob("dossiers-inachevee-*.sqlite3"))


@pytest.mark.parametrize("target", ["database", "wal", "backups", "lock", "symlink", "fifo", "folder", "read-only"])
@pytest.mark.parametrize("command", ["export", "report"])
def test_output_paths_that_are_not_a_plain_file_of_the_user_are_refused(
        tmp_path: Path, capsys, target: str, command: str) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    database = _imported(capsys, data, 1)
    outside = tmp_path / "ailleurs.json"
    outside.write_text("garde-moi", encoding="utf-8")
    paths = {
        "database": database,
        "wal": Path(f"{database}-wal"),
        "backups": data / "sauvegardes" / "note.pdf",
        "lock": data / ".verrou",
        "symlink": tmp_path / "lien.json",
        "fifo": tmp_path / "tube",
        "folder": tmp_path,
        "read-only": tmp_path / "lecture-seule.json",
    }
    path = paths[target]
    if target == "symlink":
        path.symlink_to(outside)
    elif target == "fifo":
        os.mkfifo(path)
    elif target == "read-only":
        path.write_text("ancien", encoding="utf-8")
        path.chmod(0o444)
    before = database.read_bytes()
    args = ("dossier", "export", "1", "-o", str(path)) if command == "export" else ("report", "1", "-o", str(path))
    code, _, err = run(capsys, "--data-dir", str(data), *args)
    assert code == 2, err
    assert "est refusé" in err and "Traceback" not in err
    assert database.read_bytes() == before
    assert outside.read_text(encoding="utf-8") == "garde-moi"
    if target == "symlink":
        assert path.is_symlink()
    if target == "read-only":
        assert path.read_text(encoding="utf-8") == "ancien"


def test_report_from_a_file_refuses_the_database_too(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    database = _imported(capsys, data, 1)
    before = database.read_bytes()
    code, _, err = run(capsys, "--data-dir", str(data), "report", EXAMPLE, "-o", str(database))
    assert code == 2 and "est refusé" in err
    assert database.read_bytes() == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 600 kB file system (tmpfs) mounted for the test: a real full disk. Needs root."""
    mount = tmp_path / "petit-disque"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)],
                            capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root): the full-disk test is skipped")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "remplissage"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    return filler


def _integrity_and_count(database: Path) -> tuple[bool, int]:
    conn = sqlite3.connect(database)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return ok, int(conn.execute("SELECT count(*) FROM dossier").fetchone()[0])
    finally:
        conn.close()


def test_a_full_disk_fails_writes_with_status_1_and_keeps_the_base(small_disk: Path, tmp_path: Path, capsys
                                                                   ) -> None:  # type: ignore[no-untyped-def]
    data = small_disk / "data"
    database = _imported(capsys, data, 2)
    filler = _fill(small_disk)
    for args in (("dossier", "import", EXAMPLE), ("backup", "create"),
                 ("dossier", "export", "1", "-o", str(small_disk / "export.json")),
                 ("report", "1", "-o", str(small_disk / "note.pdf"))):
        code, _, err = run(capsys, "--data-dir", str(data), *args)
        assert code == 1, (args, err)
        assert "Traceback" not in err and "n'est pas une base SQLite" not in err
    assert not (small_disk / "export.json").exists() and not (small_disk / "note.pdf").exists()
    assert not [p for p in (data / "sauvegardes").iterdir() if "manuelle" in p.name or p.name.startswith(".")]
    for args in (("dossier", "list"), ("dossier", "show", "1"),
                 ("dossier", "export", "1", "-o", str(tmp_path / "export.json")),
                 ("report", "1", "-o", str(tmp_path / "note.pdf"))):
        code, _, err = run(capsys, "--data-dir", str(data), *args)
        assert code == 0, (args, err)  # reading works, with a warning
        assert "lecture seule" in err and "n'est pas une base SQLite" not in err
    filler.unlink()
    assert _integrity_and_count(database) == (True, 2)


def test_a_read_only_folder_reads_and_refuses_writes_in_french(small_disk: Path, tmp_path: Path, capsys
                                                                ) -> None:  # type: ignore[no-untyped-def]
    data = small_disk / "data"
    database = _imported(capsys, data, 1)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    before = database.read_bytes()
    code, out, err = run(capsys, "--data-dir", str(data), "dossier", "list", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 1 and "lecture seule" in err
    code, _, err = run(capsys, "--data-dir", str(data), "dossier", "import", EXAMPLE)
    assert code == 1 and "n'a pas été enregistrée" in err and "Traceback" not in err
    code, _, err = run(capsys, "--data-dir", str(data), "backup", "create")
    assert code == 1 and "lecture seule" in err
    assert database.read_bytes() == before
