"""The command line (a contract, see DESIGN.md): every sub-command calls services.

Exit status: 0 success, 1 the work failed, 2 bad input or usage; one French sentence on stderr, and never
a traceback for a user's mistake.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from assistant import APP_DISPLAY_NAME, EXIT_FAILED, EXIT_OK, EXIT_USAGE, __version__
from assistant.paths import AppPaths

_ARGPARSE_FR = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s (%(matches)s ?)",
    "invalid %(type)s value: %(value)r": "valeur %(value)r invalide",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix %(value)r invalide (choix possibles : %(choices)s)",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}
"""French for the messages of argparse, which has no translation of its own."""


def _install_argparse_french() -> None:
    """argparse looks its messages up through its module-level ``_``: give it the French ones."""
    english = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda message: _ARGPARSE_FR.get(message, english(message))  # type: ignore[attr-defined]


_install_argparse_french()


class FrenchParser(argparse.ArgumentParser):
    """argparse with its errors in French and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Erreur\u00a0: {message}.\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date « {text} » invalide (format AAAA-MM-JJ)") from None


def build_parser() -> FrenchParser:
    parser = FrenchParser(prog="assistant", description=f"{APP_DISPLAY_NAME} : décisions d'achat numérique de l'État.")
    parser.add_argument("--version", action="version", version=f"{APP_DISPLAY_NAME} {__version__}",
                        help="afficher la version et quitter")
    parser.add_argument("--data-dir", metavar="DOSSIER", help="dossier de données à utiliser")
    parser.add_argument("--training", action="store_true", help="mode formation (données séparées)")
    parser.add_argument("--database-url", metavar="URL", default=None,
                        help="base partagée PostgreSQL (postgresql+psycopg://serveur/base), à la place de site.toml")
    parser.add_argument("--print-config", action="store_true",
                        help="afficher la configuration du site (site.toml) en vigueur et son origine")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchParser)

    ev = sub.add_parser("evaluate", help="évaluer un fichier de dossier")
    ev.add_argument("file", type=Path, metavar="FICHIER")
    ev.add_argument("--as-of", type=_date, default=None, metavar="DATE")
    ev.add_argument("--format", choices=("text", "json"), default="text")

    rep = sub.add_parser("report", help="produire la note de décision PDF")
    rep.add_argument("source", metavar="FICHIER|NUMÉRO", help="fichier de dossier ou numéro de dossier")
    rep.add_argument("-o", "--output", type=Path, required=True, metavar="NOTE.pdf")
    rep.add_argument("--as-of", type=_date, default=None, metavar="DATE")

    cla = sub.add_parser("clauses", help="les clauses que la conclusion appelle (CCTP, CCAP)")
    cla.add_argument("source", metavar="FICHIER|NUMÉRO", help="fichier de dossier ou numéro de dossier")
    cla.add_argument("--format", choices=("text", "json", "odt"), default="text")
    cla.add_argument("-o", "--output", type=Path, default=None, metavar="CLAUSES.odt")
    cla.add_argument("--as-of", type=_date, default=None, metavar="DATE")

    rules = sub.add_parser("rules", help="vérifier, afficher, mettre à jour le référentiel de règles")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True, parser_class=FrenchParser)
    check = rules_sub.add_parser("check", help="valider un référentiel")
    check.add_argument("directory", nargs="?", type=Path, metavar="DOSSIER")
    show = rules_sub.add_parser("show", help="sources, catalogue et paramètres en vigueur")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.add_argument("--as-of", type=_date, default=None, metavar="DATE")
    from assistant.cmd_rules_update import add_parsers as add_rule_update_parsers

    add_rule_update_parsers(rules_sub)

    dossier = sub.add_parser("dossier", help="lister, afficher, exporter, importer des dossiers")
    dsub = dossier.add_subparsers(dest="dossier_command", metavar="ACTION", required=True, parser_class=FrenchParser)
    lst = dsub.add_parser("list", help="lister les dossiers")
    lst.add_argument("--format", choices=("text", "json", "csv"), default="text")
    lst.add_argument("--search", default="", metavar="TEXTE", help="seulement les dossiers dont le titre, "
                     "l'organisation ou la conclusion contiennent ces mots (sans tenir compte des accents)")
    lst.add_argument("--limit", type=int, default=None, metavar="N", help="au plus N dossiers")
    shw = dsub.add_parser("show", help="afficher un dossier")
    shw.add_argument("id", type=int, metavar="NUMÉRO")
    exp = dsub.add_parser("export", help="exporter un dossier en fichier")
    exp.add_argument("id", type=int, metavar="NUMÉRO")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER")
    imp = dsub.add_parser("import", help="importer des fichiers de dossier (ou des dossiers de fichiers)")
    imp.add_argument("files", type=Path, nargs="+", metavar="FICHIER|DOSSIER")
    imp.add_argument("--batch-size", type=int, default=200, metavar="N", help="fichiers par transaction")
    from assistant.cmd_team import add_migrate_parser

    add_migrate_parser(dsub)

    cases = sub.add_parser("cases", help="cas de formation : lister, ouvrir dans les données de formation")
    csub = cases.add_subparsers(dest="cases_command", metavar="ACTION", required=True, parser_class=FrenchParser)
    clist = csub.add_parser("list", help="lister les cas")
    clist.add_argument("--format", choices=("text", "json"), default="text")
    copen = csub.add_parser("open", help="ouvrir un cas (copie neuve) dans les données de formation")
    copen.add_argument("name", metavar="NOM")
    copen.add_argument("--exercise", action="store_true", help="ouvrir en exercice (réponses masquées)")

    training = sub.add_parser("training", help="données du mode formation")
    tsub = training.add_subparsers(dest="training_command", metavar="ACTION", required=True, parser_class=FrenchParser)
    reset = tsub.add_parser("reset", help="effacer toutes les données de formation")
    reset.add_argument("--yes", action="store_true", help="confirmer l'effacement")

    from assistant.cmd_backups import add_backup_parser

    add_backup_parser(sub)
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
        _err(f"Avertissement : {problem}")
    if args.training and not site.training:
        _err("Le mode formation n'est pas proposé sur ce poste (site.toml : training = false).")
        return EXIT_USAGE
    if args.database_url is not None:
        import dataclasses

        site = dataclasses.replace(site, database_url=args.database_url or None)
    args.site = site
    paths = AppPaths.from_option(args.data_dir or site.data_dir)
    if args.training and args.command not in ("cases", "training"):
        paths = paths.training()
    from assistant import commands
    from assistant.cmd_backups import cmd_backup

    handlers: dict[str, Callable[[argparse.Namespace, AppPaths], int]] = {
        "evaluate": commands.cmd_evaluate,
        "report": commands.cmd_report,
        "rules": commands.cmd_rules,
        "dossier": commands.cmd_dossier,
        "self-test": commands.cmd_self_test,
        "clauses": commands.cmd_clauses,
        "cases": commands.cmd_cases,
        "training": commands.cmd_training,
        "backup": cmd_backup,
    }
    try:
        if args.command is None:
            from assistant.app import run_gui

            return run_gui(paths, training=args.training, site=site)
        if args.command == "dossier" and args.dossier_command == "migrate":  # reads the local file only
            from assistant.cmd_team import cmd_migrate

            return cmd_migrate(args, paths)
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

