"""Qt's modal event loops in one place (``QDialog.exec``, ``QApplication.exec``: Qt's loops, not Python's
``exec`` builtin, which this application never uses)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from assistant.domain.messages import UserError

Slot = TypeVar("Slot", bound=Callable[..., Any])


def accepted(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True when the user accepted it."""
    return run_modal(dialog) == QDialog.DialogCode.Accepted


def run_modal(window: QDialog | QMessageBox | QApplication) -> int:
    """Run Qt's event loop of a modal dialog (or of the application) and return its result code."""
    return int(window.exec())


def tells_user(title: str) -> Callable[[Slot], Slot]:
    """Decorate a slot of a widget: an error meant for the user (a refused write, a missing dossier...) is
    shown in a dialog instead of being lost on stderr; the slot then returns None."""

    def decorate(slot: Slot) -> Slot:
        @wraps(slot)
        def guarded(self: QWidget, *args: Any, **kwargs: Any) -> Any:
            try:
                return slot(self, *args, **kwargs)
            except UserError as exc:
                QMessageBox.warning(self, title, str(exc))
                return None

        return guarded  # type: ignore[return-value]

    return decorate
