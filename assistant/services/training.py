"""Training mode: its own data folder, cases opened as fresh copies or as exercises, what-if comparisons,
and a reset of all training data. No Qt here.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assistant.domain import Dossier, Evaluation
from assistant.domain.messages import UserError, folder_unusable, french_os_error
from assistant.engine import evaluate
from assistant.lock import DataFolderLock
from assistant.paths import TRAINING_FOLDER, AppPaths
from assistant.rulebook import Rulebook
from assistant.services.cases import (
    Difference,
    case_dossier_for_training,
    exercise_differences,
    load_case,
    outcome_differences,
)
from assistant.services.context import AppContext, open_data_folder

CASE_KEY = "training_case"
"""``Dossier.extra`` key naming the case a training dossier was opened from."""
EXERCISE_KEY = "exercise_of"
"""``Dossier.extra`` key naming the case an exercise is to be compared with."""
SCENARIO_FACTS = ("need.statement", "need.performance_indicators")
"""Facts an exercise keeps visible: the situation the trainee must analyse."""


def open_case(ctx: AppContext, name: str, *, exercise: bool = False) -> int:
    """Copy a case into the (training) database as a new dossier; as an exercise, its answers are hidden."""
    case, dossier = load_case(name)
    fresh = case_dossier_for_training(dossier)
    fresh.created = fresh.updated = None
    if exercise:
        fresh.facts = {k: v for k, v in fresh.facts.items() if k in SCENARIO_FACTS}
        fresh.justifications = {}
        fresh.candidates = []
        fresh.weights = {}
        fresh.title = f"Exercice — {case.title}"
        fresh.extra[EXERCISE_KEY] = case.name
    else:
        fresh.extra[CASE_KEY] = case.name
    return ctx.repository.add(fresh, event="created", detail={"case": case.name, "exercise": exercise})


@dataclass(frozen=True)
class Correction:
    """What « Comparer avec la correction » shows: differing answers, then differing conclusions."""

    case_title: str
    answers: list[Difference]
    outcomes: list[Difference]


def correct_exercise(rulebook: Rulebook, trainee: Dossier, as_of: date | None = None) -> Correction:
    """Compare an exercise with its case: each differing answer and conclusion, with the rule and sources."""
    name = trainee.extra.get(EXERCISE_KEY)
    if not isinstance(name, str):
        raise KeyError("Ce dossier n'est pas un exercice : il n'a pas de correction.")
    case, correction = load_case(name)
    day = as_of or case.as_of or date.today()
    answers = exercise_differences(rulebook, trainee, correction, day)
    outcomes = outcome_differences(rulebook, evaluate(rulebook, trainee, day), evaluate(rulebook, correction, day))
    return Correction(case.title, answers, outcomes)


def what_if(rulebook: Rulebook, base: Evaluation, changed: Evaluation) -> list[Difference]:
    """The conclusions that differ between the case (``base``) and the changed answers, each with the rule
    of the changed evaluation that makes the difference."""
    return outcome_differences(rulebook, base, changed)


def changed_inputs(rulebook: Rulebook, base: Dossier, changed: Dossier) -> list[tuple[str, str, str]]:
    """The answers that differ between the case and the changed dossier: (question, before, after), in the
    rulebook's question order; an unknown answer reads « je ne sais pas »."""
    def shown(facts: dict[str, object], fact: str) -> str:
        return rulebook.value_label(fact, facts[fact]) if fact in facts else "je ne sais pas"

    order = {q.id: i for i, q in enumerate(rulebook.questions)}
    facts = sorted(set(base.facts) | set(changed.facts), key=lambda f: (order.get(f, len(order)), f))
    rows = [(rulebook.fact_label(f), shown(base.facts, f), shown(changed.facts, f)) for f in facts
            if (f in base.facts, base.facts.get(f)) != (f in changed.facts, changed.facts.get(f))]
    if base.candidates != changed.candidates or base.weights != changed.weights:
        before, after = len(base.candidates), len(changed.candidates)
        rows.append(("Offres et pondérations", f"{before} offre(s)", f"{after} offre(s), notes ou poids modifiés"))
    return rows


def snapshot(dossier: Dossier) -> Dossier:
    """A deep copy to come back to (« Revenir au cas »)."""
    return copy.deepcopy(dossier)


def erase_training_data(paths: AppPaths) -> None:
    """Erase the training folder's database and backups; the caller holds the folder's lock and has closed
    its database."""
    if paths.data_dir.name != TRAINING_FOLDER:
        raise ValueError(f"{paths.data_dir} n'est pas un dossier de formation : rien n'a été effacé.")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(paths.backups_dir, ignore_errors=True)


def open_training(ctx: AppContext) -> tuple[AppContext, DataFolderLock]:
    """Open the training folder beside ``ctx``'s (same rulebook and site), holding its lock; the caller
    closes both. Any failure is one ``UserError``."""
    paths = ctx.paths.training()
    lock = DataFolderLock(paths.lock_file)
    try:
        lock.acquire()
        return open_data_folder(paths, ctx.site, rulebook=ctx.rulebook, training=True), lock
    except UserError:
        lock.release()
        raise
    except OSError as exc:
        lock.release()
        raise folder_unusable(paths.data_dir, exc) from exc


def reopen_erased(ctx: AppContext) -> AppContext:
    """Close ``ctx`` (a training folder whose lock the caller holds), erase its data and open it afresh."""
    paths, book, site = ctx.paths, ctx.rulebook, ctx.site
    ctx.close()
    try:
        erase_training_data(paths)
    except OSError as exc:
        raise UserError(f"La réinitialisation a échoué ({french_os_error(exc)}).") from exc
    return open_data_folder(paths, site, rulebook=book, training=True)


def reset_training(paths: AppPaths) -> None:
    """Erase every training dossier; a window open on the training folder holds its lock and makes this
    fail with a clear message (``FolderLockedError``)."""
    with DataFolderLock(paths.lock_file):
        erase_training_data(paths)
