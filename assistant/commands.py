"""The command line's sub-commands: each turns arguments into service calls and prints the result."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from assistant.domain.messages import UserError, write_refused
from assistant.paths import AppPaths, rules_dir

if TYPE_CHECKING:
    from assistant.siteconfig import SiteConfig



CommandError = UserError
"""A failure to report in one French sentence, with its exit status (``UserError.status``)."""


def _out(data: object) -> None:
    from assistant.domain.limits import escape_unsafe_json

    print(escape_unsafe_json(json.dumps(data, ensure_ascii=False, indent=2)))


def _site(args: argparse.Namespace) -> SiteConfig:
    from assistant.siteconfig import SiteConfig

    site = getattr(args, "site", None)
    return site if isinstance(site, SiteConfig) else SiteConfig()


def _rulebook(site: SiteConfig, paths: AppPaths | None = None):  # type: ignore[no-untyped-def]
    from assistant.services.context import rulebook_for_site

    return rulebook_for_site(site, paths)


def _context(paths: AppPaths, site: SiteConfig, *, training: bool = False):  # type: ignore[no-untyped-def]
    from assistant.services.context import open_data_folder

    ctx = open_data_folder(paths, site, training=training)
    for warning in ctx.warnings:
        print(f"Avertissement : {warning}", file=sys.stderr)
    return ctx


def _file_error(path: Path, exc: UserError) -> CommandError:
    """A refused dossier file: every problem, one per line (exit 2)."""
    problems = getattr(exc, "problems", None)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        return CommandError(f"Le fichier {path} n'est pas un dossier valide :\n{lines}", EXIT_USAGE)
    return exc


def cmd_evaluate(args: argparse.Namespace, _paths: AppPaths) -> int:
    from assistant.services.dossiers import evaluate_file, evaluation_text

    book = _rulebook(_site(args), _paths)
    try:
        evaluation, warnings = evaluate_file(book, args.file, args.as_of)
    except UserError as exc:
        raise _file_error(args.file, exc) from exc
    for warning in warnings:
        print(f"Avertissement : {warning}", file=sys.stderr)
    if args.format == "json":
        _out(evaluation.to_dict())
    else:
        print(evaluation_text(book, evaluation))
    return EXIT_OK


def cmd_report(args: argparse.Namespace, paths: AppPaths) -> int:
    from assistant.services.reporting import ReportError, report_from_file, report_from_id

    try:
        if args.source.isdigit():
            ctx = _context(paths, _site(args), training=args.training)
            try:
                report_from_id(ctx, int(args.source), args.output, args.as_of)
            finally:
                ctx.close()
        else:
            site = _site(args)
            book = _rulebook(site, paths)
            try:
                report_from_file(book, Path(args.source), args.output, args.as_of,
                                 organisation=site.organisation or "", logo=site.logo, paths=paths)
            except ReportError:
                raise
            except UserError as exc:
                raise _file_error(Path(args.source), exc) from exc
    except ReportError as exc:
        raise CommandError(str(exc), exc.status) from exc
    print(f"Note de décision écrite : {args.output}")
    return EXIT_OK


def cmd_clauses(args: argparse.Namespace, paths: AppPaths) -> int:
    from assistant.services.clauses import (
        clauses_json,
        clauses_of_dossier,
        clauses_of_file,
        clauses_text,
        write_clauses_odt,
    )

    if args.format == "odt" and args.output is None:
        raise CommandError("Le format odt écrit un fichier : donnez-le avec -o CLAUSES.odt.", EXIT_USAGE)
    site = _site(args)
    title = args.source
    if args.source.isdigit():
        ctx = _context(paths, site, training=args.training)
        try:
            texts = clauses_of_dossier(ctx, int(args.source), args.as_of)
            book = ctx.rulebook
        finally:
            ctx.close()
    else:
        book = _rulebook(site, paths)
        try:
            texts = clauses_of_file(book, Path(args.source), args.as_of)
        except UserError as exc:
            raise _file_error(Path(args.source), exc) from exc
    if args.format == "odt":
        write_clauses_odt(book, f"dossier {title}" if title.isdigit() else Path(title).stem, texts, args.output,
                          as_of=args.as_of, paths=paths)
        print(f"Clauses écrites : {args.output}")
    elif args.format == "json":
        _out(clauses_json(texts))
    else:
        print(clauses_text(book, texts), end="")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace, _paths: AppPaths) -> int:
    from assistant.cmd_rules_update import ACTIONS, run
    from assistant.rulebook import check_rulebook, describe_rulebook, render_rulebook_text

    if args.rules_command in ACTIONS:
        return run(args, _paths)

    if args.rules_command == "check":
        directory = args.directory or _site(args).rulebook or rules_dir()
        if not directory.is_dir():
            raise CommandError(f"Le dossier {directory} n'existe pas.", EXIT_USAGE)
        problems = check_rulebook(directory)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problème(s) dans le référentiel {directory}.", file=sys.stderr)
            return EXIT_FAILED
        print(f"Référentiel {directory} : aucun problème.")
        return EXIT_OK
    book = _rulebook(_site(args), _paths)
    on = args.as_of or date.today()
    if args.format == "json":
        _out(describe_rulebook(book, on))
    else:
        from assistant.services.installed_rules import rulebook_origin

        print(rulebook_origin(_paths, _site(args)))
        print(render_rulebook_text(book, on))
    return EXIT_OK


def cmd_dossier(args: argparse.Namespace, paths: AppPaths) -> int:
    from assistant.services.dossiers import dossier_json, export_file, import_file

    ctx = _context(paths, _site(args), training=args.training)
    try:
        if args.dossier_command == "list":
            from assistant.cmd_dossiers import list_dossiers

            return list_dossiers(ctx, args)
        if args.dossier_command == "show":
            print(dossier_json(ctx, args.id), end="")
        elif args.dossier_command == "export":
            try:
                export_file(ctx, args.id, args.output)
            except OSError as exc:
                raise write_refused(args.output, exc) from exc
            print(f"Dossier {args.id} exporté dans {args.output}")
        elif args.dossier_command == "import":
            if len(args.files) > 1 or args.files[0].is_dir():
                from assistant.cmd_dossiers import import_many

                return import_many(ctx, args.files, args.batch_size)
            try:
                new_id, warnings = import_file(ctx, args.files[0])
            except UserError as exc:
                raise _file_error(args.files[0], exc) from exc
            for warning in warnings:
                print(f"Avertissement : {warning}", file=sys.stderr)
            print(f"Dossier importé sous le numéro {new_id}.")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_cases(args: argparse.Namespace, paths: AppPaths) -> int:
    from assistant.services.cases import list_cases
    from assistant.services.training import open_case

    if args.cases_command == "list":
        cases = list_cases()
        if args.format == "json":
            _out([{"name": c.name, "title": c.title, "level": c.level, "summary": c.summary} for c in cases])
        else:
            for case in cases:
                print(f"{case.name:40} {case.level:14} {case.title}")
        return EXIT_OK
    ctx = _context(paths.training(), _site(args), training=True)
    try:
        try:
            dossier_id = open_case(ctx, args.name, exercise=args.exercise)
        except KeyError as exc:
            raise CommandError(str(exc.args[0]), EXIT_USAGE) from exc
        kind = "en exercice" if args.exercise else "en copie neuve"
        print(f"Cas « {args.name} » ouvert {kind} dans les données de formation, sous le numéro {dossier_id}.")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_training(args: argparse.Namespace, paths: AppPaths) -> int:
    from assistant.lock import FolderLockedError
    from assistant.services.training import reset_training

    training = paths.training()
    if not args.yes:
        raise CommandError(
            f"Cette commande efface toutes les données de formation ({training.data_dir}) ; "
            "ajoutez --yes pour confirmer.", EXIT_USAGE)
    try:
        reset_training(training)
    except FolderLockedError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Données de formation effacées ({training.data_dir}).")
    return EXIT_OK


def cmd_self_test(_args: argparse.Namespace, paths: AppPaths) -> int:
    from assistant.selftest import run_self_test

    return EXIT_OK if run_self_test(paths, print, rulebook_dir=_site(_args).rulebook) else EXIT_FAILED
