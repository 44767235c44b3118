"""The trainers' presenter view (F11) and the FORMATION banner of training windows.

The presenter view fills the screen: at the top, the conclusion in large type and the step indicator in
words; below, the questions enlarged and, when « Et si ? » is on, the comparison in type whose capitals are
at least 4 % of the screen height (readable from the back of a room). The editor only calls ``apply``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from assistant.services import guidance
from assistant.ui.a11y import STEP_WORDS
from assistant.ui.conclusion import headline
from assistant.ui.palette import ACCENT, TRAINING, WHITE

if TYPE_CHECKING:
    from assistant.ui.editor import DossierEditor

CAPITALS_SHARE = 0.04
"""Capital letters of the conclusion and of « Et si ? » in the presenter view: 4 % of the screen height."""
STEPS_SHARE = 0.025
QUESTIONS_SCALE = 1.6


def pixel_size_for_capitals(font: QFont, screen_height: int, share: float = CAPITALS_SHARE) -> int:
    """The pixel size at which the capitals of ``font`` are ``share`` of the screen height."""
    probe = QFont(font)
    probe.setPixelSize(100)
    cap = QFontMetricsF(probe).capHeight() / 100
    return math.ceil(screen_height * share / cap)


def training_banner(window: QMainWindow) -> QLabel:
    """A FORMATION tag in the menu bar's corner: a training window never looks like a real one."""
    tag = QLabel(" FORMATION — dossiers fictifs ", window.menuBar())
    tag.setObjectName("training-banner")
    tag.setAccessibleName("Mode formation")
    tag.setAccessibleDescription("Les dossiers de cette fenêtre sont fictifs, séparés des vrais dossiers.")
    tag.setStyleSheet(f"QLabel {{ background: {TRAINING}; color: {WHITE}; font-weight: bold; padding: 2px 8px; }}")
    window.menuBar().setCornerWidget(tag, Qt.Corner.TopRightCorner)
    tag.show()
    return tag


class PresenterBanner(QFrame):
    """Conclusion and step indicator at the top of the presenter view."""

    def __init__(self, training: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenter-banner")
        self.setStyleSheet(f"#presenter-banner {{ background: {WHITE}; border-bottom: 4px solid {ACCENT}; }}")
        self.tag = QLabel("FORMATION" if training else "")
        self.tag.setVisible(training)
        self.tag.setStyleSheet(f"background: {TRAINING}; color: {WHITE}; font-weight: bold; padding: 4px 12px;")
        self.conclusion = QLabel()
        self.conclusion.setWordWrap(True)
        self.conclusion.setAccessibleName("Conclusion")
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setAccessibleName("Étapes")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tag, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.conclusion)
        layout.addWidget(self.steps)

    def set_sizes(self, screen_height: int) -> None:
        for label, share in ((self.conclusion, CAPITALS_SHARE), (self.steps, STEPS_SHARE),
                             (self.tag, STEPS_SHARE)):
            font = QFont(label.font())
            font.setPixelSize(pixel_size_for_capitals(font, screen_height, share))
            label.setFont(font)
            label.setStyleSheet(label.styleSheet() + f"font-size: {font.pixelSize()}px;")

    def show_editor(self, editor: DossierEditor) -> None:
        if editor.evaluation is not None:
            self.conclusion.setText(headline(editor.evaluation, editor.book))
        parts = []
        for index, step in enumerate(guidance.steps(editor.book)):
            state = ""
            if step.questions and step.id != "offres" and editor.evaluation is not None:
                symbol = guidance.step_state(editor.book, editor.dossier, editor.evaluation, step.id).symbol
                state = f" <small>({STEP_WORDS.get(symbol, '')})</small>"
            text = f"{index + 1}. {step.label}{state}"
            if index == editor.steps.currentRow():
                text = f"<b><u>{text}</u></b>"
            parts.append(text)
        self.steps.setText(" · ".join(parts))


