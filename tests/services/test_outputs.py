"""Output paths: never the application's own files, only a regular file (or nothing) replaced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.domain.messages import UserError
from assistant.paths import AppPaths
from assistant.services.outputs import check_output_path


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    paths = AppPaths(tmp_path / "données")
    paths.backups_dir.mkdir(parents=True)
    paths.database.write_bytes(b"SQLite format 3\x00")
    return paths


def test_a_new_or_regular_file_of_the_user_is_accepted(paths: AppPaths, tmp_path: Path) -> None:
    check_output_path(paths, tmp_path / "nouveau.pdf")
    existing = tmp_path / "ancien.pdf"
    existing.write_bytes(b"%PDF-")
    check_output_path(paths, existing)
    check_output_path(None, existing)


@pytest.mark.parametrize("name", ["dossiers.sqlite3", "dossiers.sqlite3-wal", "dossiers.sqlite3-shm",
                                  "dossiers.sqlite3-journal", ".verrou", "sauvegardes/copie.pdf",
                                  "formation/dossiers.sqlite3", "formation/sauvegardes/x.json"])
def test_the_data_folders_own_files_are_refused(paths: AppPaths, name: str) -> None:
    with pytest.raises(UserError) as caught:
        check_output_path(paths, paths.data_dir / name)
    assert caught.value.status == 2 and "est refusé" in str(caught.value)


def test_another_name_for_the_database_is_refused(paths: AppPaths, tmp_path: Path) -> None:
    link = tmp_path / "autre-nom.pdf"
    os.link(paths.database, link)
    with pytest.raises(UserError, match="autre nom"):
        check_output_path(paths, link)
    through = tmp_path / "raccourci"
    through.symlink_to(paths.data_dir, target_is_directory=True)
    with pytest.raises(UserError, match="base de données"):
        check_output_path(paths, through / "dossiers.sqlite3")


def test_links_fifos_devices_folders_and_read_only_files_are_refused(paths: AppPaths, tmp_path: Path) -> None:
    target = tmp_path / "cible.json"
    target.write_text("{}", encoding="utf-8")
    link = tmp_path / "lien.json"
    link.symlink_to(target)
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    read_only = tmp_path / "lecture-seule.pdf"
    read_only.write_bytes(b"")
    read_only.chmod(0o444)
    for path, why in ((link, "lien symbolique"), (fifo, "pas un fichier ordinaire"),
                      (Path("/dev/null"), "pas un fichier ordinaire"), (tmp_path, "dossier"),
                      (read_only, "lecture seule")):
        with pytest.raises(UserError, match=why):
            check_output_path(paths, path)
