"""« Règles › Installer une mise à jour… »: the dialog shows signer, version, digest and the impact preview
computed in the worker, refuses a bad package in French, and installs on confirmation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from assistant.domain import Dossier
from assistant.paths import AppPaths
from assistant.rulebook.package import pack
from assistant.services.context import open_data_folder, rulebook_for_site
from assistant.siteconfig import SiteConfig
from assistant.ui.main_window import MainWindow
from assistant.ui.rule_update_dialog import RuleUpdateDialog
from tests.conftest import close_next_message_box, plain
from tests.rulebook.packages import make_keys, rules_copy

CASE = Path(__file__).resolve().parents[2] / "resources" / "cases" / "visio-depart-justifie.json"


@pytest.fixture
def setup(tmp_path: Path, data_paths: AppPaths):  # type: ignore[no-untyped-def]
    private, public = make_keys(tmp_path / "cles")
    site = SiteConfig(trusted_keys=(public,))
    folder = rules_copy(tmp_path / "regles", "2099.1", no_publicity=25000)
    package = tmp_path / "doctrine-2099.1.regles"
    pack(folder, package, private, "Ministère des tests", "2026-12-01")
    ctx = open_data_folder(data_paths, site)
    data = json.loads(CASE.read_text(encoding="utf-8"))
    for amount in (20000, 30000, 45000):
        facts = dict(data["facts"]) | {"procurement.estimated_amount_eur_ht": amount}
        ctx.repository.add(Dossier(title=f"Visio {amount}", facts=facts, justifications=data["justifications"]))
    yield ctx, package
    ctx.close()


def _answer_yes() -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, click)


def test_preview_then_install(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    ctx, package = setup
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.rule_update_action.text() == "&Installer une mise à jour…"
    window.rule_update_action.trigger()
    dialog = window.rule_update_dialog
    assert isinstance(dialog, RuleUpdateDialog)
    with qtbot.waitSignal(dialog.previewed, timeout=30000):
        dialog.load(package)
    assert "Ministère des tests" in dialog.signer_label.text()
    assert "2099.1" in dialog.version_label.text()
    assert dialog.digest_label.text().startswith("sha256:")
    assert plain(dialog.status_label.text()).startswith("3 dossier(s) réévalué(s) : 2 dont les conclusions")
    assert dialog.tree.topLevelItemCount() == 2
    first = dialog.tree.topLevelItem(0)
    assert first.text(0) == "N° 2 — Visio 30000"
    assert first.child(0).text(0) == "Procédure" and "MAPA" in first.child(0).text(2)
    assert "procedure.no_publicity" in first.child(0).text(3)
    assert dialog.install_button.isEnabled()

    _answer_yes()
    with qtbot.waitSignal(dialog.installed):
        dialog.install_button.click()
    assert ctx.rulebook.version == "2099.1"
    assert rulebook_for_site(ctx.site, ctx.paths).version == "2099.1"
    assert "2099.1" in window.statusBar().currentMessage()
    messages = close_next_message_box()
    window.about_action.trigger()
    assert "2099.1" in messages[0] and "Ministère des tests" in messages[0]


def test_a_refused_package_is_told_in_french_and_installs_nothing(qtbot, setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, package = setup
    package.write_bytes(package.read_bytes()[:-100])
    dialog = RuleUpdateDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=30000) as blocker:
        dialog.load(package)
    assert "altéré ou tronqué" in blocker.args[0]
    assert "Paquet refusé" in dialog.status_label.text()
    assert not dialog.install_button.isEnabled()
    assert not ctx.paths.installed_rules_dir.exists()
