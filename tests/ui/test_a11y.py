"""Accessibility through the real windows: the keyboard goes round every step with no trap and always lands on
a visible, named control; the wheel never changes an unfocused value; a changed conclusion is announced;
mnemonics are unique per window; every window fits a 1366×768 screen with 150 % text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assistant.exchange import read_dossier_file
from assistant.rulebook import load_rulebook
from assistant.ui.a11y import HelpLink, first_focusable, fit_to_screen
from assistant.ui.editor import DossierEditor
from assistant.ui.main_window import MainWindow
from assistant.ui.offers import OfferDialog
from assistant.ui.vademecum import VademecumWindow
from tests.conftest import EXAMPLES

STEP_IDS = [step.id for step in load_rulebook().steps]

ROOT = Path(__file__).resolve().parents[2]
MAX_TAB_CYCLE = 40


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces, read from Qt's accessibility tree."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _editor(qtbot, ctx, example: str = "plateforme-donnees-sante") -> DossierEditor:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(read_dossier_file(EXAMPLES / f"{example}.json"))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def _check_landing(widget: QWidget) -> None:
    assert widget.isVisible(), widget
    assert accessible_name(widget), f"{type(widget).__name__} has no accessible name"
    assert not widget.visibleRegion().isEmpty(), f"{accessible_name(widget)} has the focus but is scrolled away"
    assert not isinstance(widget, QScrollArea | QLabel), f"{type(widget).__name__} should not be a Tab stop"


def _walk(qtbot, window: QWidget, start: QWidget, key: Qt.Key) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Press ``key`` from ``start`` until the focus comes back to it; every widget the focus landed on."""
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited: list[QWidget] = []
    for _ in range(200):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, key)
        landed = QApplication.focusWidget()
        assert landed is not None and (window.isAncestorOf(landed) or landed is window), landed
        _check_landing(landed)
        visited.append(landed)
        if landed is start:
            return visited
    pytest.fail(f"the focus never came back to {start.accessibleName()} after 200 presses of {key}")


@pytest.mark.parametrize("step", STEP_IDS)
def test_tab_and_shift_tab_go_round_every_step(qtbot, ctx, step: str) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    editor.go_to_step(STEP_IDS.index(step))
    forward = _walk(qtbot, editor, editor.title_edit, Qt.Key.Key_Tab)
    backward = _walk(qtbot, editor, editor.title_edit, Qt.Key.Key_Backtab)
    assert len(forward) <= MAX_TAB_CYCLE
    assert len(backward) == len(forward)
    assert list(reversed(backward[:-1])) == forward[:-1]
    editor.close()


