"""Qt's modal event loops in one place (``QDialog.exec``, ``QApplication.exec``: Qt's loops, not Python's
``exec`` builtin, which this application never uses)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


def accepted(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True when the user accepted it."""
    return run_modal(dialog) == QDialog.DialogCode.Accepted


def run_modal(window: QDialog | QMessageBox | QApplication) -> int:
    """Run Qt's event loop of a modal dialog (or of the application) and return its result code."""
    return int(window.exec())
