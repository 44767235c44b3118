"""Moving to the team base: copy this workstation's dossiers into the shared PostgreSQL base.

The data folder's SQLite file is only read (it stays byte-identical). The shared base is opened, created or
migrated by the same code as team mode (``open_store`` with its URL), then the copy runs in one server
transaction (``storage.transfer``): a second run copies nothing twice, and a failure changes nothing.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from assistant.domain.messages import EXIT_USAGE, UserError
from assistant.paths import AppPaths
from assistant.storage.database import DatabaseError
from assistant.storage.engines import open_store
from assistant.storage.local_source import read_local_base
from assistant.storage.server import shown_url
from assistant.storage.transfer import BATCH_SIZE, TransferReport, copy_dossiers

__all__ = ["MigrationResult", "migrate_to_team_base", "workstation_name"]


@dataclass(frozen=True)
class MigrationResult:
    """What the copy did, and where."""

    report: TransferReport
    target: str
    """The shared base's URL as shown (never a password)."""


def workstation_name() -> str:
    """This workstation's name, as the journal of the shared base records where a dossier came from."""
    return platform.node() or "poste sans nom"


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


def migrate_to_team_base(paths: AppPaths, url: str, *, batch_size: int = BATCH_SIZE,
                         progress: Callable[[int, int], None] | None = None) -> MigrationResult:
    """Copy the dossiers of the data folder at ``paths`` into the shared base at ``url``.

    Raises ``UserError``: status 2 for a missing or newer local base, and for a shared base that cannot be
    used (bad URL, password in it, server unreachable, newer schema); status 1 when the copy itself failed
    (nothing was then written to the shared base)."""
    with read_local_base(paths.database) as source:
        try:
            database = open_store(paths.database, None, url)
        except DatabaseError as exc:
            if isinstance(exc.__cause__, DBAPIError):
                raise UserError(f"Le serveur de la base partagée {shown_url(url)} ne répond pas ou refuse la "
                                f"connexion ({_reason(exc.__cause__)})\u00a0; rien n'a été copié.", EXIT_USAGE) from exc
            raise UserError(str(exc), EXIT_USAGE) from exc
        try:
            report = copy_dossiers(source, database.engine, workstation=workstation_name(),
                                   author=database.author, batch_size=batch_size, progress=progress)
        except DBAPIError as exc:
            raise UserError(f"La copie dans la base partagée {shown_url(url)} a échoué ({_reason(exc)})\u00a0: "
                            "la base partagée n'a pas été modifiée.") from exc
        finally:
            database.close()
    return MigrationResult(report, shown_url(url))
