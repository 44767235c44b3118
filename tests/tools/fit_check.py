"""Open every window at a given text scale and print, as JSON, each window's geometry, its minimum size
and the screen's available area (used by ``tests/ui/test_a11y.py`` on a 1366×768 offscreen screen).

Usage: QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python tests/tools/fit_check.py [--scale 1.5]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]


def measure(app: QApplication, name: str, window: QWidget, out: dict[str, object]) -> None:
    window.show()
    for _ in range(5):
        app.processEvents()
    geometry = window.frameGeometry()
    hint = window.minimumSizeHint()
    out[name] = {"x": geometry.x(), "y": geometry.y(), "width": geometry.width(), "height": geometry.height(),
                 "min_width": max(hint.width(), window.minimumWidth()),
                 "min_height": max(hint.height(), window.minimumHeight())}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from assistant.paths import AppPaths
    from assistant.services.context import open_context
    from assistant.services.dossiers import import_file
    from assistant.ui.editor import DossierEditor
    from assistant.ui.main_window import MainWindow
    from assistant.ui.offers import OfferDialog
    from assistant.ui.setup import configure
    from assistant.ui.training import CaseDialog
    from assistant.ui.vademecum import VademecumWindow

    app = QApplication(sys.argv[:1])
    configure(app)
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * args.scale)
    app.setFont(font)
    ctx = open_context(AppPaths(Path(tempfile.mkdtemp())))
    example = ROOT / "tests" / "fixtures" / "examples" / "plateforme-donnees-sante.json"
    dossier_id = import_file(ctx, example)[0]
    screen = app.primaryScreen().availableGeometry()
    out: dict[str, object] = {"screen": {"width": screen.width(), "height": screen.height()}}
    measure(app, "liste", MainWindow(ctx), out)
    editor = DossierEditor(ctx, dossier_id)
    for index in range(editor.steps.count()):
        editor.go_to_step(index)
        measure(app, f"dossier-étape-{index + 1}", editor, out)
        page = editor.scrolls[index]
        out[f"dossier-étape-{index + 1}"]["page_overflow"] = (  # type: ignore[index]
            page.widget().minimumSizeHint().width() - page.viewport().width())
    dossier = ctx.repository.get(dossier_id)
    measure(app, "offre", OfferDialog(ctx.rulebook, dossier.candidates[0]), out)
    measure(app, "vademecum", VademecumWindow(ctx), out)
    measure(app, "cas", CaseDialog(), out)
    print(json.dumps(out))
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
