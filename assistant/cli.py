"""The command line (a contract, see DESIGN.md): every sub-command calls services.

Exit status: 0 success, 1 the work failed, 2 bad input or usage; one French sentence on stderr, and never
a traceback for a user's mistake.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from assistant import APP_DISPLAY_NAME, __version__
from assistant.paths import AppPaths

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_ARGPARSE_FR = [
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (
        r"argument (.*): invalid choice: (.*) \(choose from (.*)\)",
        r"argument \1 : choix \2 invalide (choix possibles : \3)",
    ),
    (r"argument (.*): expected one argument", r"l'argument \1 attend une valeur"),
    (r"argument (.*): invalid (.*) value: (.*)", r"argument \1 : valeur \3 invalide"),
]


class UsageError(Exception):
    """Bad input from the user: exit status 2."""


class FrenchParser(argparse.ArgumentParser):
    """argparse with its errors in French and exit status 2."""

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_FR:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Erreur : {message}.\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date « {text} » invalide (format AAAA-MM-JJ)") from None


def build_parser() -> FrenchParser:
    parser = FrenchParser(prog="assistant", description=f"{APP_DISPLAY_NAME} : décisions d'achat numérique de l'État.")
    parser.add_argument("--version", action="version", version=f"{APP_DISPLAY_NAME} {__version__}")
    parser.add_argument("--data-dir", metavar="DOSSIER", help="dossier de données à utiliser")
    parser.add_argument("--training", action="store_true", help="mode formation (données séparées)")
    parser.add_argument("--print-config", action="store_true",
                        help="afficher la configuration du site (site.toml) en vigueur et son origine")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchParser)

    ev = sub.add_parser("evaluate", help="évaluer un fichier de dossier")
    ev.add_argument("file", type=Path)
    ev.add_argument("--as-of", type=_date, default=None)
    ev.add_argument("--format", choices=("text", "json"), default="text")

    rep = sub.add_parser("report", help="produire la note de décision PDF")
    rep.add_argument("source", help="fichier de dossier ou numéro de dossier")
    rep.add_argument("-o", "--output", type=Path, required=True)
    rep.add_argument("--as-of", type=_date, default=None)

    rules = sub.add_parser("rules", help="vérifier ou afficher le référentiel de règles")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True, parser_class=FrenchParser)
    check = rules_sub.add_parser("check", help="valider un référentiel")
    check.add_argument("directory", nargs="?", type=Path)
    show = rules_sub.add_parser("show", help="sources, catalogue et paramètres en vigueur")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.add_argument("--as-of", type=_date, default=None)

    dossier = sub.add_parser("dossier", help="lister, afficher, exporter, importer des dossiers")
    dsub = dossier.add_subparsers(dest="dossier_command", metavar="ACTION", required=True, parser_class=FrenchParser)
    lst = dsub.add_parser("list", help="lister les dossiers")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    shw = dsub.add_parser("show", help="afficher un dossier")
    shw.add_argument("id", type=int)
    exp = dsub.add_parser("export", help="exporter un dossier en fichier")
    exp.add_argument("id", type=int)
    exp.add_argument("-o", "--output", type=Path, required=True)
    imp = dsub.add_parser("import", help="importer un fichier de dossier")
    imp.add_argument("file", type=Path)

    cases = sub.add_parser("cases", help="cas de formation : lister, ouvrir dans les données de formation")
    csub = cases.add_subparsers(dest="cases_command", metavar="ACTION", required=True, parser_class=FrenchParser)
    clist = csub.add_parser("list", help="lister les cas")
    clist.add_argument("--format", choices=("text", "json"), default="text")
    copen = csub.add_parser("open", help="ouvrir un cas (copie neuve) dans les données de formation")
    copen.add_argument("name")
    copen.add_argument("--exercise", action="store_true", help="ouvrir en exercice (réponses masquées)")

    training = sub.add_parser("training", help="données du mode formation")
    tsub = training.add_subparsers(dest="training_command", metavar="ACTION", required=True, parser_class=FrenchParser)
    reset = tsub.add_parser("reset", help="effacer toutes les données de formation")
    reset.add_argument("--yes", action="store_true", help="confirmer l'effacement")

    sub.add_parser("self-test", help="vérifier l'installation (démarrage, stockage, règles, note, fenêtre)")
    return parser


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from assistant.siteconfig import describe, load_site_config

    site = load_site_config()
    if args.print_config:
        print(describe(site))
        return EXIT_OK
    for problem in site.problems:
        _err(f"Avertissement : {problem}")
    if args.training and not site.training:
        _err("Le mode formation n'est pas proposé sur ce poste (site.toml : training = false).")
        return EXIT_USAGE
    args.site = site
    paths = AppPaths.from_option(args.data_dir or site.data_dir)
    if args.training and args.command not in ("cases", "training"):
        paths = paths.training()
    from assistant import commands

    handlers: dict[str, Callable[[argparse.Namespace, AppPaths], int]] = {
        "evaluate": commands.cmd_evaluate,
        "report": commands.cmd_report,
        "rules": commands.cmd_rules,
        "dossier": commands.cmd_dossier,
        "self-test": commands.cmd_self_test,
        "cases": commands.cmd_cases,
        "training": commands.cmd_training,
    }
    try:
        if args.command is None:
            from assistant.app import run_gui

            return run_gui(paths, training=args.training, site=site)
        return handlers[args.command](args, paths)
    except commands.CommandError as exc:
        _err(str(exc))
        return exc.status
    except KeyboardInterrupt:
        _err("Interrompu.")
        return EXIT_FAILED
    except BrokenPipeError:  # the output was piped into a command that stopped reading (head...)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK

