"""Dossier use cases: evaluate, import and export files, with their journal entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.domain import Dossier, Evaluation
from assistant.engine import evaluate
from assistant.exchange import DossierFileError, FileProblem, read_dossier_file, write_dossier_file
from assistant.rulebook import Rulebook, check_dossier_facts
from assistant.services.context import AppContext
from assistant.services.editing import evaluate_and_record
from assistant.services.outputs import check_output_path


def evaluate_stored(ctx: AppContext, dossier_id: int, as_of: date | None = None, *, log: bool = False) -> Evaluation:
    """Evaluate a stored dossier and remember the rulebook and conclusion of that evaluation."""
    return evaluate_and_record(ctx, dossier_id, None, as_of, log=log)


def validate_dossier(rulebook: Rulebook, dossier: Dossier) -> list[FileProblem]:
    """Errors and warnings on the facts of a structurally valid dossier, as file problems."""
    return [FileProblem(p.item, p.message, p.severity) for p in check_dossier_facts(rulebook, dossier)]


def load_dossier_file(rulebook: Rulebook, path: Path) -> tuple[Dossier, list[FileProblem]]:
    """Read and fully check a dossier file; raises ``DossierFileError`` on any error, returns warnings."""
    try:
        dossier = read_dossier_file(path)
    except DossierFileError as exc:
        if exc.partial is not None:  # report the facts' problems too, all at once
            more = [p for p in validate_dossier(rulebook, exc.partial) if p.severity == "error"]
            raise DossierFileError(exc.problems + more) from exc
        raise
    problems = validate_dossier(rulebook, dossier)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DossierFileError(errors)
    return dossier, [p for p in problems if p.severity != "error"]


def import_file(ctx: AppContext, path: Path) -> tuple[int, list[FileProblem]]:
    """Import a dossier file as a new dossier (never overwriting one); returns its id and the warnings."""
    ctx.repository.ensure_writable("importer le dossier")
    dossier, warnings = load_dossier_file(ctx.rulebook, path)
    evaluation = evaluate(ctx.rulebook, dossier, date.today())  # before storing anything
    dossier_id = ctx.repository.add(dossier, event="imported", detail={"file": path.name, "title": dossier.title})
    ctx.repository.record_evaluation(dossier_id, ctx.rulebook.version, ctx.rulebook.digest, evaluation.path, log=False)
    return dossier_id, warnings


def export_file(ctx: AppContext, dossier_id: int, path: Path) -> None:
    """Write a stored dossier to a file atomically and record it in the journal (not in a read-only base).

    An output path that is one of the data folder's own files, or not a regular file, is refused first."""
    check_output_path(ctx.paths, path)
    dossier = ctx.repository.get(dossier_id)
    write_dossier_file(dossier, path)
    if not ctx.database.read_only:
        ctx.repository.log(dossier_id, "exported", {"file": path.name})


def evaluate_file(rulebook: Rulebook, path: Path, as_of: date | None = None) -> tuple[Evaluation, list[FileProblem]]:
    """Read, check and evaluate a dossier file (nothing stored); returns the evaluation and the warnings."""
    dossier, warnings = load_dossier_file(rulebook, path)
    return evaluate(rulebook, dossier, as_of or date.today()), warnings


def evaluation_text(rulebook: Rulebook, evaluation: Evaluation) -> str:
    """The evaluation in French, as the command line prints it."""
    from assistant.engine import render_text

    return render_text(evaluation, rulebook)


def dossier_json(ctx: AppContext, dossier_id: int) -> str:
    """A stored dossier as the text of its dossier file."""
    from assistant.exchange import dumps_dossier

    return dumps_dossier(ctx.repository.get(dossier_id))
