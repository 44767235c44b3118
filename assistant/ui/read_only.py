"""Read-only data in the window: the « Lecture seule » banner and every editing action disabled.

The same for a controller's role on the shared base and for a SQLite file that cannot be written here.
Reading, search, the journal and exporting notes (PDF/ODT) still work. The services refuse every write
anyway; disabling the actions tells the user before they try.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QLabel, QMainWindow, QWidget

from assistant.services.access import read_only_reason
from assistant.ui.palette import ACCENT, MUTED, READ_ONLY, TEXT, WARNING

if TYPE_CHECKING:
    from assistant.services.context import AppContext
    from assistant.ui.editor import DossierEditor
    from assistant.ui.main_window import MainWindow

BANNER_NAME = "read-only-banner"
MAIN_WINDOW_WRITES = ("new_action", "duplicate_action", "rename_action", "delete_action", "import_action",
                      "rule_update_action", "backups_action")
"""The main window's actions that change the data (the trash dialog disables its own buttons)."""


def banner(window: QMainWindow, ctx: AppContext) -> QLabel | None:
    """Show (creating it the first time) or hide the window's banner, at the top of its central widget;
    returns it when the data is read-only."""
    reason = read_only_reason(ctx)
    label = window.findChild(QLabel, BANNER_NAME)
    if reason is None:
        if label is not None:
            label.hide()
        return None
    if label is None:
        label = QLabel()
        label.setObjectName(BANNER_NAME)
        label.setWordWrap(True)
        label.setAccessibleName("Lecture seule")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by Tab, so screen readers read it
        label.setStyleSheet(f"#{BANNER_NAME} {{ background: {READ_ONLY}; color: {TEXT}; font-weight: bold; "
                            f"border: 2px solid {WARNING}; padding: 6px 10px; }} "
                            f"#{BANNER_NAME}:focus {{ border: 2px solid {ACCENT}; }}")
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, label)
    label.setText(reason)
    label.setAccessibleDescription(reason)
    label.show()
    return label


def lock_main_window(window: MainWindow) -> None:
    """Disable the main window's editing actions and drops when its data is read-only (run after each
    update of the actions, which enables them by selection)."""
    read_only = banner(window, window.ctx) is not None
    window.setAcceptDrops(not read_only)
    if read_only:
        for name in MAIN_WINDOW_WRITES:
            action = getattr(window, name, None)
            if isinstance(action, QAction):
                action.setEnabled(False)


def _readable_when_disabled(widget: QWidget) -> None:
    """Disabled inputs keep answers readable: their text in the help colour, not the faint disabled grey."""
    widget.setStyleSheet(f"*:disabled {{ color: {MUTED}; }}")


def lock_editor(editor: DossierEditor) -> None:
    """Make a dossier's editor read-only when its data is: banner, answers, justifications, identity, offers,
    weights and clauses locked; steps, conclusion, journal and the note stay usable."""
    if banner(editor, editor.ctx) is None:
        return
    editor.title_edit.setReadOnly(True)
    editor.organisation_edit.setReadOnly(True)
    for widget in editor.question_widgets.values():
        _readable_when_disabled(widget.input)
        widget.input.setEnabled(False)
        widget.justification_edit.setReadOnly(True)
    for spin in editor.offers.weight_spins.values():
        spin.setReadOnly(True)
    editor.offers.view.doubleClicked.disconnect()
    _lock_refreshed(editor)
    editor.evaluated.connect(lambda: _lock_refreshed(editor))


def _lock_refreshed(editor: DossierEditor) -> None:
    """What each refresh of the editor enables again: the offers' buttons and the clauses' check boxes."""
    offers = editor.offers
    for button in (offers.add_button, offers.edit_button, offers.duplicate_button, offers.remove_button,
                   offers.retain_button):
        button.setEnabled(False)
    clauses = editor.clauses.list
    clauses.blockSignals(True)  # a change of flags is not the buyer unticking a clause
    try:
        for row in range(clauses.count()):
            item = clauses.item(row)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
    finally:
        clauses.blockSignals(False)
