"""``assistant rules keygen|pack|verify|install|history|rollback``: signed rule updates on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant import EXIT_OK, EXIT_USAGE
from assistant.domain.messages import UserError
from assistant.paths import AppPaths
from assistant.siteconfig import SiteConfig

ACTIONS = ("keygen", "pack", "verify", "install", "history", "rollback")


def add_parsers(rules_sub: Any) -> None:
    """The parser lines of the six actions, under ``assistant rules``."""
    keygen = rules_sub.add_parser("keygen", help="créer une paire de clés de signature (NOM.key, NOM.pub)")
    keygen.add_argument("-o", "--output", required=True, metavar="NOM")
    pack = rules_sub.add_parser("pack", help="vérifier un dossier de règles et en faire un paquet signé")
    pack.add_argument("directory", metavar="DOSSIER")
    pack.add_argument("-o", "--output", required=True, metavar="FICHIER.regles")
    pack.add_argument("--key", required=True, metavar="CLÉ_PRIVÉE")
    pack.add_argument("--publisher", metavar="NOM", help="nom de l'éditeur (par défaut : le nom de la clé)")
    verify = rules_sub.add_parser("verify", help="dire qui a signé un paquet, sa version et son empreinte")
    verify.add_argument("file", metavar="FICHIER.regles")
    install = rules_sub.add_parser("install", help="installer un paquet de règles signé")
    install.add_argument("file", metavar="FICHIER.regles")
    install.add_argument("--dry-run", action="store_true", help="montrer l'effet sur les dossiers sans installer")
    install.add_argument("--yes", action="store_true", help="installer même si des conclusions changent")
    install.add_argument("--allow-downgrade", action="store_true", help="accepter une version plus ancienne")
    rules_sub.add_parser("history", help="lister les référentiels installés")
    rollback = rules_sub.add_parser("rollback", help="revenir au référentiel précédent (rien n'est effacé)")
    rollback.add_argument("version", nargs="?", metavar="VERSION", help="version à remettre en vigueur, ou « livré »")


def _site(args: argparse.Namespace) -> SiteConfig:
    site = getattr(args, "site", None)
    return site if isinstance(site, SiteConfig) else SiteConfig()


def _path(text: str) -> Path:
    return Path(text).expanduser()


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Dispatch ``args.rules_command`` (one of ``ACTIONS``)."""
    from assistant.services import rule_updates

    site = _site(args)
    action = args.rules_command
    if action == "keygen":
        private, public, ident = rule_updates.make_keys(_path(args.output))
        print(f"Clé privée : {private} (à garder hors ligne, lisible par vous seul)")
        print(f"Clé publique : {public} (identifiant {ident}, à distribuer aux postes)")
    elif action == "pack":
        statement = rule_updates.pack_rules(_path(args.directory), _path(args.output), _path(args.key),
                                            args.publisher)
        print(f"Paquet écrit : {args.output}")
        print(f"Règles {statement['rulebook']} {statement['version']} ({statement['digest']}), signées par "
              f"« {statement['publisher']} » (clé {statement['key_id']}).")
    elif action == "verify":
        info = rule_updates.verify_package(_path(args.file), site)
        print(f"Paquet {info.source} : signature valide.")
        print(f"Signé par : « {info.publisher} » (clé {info.key_id}, {info.key_file}) le {info.signed}")
        print(f"Règles : {info.rulebook_id} version {info.version}, publiée le {info.published}")
        print(f"Titre : {info.title}")
        print(f"Empreinte : {info.digest}")
    elif action == "install":
        return _install(args, paths, site)
    elif action == "history":
        _history(paths)
    else:
        book = rule_updates.rollback(paths, site, args.version)
        print(f"Règles en vigueur : {book.id} version {book.version} ({book.digest}).")
    return EXIT_OK


def _install(args: argparse.Namespace, paths: AppPaths, site: SiteConfig) -> int:
    from assistant.services import rule_updates
    from assistant.services.context import open_data_folder
    from assistant.services.rule_impact import impact_lines

    source = _path(args.file)
    info, current = rule_updates.check_installable(paths, site, source, allow_downgrade=args.allow_downgrade)
    if info.digest == current.digest:
        print(f"Les règles {info.rulebook_id} version {info.version} de ce paquet sont déjà en vigueur ; "
              "rien n'a été changé.")
        return EXIT_OK
    ctx = open_data_folder(paths, site)
    try:
        preview = rule_updates.preview_update(ctx, source, allow_downgrade=args.allow_downgrade)
    finally:
        ctx.close()
    info = preview.package
    print(f"Paquet signé par « {info.publisher} » (clé {info.key_id}) : règles {info.rulebook_id} "
          f"{preview.current_version} → {info.version} ({info.digest}).")
    for line in impact_lines(preview.impact):
        print(line)
    if args.dry_run:
        print("Aperçu seulement (--dry-run) : rien n'a été installé.")
        return EXIT_OK
    if preview.impact.dossiers and not args.yes and not _confirmed(len(preview.impact.dossiers)):
        raise UserError(f"Les conclusions de {len(preview.impact.dossiers)} dossier(s) changeraient : "
                        "relancez avec --yes pour installer, rien n'a été installé.", EXIT_USAGE)
    book = rule_updates.install_update(paths, site, source, allow_downgrade=args.allow_downgrade,
                                       expected_digest=info.digest)
    print(f"Règles {book.id} version {book.version} installées et en vigueur.")
    if site.rulebook is not None:
        print(f"Attention : site.toml impose le référentiel {site.rulebook}, qui reste en vigueur sur ce poste.",
              file=sys.stderr)
    return EXIT_OK


def _confirmed(count: int) -> bool:
    """Ask on a terminal; a script (no terminal) must pass ``--yes``."""
    if not sys.stdin.isatty():
        return False
    answer = input(f"Installer ces règles, qui changent les conclusions de {count} dossier(s) ? [o/N] ")
    return answer.strip().lower() in ("o", "oui")


def _history(paths: AppPaths) -> None:
    from assistant.services import rule_updates

    current, events = rule_updates.history(paths)
    if not events:
        print("Aucune mise à jour de règles installée : le référentiel livré avec l'application est en vigueur.")
        return
    for entry in events:
        previous = entry.get("previous") or {}
        what = "Installation" if entry.get("event") == "installation" else "Retour"
        line = (f"{str(entry.get('at', ''))[:19].replace('T', ' ')}  {what} de la version {entry.get('version')} "
                f"({str(entry.get('digest', ''))[:19]}) par {entry.get('by', '?')}, "
                f"remplaçant la version {previous.get('version', '?')}")
        if entry.get("event") == "installation":
            line += f" ; fichier {entry.get('file')}, signé par « {entry.get('publisher')} »"
        print(line)
    print(f"En vigueur : {current or 'référentiel livré avec l’application'}")
