"""Importing many dossier files at once in the window (a folder dropped on the list), with a progress dialog
that can stop the import between two batches."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from assistant.domain.messages import UserError
from assistant.services.bulk_import import ImportReport, collect_files, import_files

if TYPE_CHECKING:
    from assistant.services.context import AppContext

SHOWN_REFUSALS = 20


def import_with_progress(parent: QWidget, ctx: AppContext, paths: list[Path]) -> ImportReport | None:
    """Import files and folders with a progress dialog; tells the refusals. None when nothing was read."""
    try:
        files = collect_files(paths)
    except UserError as exc:
        QMessageBox.warning(parent, "Import", str(exc))
        return None
    if not files:
        QMessageBox.information(parent, "Import", "Aucun fichier de dossier (.json) à importer.")
        return None
    dialog = QProgressDialog("Import des dossiers…", "Arrêter", 0, len(files), parent)
    dialog.setWindowTitle("Import")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int) -> bool:
        dialog.setLabelText(f"Import des dossiers… {done} / {total} fichiers")
        dialog.setValue(done)  # a modal progress dialog processes the events here
        return not dialog.wasCanceled()

    try:
        report = import_files(ctx, files, progress=progress)
    finally:
        dialog.reset()
        dialog.deleteLater()
    if report.refused:
        lines = "\n".join(f"• {r.path.name}\u00a0: {r.reason}" for r in report.refused[:SHOWN_REFUSALS])
        more = len(report.refused) - SHOWN_REFUSALS
        QMessageBox.warning(
            parent, "Import",
            f"{len(report.imported)} dossier(s) importé(s), {len(report.refused)} fichier(s) refusé(s)\u00a0:\n"
            f"{lines}" + (f"\n… et {more} autre(s)." if more > 0 else ""))
    return report
