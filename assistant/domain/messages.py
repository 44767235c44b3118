"""Errors meant for the user: their message is one French sentence; and the French wording of
operating-system errors."""

from __future__ import annotations

import errno

EXIT_FAILED, EXIT_USAGE = 1, 2
"""The exit statuses a user's error carries (mirrors ``assistant.EXIT_*``; the domain imports nothing above it)."""


class UserError(Exception):
    """An error whose message is one French sentence the user can act on (shown as it is).

    ``status`` is the command line's exit status for it: 1 when the work failed, 2 for bad input or usage.
    """

    status: int = EXIT_FAILED

    def __init__(self, message: str = "", status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


def write_refused(path: object, exc: OSError) -> UserError:
    """The one sentence for a file that cannot be written (exit 1)."""
    return UserError(f"Impossible d'écrire {path} ({french_os_error(exc)}).")


def folder_unusable(folder: object, exc: OSError) -> UserError:
    """The one sentence for a data folder that cannot be opened or written."""
    return UserError(f"Le dossier de données {folder} est inaccessible ({french_os_error(exc)}).")


_PHRASES = {
    errno.ENOENT: "fichier ou dossier inexistant",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.EISDIR: "ce chemin désigne un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "le fichier existe déjà",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "support en lecture seule",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur de lecture ou d'écriture du disque",
    errno.EBUSY: "ressource occupée",
}


def french_os_error(exc: OSError) -> str:
    """A short French phrase for an ``OSError`` (« accès refusé »…), never the system's English text."""
    if exc.errno in _PHRASES:
        return _PHRASES[exc.errno]
    return f"erreur système n° {exc.errno}" if exc.errno else "erreur système"
