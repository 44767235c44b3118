"""``assistant self-test``: checks start-up, storage, rules, evaluation, report and window, and says so."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from assistant import __version__
from assistant.domain.messages import folder_unusable
from assistant.paths import AppPaths, resources_dir, rules_dir

Say = Callable[[str], None]


def _check(say: Say, label: str, action: Callable[[], str | None]) -> bool:
    start = time.perf_counter()
    try:
        detail = action()
    except Exception as exc:  # a self-test reports every failure instead of stopping
        say(f"ÉCHEC  {label} : {type(exc).__name__} : {exc}")
        return False
    elapsed = (time.perf_counter() - start) * 1000
    say(f"OK     {label}{f' : {detail}' if detail else ''} ({elapsed:.0f} ms)")
    return True


def run_self_test(paths: AppPaths, say: Say = print, *, rulebook_dir: Path | None = None) -> bool:
    """Run every check in a temporary folder inside the data folder; True when all passed.

    A data folder that cannot be created or written raises ``UserError`` (one French sentence, status 1),
    as the window and the other commands do, instead of a traceback.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    say(f"Assistant achat numérique {__version__} — autotest")
    try:
        paths.ensure()
        work = Path(tempfile.mkdtemp(prefix="autotest-", dir=paths.data_dir))
    except OSError as exc:
        raise folder_unusable(paths.data_dir, exc) from exc
    state: dict[str, object] = {}
    try:
        state["rulebook_dir"] = rulebook_dir
        return _run(paths, AppPaths(work), state, say)
    finally:
        ctx = state.get("ctx")
        if ctx is not None:
            ctx.close()  # type: ignore[attr-defined]
        shutil.rmtree(work, ignore_errors=True)


def _run(paths: AppPaths, work: AppPaths, state: dict[str, object], say: Say) -> bool:
    from assistant.services.context import load_bundled_rulebook, open_data_folder
    from assistant.storage.database import HalfCreatedError

    ok = True

    def resources() -> str:
        fonts = sorted(p.name for p in (resources_dir() / "fonts").glob("*.ttf"))
        if not fonts:
            raise FileNotFoundError("aucune police dans " + str(resources_dir() / "fonts"))
        return f"{resources_dir()} ({len(fonts)} polices), règles dans {rules_dir()}"

    ok &= _check(say, "ressources embarquées", resources)

    def rules() -> str:
        book = load_bundled_rulebook(state.get("rulebook_dir"))  # type: ignore[arg-type]
        state["book"] = book
        return f"{book.id} {book.version} ({book.digest[:19]}…)"

    ok &= _check(say, "référentiel de règles", rules)

    def user_database() -> str:
        from assistant.storage.database import QUICK_CHECK_SECONDS, inspect_file, known_revisions

        try:
            revision = inspect_file(paths.database, check_seconds=QUICK_CHECK_SECONDS)[0]
        except HalfCreatedError:
            revision = None
        if revision is not None and revision not in known_revisions():
            raise AssertionError(f"la base {paths.database} vient d'une version plus récente de l'application "
                                 f"(schéma « {revision} ») : cette version ne peut pas l'ouvrir")
        return f"{paths.database} (schéma {revision or 'à créer'})"

    ok &= _check(say, "base de l'utilisateur lisible", user_database)
    if "book" not in state:
        return False

    def storage() -> str:
        ctx = open_data_folder(work, rulebook=state["book"])  # type: ignore[arg-type]
        state["ctx"] = ctx
        repo = ctx.repository
        dossier_id = repo.create("Autotest « é à ç »", "Organisation")
        repo.set_fact(dossier_id, "need.users", 12)
        reloaded = repo.get(dossier_id)
        if reloaded.facts.get("need.users") != 12 or reloaded.title != "Autotest « é à ç »":
            raise AssertionError("le dossier relu diffère du dossier enregistré")
        repo.delete(dossier_id)
        if repo.list():
            raise AssertionError("le dossier supprimé est encore dans la liste")
        repo.restore(dossier_id)
        if [s.id for s in repo.list()] != [dossier_id]:
            raise AssertionError("le dossier restauré manque dans la liste")
        state["dossier_id"] = dossier_id
        return "création, enregistrement, relecture, corbeille, restauration"

    ok &= _check(say, "stockage SQLite et migrations", storage)

    def evaluation() -> str:
        from assistant.engine import evaluate
        from assistant.exchange import parse_dossier

        sample = parse_dossier(_sample_dossier())
        result = evaluate(state["book"], sample, date(2026, 11, 30))  # type: ignore[arg-type]
        if result.path != "reuse_mutualised":
            raise AssertionError(f"conclusion inattendue : {result.path}")
        return f"chemin {result.path}, {len(result.trace)} règle(s) expliquée(s)"

    ok &= _check(say, "évaluation d'un dossier exemple", evaluation)

    def report() -> str:
        from assistant.services.reporting import report_from_id

        target = work.data_dir / "note.pdf"
        report_from_id(state["ctx"], state["dossier_id"], target, date(2026, 11, 30))  # type: ignore[arg-type]
        head = target.read_bytes()[:5]
        if head != b"%PDF-":
            raise AssertionError("le fichier produit n'est pas un PDF")
        return f"{target.stat().st_size} octets"

    ok &= _check(say, "note de décision PDF", report)

    def signatures() -> str:
        from assistant.services.rule_updates import self_check

        return self_check(work.data_dir, state["book"].path)  # type: ignore[attr-defined]

    ok &= _check(say, "paquets de règles signés", signatures)

    def window() -> str:
        from assistant.ui.selftest_window import check_window

        return check_window(state["ctx"])  # type: ignore[arg-type]

    ok &= _check(say, "fenêtre principale (hors écran)", window)
    say("Autotest réussi." if ok else "Autotest en échec : voir les lignes ÉCHEC ci-dessus.")
    return ok


def _sample_dossier() -> dict[str, object]:
    return {
        "format": "assistant-dossier/1",
        "title": "Autotest",
        "facts": {
            "buyer.kind": "state_administration",
            "need.category": "videoconference",
            "existing.mutualised_fit": "fits",
            "data.classified": "none",
            "data.legal_secrets": False,
            "data.essential_mission": False,
            "data.breach_impacts": [],
            "data.personal": True,
            "data.health_personal": False,
            "hosting.mode": "state_internal_cloud",
        },
    }