def apply(editor: DossierEditor, on: bool) -> None:
    """Switch ``editor`` into the presenter view or back."""
    banner: PresenterBanner | None = editor.findChild(PresenterBanner)
    screen = editor.screen() or QGuiApplication.primaryScreen()
    height = screen.geometry().height() if screen is not None else 768
    font = editor.font()
    base = editor.property("presenter_base_points") or font.pointSizeF()
    editor.setProperty("presenter_base_points", base)
    font.setPointSizeF(base * (QUESTIONS_SCALE if on else 1.0))
    editor.setFont(font)
    # The application's style sheet stops font propagation: a style sheet of the window carries it.
    editor.setStyleSheet(f"QWidget {{ font-size: {base * QUESTIONS_SCALE:.0f}pt; }}" if on else "")
    editor.steps.setVisible(not on)
    if on:
        if banner is None:
            banner = PresenterBanner(bool(editor.ctx.training))
            central = editor.centralWidget()
            layout = central.layout() if central is not None else None
            if isinstance(layout, QVBoxLayout):
                layout.insertWidget(0, banner)
            editor.evaluated.connect(lambda: banner.show_editor(editor) if banner.isVisible() else None)
            editor.steps.currentRowChanged.connect(lambda _row: banner.show_editor(editor))
        banner.set_sizes(height)
        banner.show()
        banner.show_editor(editor)
        if not editor.isFullScreen():
            editor.setProperty("presenter_was_maximized", editor.isMaximized())
            editor.setProperty("presenter_geometry", editor.geometry())
        editor.showFullScreen()
        if screen is not None and editor.geometry() != screen.geometry():
            editor.setGeometry(screen.geometry())  # no window manager (a bare X server): fill the screen anyway
    else:
        if banner is not None:
            banner.hide()
        if editor.isFullScreen():
            editor.showMaximized() if editor.property("presenter_was_maximized") else editor.showNormal()
            geometry = editor.property("presenter_geometry")
            if geometry is not None and not editor.isMaximized():
                editor.setGeometry(geometry)
    # The banner carries the conclusion and the steps; the dossier's identity stays in the title bar.
    for widget in (editor.conclusion.live, editor.title_edit, editor.organisation_edit,
                   *[label for label in editor.findChildren(QLabel)
                     if label.buddy() in (editor.title_edit, editor.organisation_edit)]):
        widget.setVisible(not on)
    editor.conclusion.scale = 1.7 if on else 1.0
    editor.conclusion.refresh()
    _what_if_size(editor, on, height)
    splitter = editor.findChild(QSplitter)
    if splitter is not None:
        if on:
            editor.setProperty("presenter_splitter", splitter.sizes())
            splitter.setSizes([0, 45, 55])
        elif editor.property("presenter_splitter"):
            splitter.setSizes(list(editor.property("presenter_splitter")))


def what_if_shown(editor: DossierEditor) -> None:
    """« Et si ? » was switched on: in the presenter view it takes the large type at once."""
    action = getattr(editor, "presenter_action", None)
    if action is not None and action.isChecked():
        screen = editor.screen() or QGuiApplication.primaryScreen()
        _what_if_size(editor, True, screen.geometry().height() if screen is not None else 768)


def _what_if_size(editor: DossierEditor, on: bool, screen_height: int) -> None:
    panel = getattr(editor, "what_if_panel", None)
    if panel is None:
        return
    if on:
        size = pixel_size_for_capitals(panel.browser.font(), screen_height)
        panel.browser.setStyleSheet(f"QTextBrowser {{ font-size: {size}px; }}")
    else:
        panel.browser.setStyleSheet("")


def present_dialog(dialog: QWidget, editor: DossierEditor) -> None:
    """A dialog opened from the presenter view (the correction) fills the screen in large type."""
    action = getattr(editor, "presenter_action", None)
    if action is None or not action.isChecked():
        return
    screen = editor.screen() or QGuiApplication.primaryScreen()
    height = screen.geometry().height() if screen is not None else 768
    size = pixel_size_for_capitals(dialog.font(), height)
    dialog.setStyleSheet(f"QWidget {{ font-size: {size}px; }}")
    dialog.showFullScreen()
