"""``assistant dossier migrate --to URL``: the command line's face of the move to the team base."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from assistant import EXIT_OK, EXIT_USAGE
from assistant.domain.messages import UserError
from assistant.paths import AppPaths

if TYPE_CHECKING:
    from assistant.services.team_migration import MigrationResult

PROGRESS_FROM = 1000
"""From this many local dossiers, the copy's progress is printed on stderr."""


def add_migrate_parser(dossier_actions: Any) -> None:
    """Add ``migrate`` to the actions of ``assistant dossier``."""
    mig = dossier_actions.add_parser("migrate", help="copier les dossiers de ce poste dans la base partagée")
    mig.add_argument("--to", required=True, metavar="URL", dest="to",
                     help="la base partagée PostgreSQL (postgresql+psycopg://serveur/base)")
    mig.add_argument("--batch-size", type=int, default=500, metavar="N", help=argparse.SUPPRESS)


def _several(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count <= 1 else plural}"


class _Progress:
    """The copy's progress on stderr past ``PROGRESS_FROM`` dossiers: one line rewritten on a terminal,
    else about one line per tenth."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.shown = stream, -1

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        line = f"Copie dans la base partagée\u00a0: {done}/{total} dossiers"
        if self.stream.isatty():
            self.stream.write(f"\r{line}" + ("\n" if done >= total else ""))
        elif done * 10 // total > self.shown:
            self.shown = done * 10 // total
            self.stream.write(line + "\n")
        self.stream.flush()


def summary_lines(result: MigrationResult) -> list[str]:
    """The report of a copy, in French."""
    report, conflicts = result.report, result.report.conflicts
    trash = f" (dont {report.copied_in_trash} dans la corbeille)" if report.copied_in_trash else ""
    lines = [f"{_several(report.copied, 'dossier copié', 'dossiers copiés')} dans la base partagée "
             f"{result.target}{trash}, "
             f"{_several(report.present, 'déjà présent (non modifié)', 'déjà présents (non modifiés)')}, "
             f"{_several(report.events, 'événement du journal copié', 'événements du journal copiés')}."]
    if len(conflicts) == 1:
        lines.append("1 dossier déjà présent a été modifié sur ce poste depuis sa copie et diffère de la base "
                     "partagée\u00a0: il n'a pas été recopié (reportez ces changements à la main dans la base "
                     "partagée).")
    elif conflicts:
        lines.append(f"{len(conflicts)} dossiers déjà présents ont été modifiés sur ce poste depuis leur copie "
                     "et diffèrent de la base partagée\u00a0: ils n'ont pas été recopiés (reportez ces changements "
                     "à la main dans la base partagée).")
    if conflicts:
        lines.extend(f"  Conflit\u00a0: «\u00a0{title}\u00a0»" for title in conflicts)
    return lines


def cmd_migrate(args: argparse.Namespace, paths: AppPaths) -> int:
    from assistant.services.team_migration import migrate_to_team_base

    if getattr(args, "training", False):
        raise UserError("Les dossiers du mode formation ne se copient pas dans la base partagée\u00a0: "
                        "relancez la commande sans --training.", EXIT_USAGE)
    result = migrate_to_team_base(paths, args.to, batch_size=max(1, args.batch_size),
                                  progress=_Progress(sys.stderr))
    for line in summary_lines(result):
        print(line)
    return EXIT_OK
