"""``assistant backup list | create | restore NAME``: the command line's face of the backup use cases."""

from __future__ import annotations

import argparse
import json
from typing import Any

from assistant import EXIT_OK, EXIT_USAGE
from assistant.domain.messages import UserError
from assistant.paths import AppPaths


def add_backup_parser(sub: Any) -> None:
    """Add ``backup`` and its actions to the sub-command parsers ``sub``."""
    backup = sub.add_parser("backup", help="lister, faire ou restaurer les sauvegardes de la base")
    bsub = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True,
                                 parser_class=type(backup))
    blist = bsub.add_parser("list", help="lister les sauvegardes (date, taille, nombre de dossiers)")
    blist.add_argument("--format", choices=("text", "json"), default="text")
    bsub.add_parser("create", help="faire une sauvegarde maintenant")
    restore = bsub.add_parser("restore", help="remettre une sauvegarde à la place de la base")
    restore.add_argument("name", metavar="NOM")
    restore.add_argument("--yes", action="store_true", help="confirmer la restauration")


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f}\u00a0Kio"
    return f"{size / 1024 / 1024:.1f}\u00a0Mio".replace(".", ",")


def cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from assistant.services.backups import backups, create_backup, plan_restore, restore_backup

    if args.backup_command == "list":
        items = backups(paths)
        if args.format == "json":
            print(json.dumps([{"name": b.name, "kind": b.label, "date": b.moment.isoformat() if b.moment else None,
                               "size": b.size, "dossiers": b.dossiers} for b in items], ensure_ascii=False, indent=2))
        elif not items:
            print(f"Aucune sauvegarde dans {paths.backups_dir}.")
        else:
            for b in items:
                when = f"{b.moment.astimezone():%d/%m/%Y %H:%M}" if b.moment else "date inconnue"
                count = "illisible" if b.dossiers is None else f"{b.dossiers} dossier(s)"
                print(f"{b.name}  {when}  {_size(b.size):>9}  {count}")
        return EXIT_OK
    if args.backup_command == "create":
        info = create_backup(paths)
        print(f"Sauvegarde faite : {info.path} ({info.dossiers} dossier(s)).")
        return EXIT_OK
    plan = plan_restore(paths, args.name)
    if not args.yes:
        raise UserError(f"{plan.question()} Ajoutez --yes pour confirmer.", EXIT_USAGE)
    aside = restore_backup(paths, args.name)
    kept = f" ; l'ancienne base est conservée sous {aside}" if aside is not None else ""
    print(f"Sauvegarde {args.name} restaurée dans {paths.database}{kept}.")
    return EXIT_OK
