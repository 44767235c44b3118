"""Take screenshots of every screen for a visual check (run under Xvfb: ``make screenshots``).

Usage: python tests/tools/screenshots.py OUT_DIR [--scale 1.5]
It imports the spec's examples into a temporary data folder, opens the main window, each step of a
dossier, the offers dialog, the vademecum and the trash, and saves PNG files of what the screen shows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]


def grab(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.show()
    widget.raise_()
    for _ in range(10):
        app.processEvents()
    screen = app.primaryScreen()
    pixmap = screen.grabWindow(0) if app.platformName() == "xcb" else widget.grab()
    if app.platformName() == "xcb":
        geometry = widget.frameGeometry()
        pixmap = pixmap.copy(geometry)
    pixmap.save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="enlarge the system font (1.5 = +50 %)")
    parser.add_argument("--example", default="plateforme-donnees-sante")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from assistant.paths import AppPaths
    from assistant.services.context import open_context
    from assistant.services.dossiers import import_file
    from assistant.ui.editor import DossierEditor
    from assistant.ui.main_window import MainWindow
    from assistant.ui.offers import OfferDialog
    from assistant.ui.setup import configure
    from assistant.ui.vademecum import VademecumWindow

    app = QApplication(sys.argv[:1])
    configure(app)
    if args.scale != 1.0:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * args.scale)
        app.setFont(font)
    suffix = "" if args.scale == 1.0 else f"-x{args.scale:g}"
    ctx = open_context(AppPaths(Path(tempfile.mkdtemp())))
    ids = {}
    for path in sorted((ROOT / "tests" / "fixtures" / "examples").glob("*.json")):
        if not path.name.endswith(".expected.json"):
            ids[path.stem] = import_file(ctx, path)[0]
    window = MainWindow(ctx)
    window.resize(1280, 720)
    window.move(0, 0)
    grab(app, window, args.out / f"00-liste{suffix}.png")
    editor = DossierEditor(ctx, ids[args.example])
    editor.resize(1280, 720)
    editor.move(0, 0)
    for index in range(editor.steps.count()):
        editor.go_to_step(index)
        grab(app, editor, args.out / f"{index + 1:02d}-etape-{index + 1}{suffix}.png")
    editor.conclusion.why_button.setChecked(True)
    editor.go_to_step(2)
    grab(app, editor, args.out / f"07-pourquoi{suffix}.png")
    editor.close()
    dossier = ctx.repository.get(ids[args.example])
    if dossier.candidates:
        dialog = OfferDialog(ctx.rulebook, dossier.candidates[0])
        dialog.move(0, 0)
        grab(app, dialog, args.out / f"08-offre{suffix}.png")
        dialog.close()
    vademecum = VademecumWindow(ctx)
    vademecum.resize(1280, 720)
    vademecum.move(0, 0)
    vademecum.show_page("sren-article-31")
    grab(app, vademecum, args.out / f"09-vademecum{suffix}.png")
    vademecum.show_page("sources#sren-art31")
    grab(app, vademecum, args.out / f"10-sources{suffix}.png")
    vademecum.close()
    from assistant.services.backups import create_backup
    from assistant.ui.backups_dialog import BackupsDialog

    create_backup(ctx.paths)
    backups = BackupsDialog(ctx.paths, window)
    backups.move(0, 0)
    grab(app, backups, args.out / f"14-sauvegardes{suffix}.png")
    backups.close()
    window.close()
    _training_screens(app, ctx, args.out, suffix)
    _rule_update_screen(app, ctx, args.out, suffix)
    ctx.close()
    return 0


def _training_screens(app: QApplication, ctx: object, out: Path, suffix: str) -> None:
    from assistant.services.context import open_context
    from assistant.services.training import open_case
    from assistant.ui.editor import DossierEditor

    training = open_context(ctx.paths.training(), rulebook=ctx.rulebook, training=True)  # type: ignore[attr-defined]
    editor = DossierEditor(training, open_case(training, "hopital-rendez-vous-hds"))
    editor.resize(1280, 720)
    editor.move(0, 0)
    editor.go_to_step(2)
    editor.presenter_action.setChecked(True)
    grab(app, editor, out / f"11-presentateur{suffix}.png")
    editor.presenter_action.setChecked(False)
    editor.what_if_action.setChecked(True)
    widget = editor.question_widgets["buyer.kind"]
    widget.buttons["state_administration"].click()  # type: ignore[attr-defined]
    editor.refresh()
    grab(app, editor, out / f"12-et-si{suffix}.png")
    editor.close()
    exercise = DossierEditor(training, open_case(training, "visio-depart-justifie", exercise=True))
    exercise.question_widgets["buyer.kind"].buttons["local_authority"].click()  # type: ignore[attr-defined]
    exercise.question_widgets["need.category"].buttons["videoconference"].click()  # type: ignore[attr-defined]
    exercise.show_correction()
    exercise.correction_dialog.move(0, 0)
    grab(app, exercise.correction_dialog, out / f"13-correction{suffix}.png")
    exercise.close()
    training.close()


def _rule_update_screen(app: QApplication, ctx: object, out: Path, suffix: str) -> None:
    """The impact preview of a rule package that lowers the no-publicity threshold, over varied dossiers."""
    import json
    from dataclasses import replace

    sys.path.insert(0, str(ROOT))
    from assistant.domain import Dossier
    from assistant.rulebook.package import pack
    from assistant.ui.rule_update_dialog import RuleUpdateDialog
    from tests.rulebook.packages import make_keys, rules_copy

    work = Path(tempfile.mkdtemp())
    private, public = make_keys(work / "cles")
    package = work / "doctrine-2027.01.regles"
    pack(rules_copy(work / "regles", "2027.01", no_publicity=25000), package, private,
         "Ministère de l'Intérieur — DNUM", "2026-12-01")
    ctx.site = replace(ctx.site, trusted_keys=(public,))  # type: ignore[attr-defined]
    for name in ("visio-depart-justifie", "tchap-services-deconcentres", "prise-de-notes-docs"):
        data = json.loads((ROOT / "resources" / "cases" / f"{name}.json").read_text(encoding="utf-8"))
        for amount in (30000, 45000, 55000):
            facts = dict(data["facts"]) | {"procurement.estimated_amount_eur_ht": amount}
            ctx.repository.add(Dossier(title=f"{data['title']} ({amount:,} € HT)".replace(",", "\u202f"),  # type: ignore[attr-defined]
                                       organisation=data.get("organisation", ""), facts=facts,
                                       justifications=data.get("justifications", {})))
    dialog = RuleUpdateDialog(ctx)  # type: ignore[arg-type]
    dialog.resize(1100, 640)
    dialog.move(0, 0)
    dialog.load(package)
    while dialog.preview is None and dialog.status_label.text().startswith("Vérification"):
        app.processEvents()
    grab(app, dialog, out / f"14-mise-a-jour-regles{suffix}.png")
    dialog.close()


if __name__ == "__main__":
    sys.exit(main())
