"""Screenshots of team mode on a real PostgreSQL server (run under Xvfb: ``make screenshots-team``).

Usage: python tests/tools/screenshots_team.py OUT_DIR
It starts a test server (tests/tools/postgres.py), runs installer/team-roles.sql, lets a buyer import the
examples, then:
- opens two buyers' windows side by side on the same base; one renames a dossier and answers in it, the
  other's list and open editor show the change (``equipe-deux-fenetres.png``);
- opens the base as a controller and saves the read-only main window and one dossier's editor.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _settle(app: QApplication, seconds: float) -> None:
    """Let the windows' timers run (the live list checks twice a second)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def _two_windows(app: QApplication, team: object, work: Path, dossier_id: int, out: Path) -> None:
    """Marie's list and editor on the left, Jean's list on the right: Jean renames and answers, Marie sees it."""
    from assistant.paths import AppPaths
    from assistant.services.context import open_data_folder
    from assistant.siteconfig import SiteConfig
    from assistant.ui.main_window import MainWindow

    marie = open_data_folder(AppPaths(work / "marie-poste"), SiteConfig(database_url=team.url("marie")))  # type: ignore[attr-defined]
    jean = open_data_folder(AppPaths(work / "jean-poste"), SiteConfig(
        database_url=team.person("jean", team.buyers)))  # type: ignore[attr-defined]
    left, right = MainWindow(marie), MainWindow(jean)
    for window, x in ((left, 0), (right, 960)):
        window.resize(950, 760)
        window.move(x, 0)
        window.show()
    left.setWindowTitle(left.windowTitle() + " — poste de marie")
    right.setWindowTitle(right.windowTitle() + " — poste de jean")
    _settle(app, 1.0)
    right.select(dossier_id)
    from assistant.services import editing, library

    library.rename(jean, dossier_id, "Messagerie de l'opérateur (lot 2, revu)", "Opérateur national")
    editing.answer(jean, dossier_id, "data.personal", True)
    right.update_row(dossier_id)
    _settle(app, 1.5)
    left.select(dossier_id)
    app.processEvents()
    screen = app.primaryScreen()
    pixmap = screen.grabWindow(0) if app.platformName() == "xcb" else left.grab()
    pixmap.save(str(out / "equipe-deux-fenetres.png"))
    print(out / "equipe-deux-fenetres.png")
    for window in (left, right):
        window.close()
    marie.close()
    jean.close()


def main() -> int:
    from assistant.paths import AppPaths
    from assistant.services.context import open_data_folder
    from assistant.services.dossiers import import_file
    from assistant.siteconfig import SiteConfig
    from assistant.storage.engines import open_store
    from assistant.ui.editor import DossierEditor
    from assistant.ui.main_window import MainWindow
    from assistant.ui.setup import configure
    from tests.tools.postgres import start_server
    from tests.tools.screenshots import grab
    from tests.tools.team_roles import make_team

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    configure(app)
    server = start_server()
    postgres = next(server)
    try:
        team = make_team(postgres)
        work = Path(tempfile.mkdtemp())
        open_store(work / "p.sqlite3", None, team.url(team.owner)).close()
        buyer = open_data_folder(AppPaths(work / "marie"), SiteConfig(database_url=team.person("marie", team.buyers)))
        ids = {}
        for path in sorted((ROOT / "tests" / "fixtures" / "examples").glob("*.json")):
            if not path.name.endswith(".expected.json"):
                ids[path.stem] = import_file(buyer, path)[0]
        _two_windows(app, team, work, ids["messagerie-operateur"], out)
        buyer.close()
        ctx = open_data_folder(AppPaths(work / "paul"), SiteConfig(database_url=team.person("paul", team.controllers)))
        window = MainWindow(ctx)
        window.select(ids["messagerie-operateur"])
        grab(app, window, out / "lecture-seule-liste.png")
        editor = DossierEditor(ctx, ids["messagerie-operateur"])
        editor.go_to_step(2)
        grab(app, editor, out / "lecture-seule-dossier.png")
        editor.go_to_step(editor.step_ids.index("offres"))
        grab(app, editor, out / "lecture-seule-offres.png")
        editor.close()
        window.close()
        ctx.close()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
