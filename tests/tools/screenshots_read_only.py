"""Screenshots of the read-only window of a controller on a real PostgreSQL server (run under Xvfb).

Usage: python tests/tools/screenshots_read_only.py OUT_DIR
It starts a test server (tests/tools/postgres.py), runs installer/team-roles.sql, lets a buyer import the
examples, then opens the base as a controller and saves the main window and one dossier's editor.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


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
