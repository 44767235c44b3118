"""Backup use cases shared by ``assistant backup`` and the « Sauvegardes » dialog: list, make, restore.

They work on the data folder's files without opening the database through the context, so that they
still work when the database is damaged (which is when a restore is needed).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from assistant.domain.messages import UserError, french_os_error
from assistant.lock import DataFolderLock
from assistant.paths import AppPaths
from assistant.storage.backups import (
    MANUAL_LABEL,
    BackupError,
    BackupInfo,
    count_dossiers,
    is_corruption,
    latest_good,
    list_backups,
    make_backup,
    restore_copy,
)
from assistant.storage.database import DatabaseDamagedError, damaged

__all__ = ["BackupInfo", "DatabaseDamagedError", "RestorePlan", "backups", "create_backup", "latest_backup",
           "plan_restore", "restore_backup"]


@dataclass(frozen=True)
class RestorePlan:
    """What a restore would do, for its confirmation: the copy and the dossiers on each side."""

    backup: BackupInfo
    current_dossiers: int | None
    """Dossiers in the current database; None when it is damaged or absent."""

    def question(self) -> str:
        """The confirmation sentence, giving both counts."""
        now = ("la base actuelle est illisible ou absente" if self.current_dossiers is None
               else f"la base actuelle contient {self.current_dossiers} dossier(s)")
        copy = self.backup.dossiers if self.backup.dossiers is not None else "?"
        return (f"Remettre la sauvegarde {self.backup.name} ({copy} dossier(s)) à la place de la base actuelle ? "
                f"Aujourd'hui {now} ; elle sera conservée dans le dossier des sauvegardes, jamais effacée.")


def backups(paths: AppPaths) -> list[BackupInfo]:
    """The copies kept in the data folder, most recent first."""
    return list_backups(paths.database, paths.backups_dir)


def latest_backup(paths: AppPaths) -> BackupInfo | None:
    """The most recent copy that passes its integrity check."""
    return latest_good(paths.database, paths.backups_dir)


def _find(paths: AppPaths, name: str) -> BackupInfo:
    for info in backups(paths):
        if info.name == name:
            return info
    raise UserError(f"Aucune sauvegarde ne s'appelle « {name} » dans {paths.backups_dir} : "
                    "« assistant backup list » donne leurs noms.", 2)


def plan_restore(paths: AppPaths, name: str) -> RestorePlan:
    """Find the copy ``name`` and count the dossiers on both sides (raises ``UserError``, status 2)."""
    info = _find(paths, name)
    current = count_dossiers(paths.database) if paths.database.exists() else None
    return RestorePlan(info, current)


def restore_backup(paths: AppPaths, name: str, *, locked: bool = False) -> Path | None:
    """Put the copy ``name`` in place of the database; returns where the replaced database was kept.

    ``locked``: the caller (the window) already holds the data folder's lock and closed its connections.
    Failures are ``UserError``: status 2 for an unknown or unreadable copy, 1 when the disk refuses.
    """
    info = _find(paths, name)
    lock = None if locked else DataFolderLock(paths.lock_file)
    if lock is not None:
        lock.acquire()  # FolderLockedError (a UserError) while a window is open on this folder
    try:
        return restore_copy(paths.database, info.path, paths.backups_dir)
    except BackupError as exc:
        raise UserError(f"La sauvegarde {name} est endommagée ({exc}) : choisissez-en une autre ; "
                        "rien n'a été modifié.", 2) from exc
    except (OSError, sqlite3.Error) as exc:
        reason = french_os_error(exc) if isinstance(exc, OSError) else "le disque refuse l'écriture"
        raise UserError(f"La restauration de {name} a échoué ({reason}) ; la base actuelle n'a pas été "
                        "modifiée.") from exc
    finally:
        if lock is not None:
            lock.release()


def create_backup(paths: AppPaths) -> BackupInfo:
    """Make a checked copy of the database now (raises ``UserError``: status 1 when the disk refuses)."""
    if not paths.database.exists():
        raise UserError(f"Il n'y a pas encore de base à sauvegarder dans {paths.data_dir}.", 2)
    try:
        path = make_backup(paths.database, paths.backups_dir, MANUAL_LABEL)
    except BackupError as exc:
        raise UserError(f"La sauvegarde n'a pas été faite : {exc}.", 2) from exc
    except (OSError, sqlite3.Error) as exc:
        if is_corruption(exc):
            raise damaged(paths.database, paths.backups_dir) from exc
        reason = french_os_error(exc) if isinstance(exc, OSError) else "le disque refuse l'écriture"
        raise UserError(f"La sauvegarde de la base dans {paths.backups_dir} a échoué ({reason}) ; "
                        "aucune copie incomplète n'a été gardée.") from exc
    return next(info for info in backups(paths) if info.path == path)
