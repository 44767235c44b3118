"""Where an export or a note may be written: never over the application's own files, only over a file.

``check_output_path`` is called by every use case that writes a file the user named (``export``,
``report -o``, the window's « Exporter » and « Note PDF »), before anything is written.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assistant.domain.messages import EXIT_USAGE, UserError, french_os_error
from assistant.paths import AppPaths

_JOURNALS = ("", "-wal", "-shm", "-journal")


def _protected(paths: AppPaths) -> tuple[list[Path], list[Path]]:
    """The data folder's own files (and the training folder's), and its folders whose content is its own."""
    files: list[Path] = []
    folders: list[Path] = []
    for folder in (paths, paths.training()):
        files += [Path(f"{folder.database}{suffix}") for suffix in _JOURNALS]
        files.append(folder.lock_file)
        folders.append(folder.backups_dir)
    return files, folders


def _real(path: Path) -> Path:
    """``path`` with its folder's links resolved (the last component itself is not followed)."""
    return Path(os.path.realpath(path.parent)) / path.name


def _refused(path: Path, why: str) -> UserError:
    return UserError(f"Le fichier de sortie {path} est refusé : {why} ; choisissez un autre fichier.", EXIT_USAGE)


def check_output_path(paths: AppPaths | None, path: Path) -> None:
    """Refuse (``UserError``, status 2) an output path that is the database, one of its journals, the lock
    or inside ``sauvegardes/``; a link, a folder, a FIFO or a device; or an existing read-only file."""
    target = _real(path)
    if paths is not None:
        files, folders = _protected(paths)
        real_files = {_real(f) for f in files}
        if target in real_files:
            raise _refused(path, "c'est un fichier de la base de données de l'Assistant")
        for folder in folders:
            if target.is_relative_to(Path(os.path.realpath(folder))):
                raise _refused(path, "il est dans le dossier des sauvegardes de l'Assistant")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _refused(path, f"il est inaccessible ({french_os_error(exc)})") from exc
    if stat.S_ISLNK(info.st_mode):
        raise _refused(path, "c'est un lien symbolique, qui serait remplacé par un fichier")
    if stat.S_ISDIR(info.st_mode):
        raise _refused(path, "c'est un dossier")
    if not stat.S_ISREG(info.st_mode):
        raise _refused(path, "ce n'est pas un fichier ordinaire (tube, périphérique…)")
    if paths is not None:
        for own in _protected(paths)[0]:
            try:
                other = own.stat()
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                raise _refused(path, "c'est un autre nom de la base de données de l'Assistant")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise _refused(path, "il existe et il est en lecture seule")
