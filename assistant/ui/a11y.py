"""Accessibility mechanisms shared by every window (RGAA / WCAG 2.1 AA).

- ``AccessibilityFilter``, installed once on the application: spin boxes, combo boxes and sliders ignore the
  mouse wheel unless they have the focus (the page scrolls instead); scroll areas are not Tab stops; a main
  window or a dialog never opens larger than the screen.
- ``LiveRegion``: a visible status line whose changes are announced to screen readers.
- ``HelpLink``: « En savoir plus » as a real focusable control that passes the focus on.
- helpers: the first focusable control of a page, accessible descriptions, step states in words.

Signals (LiveRegion): announced(str): a message was sent to assistive technologies.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAccessibleInterface,
    QGuiApplication,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QAccessibleWidget,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QWidget,
)

from assistant.ui.palette import ACCENT

WINDOW_MARGIN = (16, 48)
"""Room left for the window manager's frame and title bar (width, height), in pixels."""

STEP_WORDS = {"✓": "terminée", "◐": "en cours", "○": "à faire"}
"""The words a screen reader says for the step glyphs of ``guidance.StepState.symbol``."""


def wheel_guarded(widget: QObject) -> bool:
    """Widgets whose value the wheel would change: they take it only when they have the focus."""
    return isinstance(widget, QAbstractSpinBox | QComboBox | QAbstractSlider) and not isinstance(widget, QScrollBar)


class AccessibilityFilter(QObject):
    """Application-wide event filter; cheap: it looks only at wheel, polish and show events."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if wheel_guarded(watched) and isinstance(watched, QWidget) and not watched.hasFocus():
                _scroll_page(watched, event)  # type: ignore[arg-type]
                return True
        elif kind == QEvent.Type.Polish:
            if wheel_guarded(watched) and isinstance(watched, QWidget):
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            elif type(watched) is QScrollArea:
                watched.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            elif isinstance(watched, QAbstractItemView):
                watched.setTabKeyNavigation(False)  # Tab leaves a table instead of walking its cells
        elif kind == QEvent.Type.Show and isinstance(watched, QMainWindow | QDialog) and watched.isWindow():
            fit_to_screen(watched)
        return False


def _scroll_page(widget: QWidget, event: QWheelEvent) -> None:
    """Give the wheel to the scroll area around ``widget`` (the page), or to nobody."""
    event.accept()
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return
    viewport = parent.viewport()
    position = viewport.mapFromGlobal(event.globalPosition())
    forwarded = QWheelEvent(position, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                            event.buttons(), event.modifiers(), event.phase(), event.inverted())
    QApplication.sendEvent(viewport, forwarded)


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move a window so that it fits in the available area of its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.isFullScreen() or window.isMaximized():
        return
    area = screen.availableGeometry()
    width = min(window.width(), area.width() - WINDOW_MARGIN[0])
    height = min(window.height(), area.height() - WINDOW_MARGIN[1])
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), area.left()), area.x() + area.width() - window.width() - WINDOW_MARGIN[0])
    y = min(max(window.y(), area.top()), area.y() + area.height() - window.height() - WINDOW_MARGIN[1])
    if (x, y) != (window.x(), window.y()):
        window.move(max(x, area.left()), max(y, area.top()))


def _interface(class_name: str, target: QObject) -> QAccessibleInterface | None:
    """Accessibility factory: « En savoir plus » is exposed with the role of a link."""
    if class_name == "HelpLink" and isinstance(target, HelpLink):
        return QAccessibleWidget(target, QAccessible.Role.Link, target.accessibleName())
    return None


def install(app: QApplication) -> AccessibilityFilter:
    """Install the application-wide filter (kept alive by its parent, the application) and the factory of
    accessible interfaces."""
    existing = app.findChild(AccessibilityFilter)
    if existing is not None:
        return existing
    guard = AccessibilityFilter(app)
    app.installEventFilter(guard)
    QAccessible.installFactory(_interface)
    return guard


def focusable(widget: QWidget) -> bool:
    """A widget the Tab key can reach now."""
    return (
        widget.isVisible() and widget.isEnabled()
        and bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
        and widget.focusProxy() is None
    )


def first_focusable(root: QWidget) -> QWidget | None:
    """The first control of ``root`` in Tab order, or None."""
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root:
        if root.isAncestorOf(widget) and focusable(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_first(root: QWidget | None) -> bool:
    """Move the focus to the first control of ``root`` (a page just shown); False when it has none."""
    target = first_focusable(root) if root is not None else None
    if target is None:
        return False
    target.setFocus(Qt.FocusReason.TabFocusReason)
    return True


def describe(widget: QWidget, description: str) -> None:
    """Give ``widget`` and the controls inside it an accessible description (a question's help text)."""
    widget.setAccessibleDescription(description)
    for child in widget.findChildren(QWidget):
        if child.focusPolicy() != Qt.FocusPolicy.NoFocus:
            child.setAccessibleDescription(description)


def step_text(symbol: str, label: str) -> str:
    """What a screen reader says for a step: « Besoin : terminée »."""
    word = STEP_WORDS.get(symbol)
    return f"{label} : {word}" if word else label


class LiveRegion(QLabel):
    """A status line; ``announce`` shows the text and tells assistive technologies (a polite announcement)."""

    announced = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def announce(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleDescription(message)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, message))
        self.announced.emit(message)


class HelpLink(QPushButton):
    """« En savoir plus »: one Tab stop, activated with Space or Enter, styled as a link.

    Signals: followed(str): the link was activated (its target, a vademecum page id).
    """

    followed = Signal(str)

    def __init__(self, text: str, target: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.target = target
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(name)
        self.setAccessibleDescription("Lien : ouvre la page du vademecum")
        self.setStyleSheet(
            f"QPushButton {{ color: {ACCENT}; text-decoration: underline; border: 2px solid transparent;"
            " padding: 1px 2px; text-align: left; }"
            f"QPushButton:focus {{ border: 2px solid {ACCENT}; }}"
        )
        self.clicked.connect(lambda _checked=False: self.followed.emit(self.target))
