"""The presenter view in front of a room: full screen, the conclusion and « Et si ? » in capitals at least 4 %
of the screen height, the steps in words, FORMATION on every training window, what changed listed."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel

from assistant.rulebook import load_rulebook
from assistant.services.context import open_context
from assistant.services.training import open_case
from assistant.ui.editor import DossierEditor
from assistant.ui.main_window import MainWindow
from assistant.ui.presenter import CAPITALS_SHARE, PresenterBanner
from tests.conftest import plain

STEP_IDS = [step.id for step in load_rulebook().steps]


def _capitals(label_font: object) -> float:
    return QFontMetricsF(label_font).capHeight()  # type: ignore[arg-type]


def test_presenter_view_fills_the_screen_with_a_conclusion_readable_from_the_back(qtbot, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    ctx = open_context(data_paths.training(), rulebook=rulebook, training=True)
    try:
        editor = DossierEditor(ctx, open_case(ctx, "hopital-rendez-vous-hds"))
        qtbot.addWidget(editor)
        editor.show()
        assert editor.findChild(QLabel, "training-banner").isVisible()
        editor.presenter_action.setChecked(True)
        qtbot.waitUntil(editor.isFullScreen)
        height = editor.screen().geometry().height()
        banner = editor.findChild(PresenterBanner)
        assert banner is not None and banner.isVisible()
        assert banner.y() < editor.pages.mapTo(editor, editor.pages.rect().topLeft()).y()
        assert _capitals(banner.conclusion.font()) >= CAPITALS_SHARE * height
        assert rulebook.label("path", editor.evaluation.path) in plain(banner.conclusion.text())
        assert banner.tag.isVisible() and banner.tag.text() == "FORMATION"
        steps = plain(banner.steps.text())
        assert "1. Besoin" in steps and ("terminée" in steps or "à faire" in steps or "en cours" in steps)
        editor.go_to_step(STEP_IDS.index("donnees"))
        assert "<u>3." in banner.steps.text()
        editor.what_if_action.setChecked(True)
        browser = editor.what_if_panel.browser
        size = float(browser.styleSheet().split("font-size:")[1].split("px")[0])
        font = browser.font()
        font.setPixelSize(int(size))
        assert _capitals(font) >= CAPITALS_SHARE * height * 0.97
        editor.question_widgets["buyer.kind"].buttons["state_administration"].click()  # type: ignore[attr-defined]
        editor.refresh()
        assert "Ce qui a changé" in editor.what_if_panel.text()
        assert plain(rulebook.fact_label("buyer.kind")) in plain(editor.what_if_panel.text())
        editor.presenter_action.setChecked(False)
        assert not editor.isFullScreen() and not banner.isVisible()
        editor.close()
    finally:
        ctx.close()


def test_a_training_list_window_says_formation(qtbot, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    ctx = open_context(data_paths.training(), rulebook=rulebook, training=True)
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        tag = window.findChild(QLabel, "training-banner")
        assert tag is not None and tag.isVisible() and "FORMATION" in tag.text()
        window.close()
    finally:
        ctx.close()


def test_a_real_window_has_no_formation_banner(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.findChild(QLabel, "training-banner") is None
    window.close()
