"""Whether the open data can be changed here, and the banner's sentence when it cannot.

A controller's role on the shared base and a SQLite file that cannot be written (read-only folder or disk)
are the same case for the window: everything reads, nothing writes. Services refuse every write anyway
(``Repository.ensure_writable``); the window uses this to disable its editing actions beforehand.
"""

from __future__ import annotations

from assistant.services.context import AppContext
from assistant.storage.rights import may_erase

WHAT_STILL_WORKS = "Vous pouvez rechercher et lire les dossiers, leur journal, et exporter leurs notes."


def is_read_only(ctx: AppContext) -> bool:
    return ctx.repository.read_only


def read_only_reason(ctx: AppContext) -> str | None:
    """« Lecture seule : … » for the window's banner, or None when the data can be changed."""
    if not ctx.repository.read_only:
        return None
    if ctx.database.url is not None:
        return (f"Lecture seule\u00a0: votre rôle «\u00a0{ctx.database.author}\u00a0» permet de consulter la base "
                f"partagée, pas de la modifier. {WHAT_STILL_WORKS}")
    return (f"Lecture seule\u00a0: la base {ctx.database.path} ne peut pas être écrite ici (fichier ou dossier "
            f"protégé, ou disque plein). {WHAT_STILL_WORKS}")


def empty_trash_refusal(ctx: AppContext) -> str | None:
    """Why the trash cannot be emptied here (read-only data, or a buyer's role on the shared base), or None."""
    if ctx.repository.read_only:
        return "Les données sont en lecture seule\u00a0: la corbeille ne peut pas être vidée."
    if not may_erase(ctx.database.engine):
        return (f"Votre rôle «\u00a0{ctx.database.author}\u00a0» ne peut pas effacer de dossier\u00a0: vider la "
                "corbeille de la base partagée revient à son propriétaire.")
    return None