def test_focus_is_drawn_on_every_kind_of_tab_stop(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    kinds: dict[str, QWidget] = {}
    for widget in _walk(qtbot, editor, editor.title_edit, Qt.Key.Key_Tab):
        kinds.setdefault(type(widget).__name__, widget)
    assert {"HelpLink", "QLineEdit", "QPushButton", "QListWidget", "LinkBrowser"} <= set(kinds)
    for name, widget in kinds.items():
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        focused = widget.grab().toImage()
        other = editor.title_edit if widget is editor.steps else editor.steps
        other.setFocus()
        qtbot.waitUntil(other.hasFocus)
        unfocused = widget.grab().toImage()
        assert focused != unfocused, f"no visible focus on {name}"
    editor.close()


def test_next_step_moves_the_focus_to_the_new_page(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    editor.go_to_step(0)
    editor.next_button.setFocus()
    qtbot.keyClick(editor.next_button, Qt.Key.Key_Space)
    assert editor.current_step() == STEP_IDS[1]
    focused = QApplication.focusWidget()
    assert focused is not None and editor.pages.currentWidget().isAncestorOf(focused)
    assert focused is first_focusable(editor.pages.currentWidget())
    editor.close()


def test_the_justification_field_passes_tab_on(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    widget = editor.question_widgets["existing.market_fit"]
    editor.go_to_step(editor.question_step[widget.question.id])
    widget.show_justification(True)
    field = widget.justification_edit
    before = field.toPlainText()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not field.hasFocus()
    assert field.toPlainText() == before and "\t" not in field.toPlainText()
    editor.close()


def test_en_savoir_plus_is_a_named_control_that_opens_the_page(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    link = editor.findChildren(HelpLink)[0]
    editor.go_to_step(STEP_IDS.index("besoin"))
    assert accessible_name(link).startswith("En savoir plus")
    interface = QAccessible.queryAccessibleInterface(link)
    assert interface is not None and interface.role() == QAccessible.Role.Link
    assert "Lien" in interface.text(QAccessible.Text.Description)
    link.setVisible(True)
    link.setFocus()
    qtbot.keyClick(link, Qt.Key.Key_Space)
    assert editor._vademecum.isVisible()
    assert editor._vademecum.current == link.target
    editor._vademecum.close()
    editor.close()


def _every_focusable(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.focusProxy() is None and not isinstance(w, QMenu)]


def test_the_accessibility_tree_has_no_nameless_control(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    unnamed: list[str] = []
    for index, step in enumerate(STEP_IDS):
        editor.go_to_step(index)
        unnamed += [f"{step}: {type(w).__name__}" for w in _every_focusable(editor) if not accessible_name(w)]
    dossier = ctx.repository.get(editor.dossier_id)
    dialog = OfferDialog(ctx.rulebook, dossier.candidates[0])
    qtbot.addWidget(dialog)
    dialog.show()
    unnamed += [f"offre: {type(w).__name__}" for w in _every_focusable(dialog) if not accessible_name(w)]
    vademecum = VademecumWindow(ctx)
    qtbot.addWidget(vademecum)
    vademecum.show()
    unnamed += [f"vademecum: {type(w).__name__}" for w in _every_focusable(vademecum) if not accessible_name(w)]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    unnamed += [f"liste: {type(w).__name__}" for w in _every_focusable(window) if not accessible_name(w)]
    assert unnamed == []
    for widget in (dialog, vademecum, window, editor):
        widget.close()


def test_help_texts_are_accessible_descriptions_and_steps_say_their_state(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    described = [w for w in editor.question_widgets.values() if w.question.help]
    assert described
    for widget in described:
        controls = [c for c in [*widget.input.findChildren(QWidget), widget.input]
                    if c.focusPolicy() & Qt.FocusPolicy.TabFocus]
        assert all(c.accessibleDescription() == widget.question.help for c in controls), widget.question.id
    words = [editor.steps.item(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(editor.steps.count())]
    spoken = [w for w in words if w]
    assert spoken and all(w.split("\u00a0: ")[1] in ("terminée", "en cours", "à faire") for w in spoken)
    editor.close()


def _wheel(widget: QWidget, steps: int = -3) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_the_offers_page_changes_no_weight_and_no_score(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    editor.resize(900, 500)
    editor.go_to_step(STEP_IDS.index("offres"))
    stored = ctx.repository.get(editor.dossier_id)
    weights_before = dict(stored.weights)
    editor.title_edit.setFocus()
    bar = editor.scrolls[STEP_IDS.index("offres")].verticalScrollBar()
    assert bar.maximum() > 0
    for spin in editor.offers.weight_spins.values():
        before = spin.value()
        bar.setValue(0)
        _wheel(spin)
        _wheel(spin.lineEdit())
        assert spin.value() == before
        assert bar.value() > 0, "the page should scroll instead"
    after = ctx.repository.get(editor.dossier_id)
    assert after.weights == weights_before
    assert [c.scores for c in after.candidates] == [c.scores for c in stored.candidates]
    spin = next(iter(editor.offers.weight_spins.values()))
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    before = spin.value()
    _wheel(spin, 1)
    assert spin.value() != before, "a focused spin box still takes the wheel"
    editor.close()


def test_the_wheel_over_an_unfocused_combo_or_score_changes_nothing(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier = read_dossier_file(EXAMPLES / "plateforme-donnees-sante.json")
    dialog = OfferDialog(ctx.rulebook, dossier.candidates[0])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setFocus()
    for spin in dialog.score_spins.values():
        before = spin.value()
        _wheel(spin)
        assert spin.value() == before
        assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
    page = QWidget()
    combo = QComboBox()
    combo.addItems(["un", "deux", "trois"])
    QVBoxLayout(page).addWidget(combo)
    qtbot.addWidget(page)
    page.show()
    _wheel(combo)
    assert combo.currentIndex() == 0
    assert isinstance(next(iter(dialog.score_spins.values())), QDoubleSpinBox)
    dialog.close()


def test_a_changed_conclusion_is_announced(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    live = editor.conclusion.live
    assert accessible_name(live) == "Conclusion"
    assert ctx.rulebook.label("path", "buy_market") in live.text()
    widget = editor.question_widgets["existing.mutualised_fit"]
    editor.go_to_step(editor.question_step["existing.mutualised_fit"])
    with qtbot.waitSignal(live.announced, timeout=5000) as blocker:
        widget.buttons["fits"].click()  # type: ignore[attr-defined]
    message = blocker.args[0]
    assert message.startswith("Conclusion modifiée")
    assert ctx.rulebook.label("path", "reuse_mutualised") in message
    interface = QAccessible.queryAccessibleInterface(live)
    assert interface is not None and interface.text(QAccessible.Text.Description) == message
    editor.close()


def test_the_conclusion_panel_is_one_tab_stop_and_arrows_go_through_its_links(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = DossierEditor(ctx, ctx.repository.create("Liens"))
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    browser = editor.conclusion.browser
    assert "href" in browser.toHtml()
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    qtbot.keyClick(browser, Qt.Key.Key_Right)
    assert browser.hasFocus() and browser.textCursor().hasSelection()
    qtbot.keyClick(browser, Qt.Key.Key_Tab)
    assert not browser.hasFocus()
    editor.close()


def _mnemonics(widgets: list[QWidget], menus: list[str]) -> list[str]:
    keys = [QKeySequence.mnemonic(text).toString() for text in menus]
    for widget in widgets:
        if not widget.isVisible():
            continue
        button = isinstance(widget, QAbstractButton) and not widget.objectName().startswith("qt_")
        label = isinstance(widget, QLabel) and widget.buddy() is not None
        if (button or label) and widget.textFormat() != Qt.TextFormat.RichText if label else button:
            keys.append(QKeySequence.mnemonic(widget.text()).toString())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            keys.append(QKeySequence.mnemonic(widget.title()).toString())
    return [k for k in keys if k]


def _duplicates(keys: list[str]) -> dict[str, int]:
    return {k: n for k, n in Counter(k.casefold() for k in keys).items() if n > 1}


def _menu_scopes(window: QMainWindow) -> list[list[str]]:
    bar = window.menuBar()
    scopes = [[a.text() for a in bar.actions() if a.isVisible()]]
    for action in bar.actions():
        menu = action.menu()
        if menu is not None:
            scopes.append([a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()])
    return scopes


def test_no_two_controls_share_a_mnemonic(qtbot, ctx, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    from assistant.services.context import open_context
    from assistant.services.training import open_case

    training = open_context(data_paths.training(), rulebook=rulebook, training=True)
    try:
        editor = DossierEditor(training, open_case(training, "hopital-rendez-vous-hds"))
        qtbot.addWidget(editor)
        editor.show()
        editor.what_if_action.setChecked(True)
        clashes: dict[str, object] = {}
        for index, step in enumerate(STEP_IDS):
            editor.go_to_step(index)
            keys = _mnemonics(editor.findChildren(QWidget), _menu_scopes(editor)[0])
            if _duplicates(keys):
                clashes[f"dossier, {step}"] = _duplicates(keys)
        offer = read_dossier_file(EXAMPLES / "plateforme-donnees-sante.json").candidates[0]
        windows: list[QWidget] = [MainWindow(ctx), VademecumWindow(ctx), OfferDialog(rulebook, offer)]
        for window in windows:
            qtbot.addWidget(window)
            window.show()
            menus = _menu_scopes(window)[0] if isinstance(window, QMainWindow) else []
            if _duplicates(_mnemonics(window.findChildren(QWidget), menus)):
                clashes[window.windowTitle()] = _duplicates(_mnemonics(window.findChildren(QWidget), menus))
        for window in [editor, windows[0]]:
            assert isinstance(window, QMainWindow)
            for scope in _menu_scopes(window)[1:]:
                keys = [QKeySequence.mnemonic(t).toString() for t in scope]
                if _duplicates([k for k in keys if k]):
                    clashes[f"menu of {window.windowTitle()}: {scope}"] = _duplicates([k for k in keys if k])
        assert clashes == {}
        for window in [*windows, editor]:
            window.close()
    finally:
        training.close()


def test_a_window_larger_than_the_screen_is_brought_inside_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QDialog()
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    window.resize(area.width() + 400, area.height() + 300)
    window.move(area.right() - 50, area.bottom() - 50)
    window.show()
    assert window.width() < area.width() and window.height() < area.height()
    assert area.contains(window.frameGeometry())
    fit_to_screen(window)
    assert area.contains(window.frameGeometry())


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_every_window_fits_1366x768(tmp_path: Path, scale: float) -> None:
    """In a separate process whose offscreen screen is 1366×768, with the text enlarged."""
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "1366x768", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "tools" / "fit_check.py"), "--scale", str(scale)],
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result.pop("screen") == {"width": 1366, "height": 768}
    for name, window in result.items():
        assert window["x"] >= 0 and window["y"] >= 0, name
        assert window["x"] + window["width"] <= 1366 and window["y"] + window["height"] <= 768, name
        assert window["min_width"] <= 1366 and window["min_height"] <= 768 - 48, name
        assert window.get("page_overflow", 0) <= 0, f"{name}: the page is cut at the right edge"


def test_en_savoir_plus_in_the_offer_dialog_opens_the_page(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, ctx)
    dialog = OfferDialog(ctx.rulebook, ctx.repository.get(editor.dossier_id).candidates[0], editor.offers)
    qtbot.addWidget(dialog)
    dialog.show()
    links = dialog.findChildren(HelpLink)
    assert links
    links[0].click()
    opened = dialog.findChild(VademecumWindow)
    assert opened is not None and opened.isVisible() and opened.current == links[0].target
    dialog.close()
    editor.close()
