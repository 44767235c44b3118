"""The « Sauvegardes » dialog: the copies of the database, making one, putting one back after a confirmation;
and the start-up offer to restore the latest good copy when the database is damaged."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.domain.messages import UserError
from assistant.ui.modal import run_modal

if TYPE_CHECKING:
    from assistant.paths import AppPaths
    from assistant.services.backups import BackupInfo

KINDS = {
    "quotidienne": "copie du jour",
    "manuelle": "copie demandée",
    "remplacee": "base remplacée par une restauration",
    "inachevee": "base inachevée mise de côté",
}
"""How each kind of copy is named in the list (``avant-…`` copies are made before a migration)."""


def kind_text(label: str) -> str:
    if label.startswith("avant-"):
        return f"avant la mise à jour {label.removeprefix('avant-')}"
    return KINDS.get(label, label)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)) if size else 0}\u00a0Kio"
    return f"{size / 1024 / 1024:.1f}\u00a0Mio".replace(".", ",")


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question, « Annuler » by default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return run_modal(box) == QMessageBox.StandardButton.Yes


class BackupsDialog(QDialog):
    """Lists the copies (date, kind, size, dossiers) and restores the selected one.

    ``release`` is called before a restore (the window closes its editors and its connection to the base),
    ``reopen`` after it, whether it succeeded or not (the window opens the base again and reloads).

    Signals:
        restored(str): a copy was put back in place of the database (its name).
    """

    restored = Signal(str)

    def __init__(self, paths: AppPaths, parent: QWidget | None = None, *,
                 release: Callable[[], None] | None = None, reopen: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self._release = release or (lambda: None)
        self._reopen = reopen or (lambda: None)
        self.items: list[BackupInfo] = []
        self.setWindowTitle("Sauvegardes")
        self.resize(820, 420)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Date", "Sauvegarde", "Taille", "Dossiers"])
        self.table.setAccessibleName("Sauvegardes de la base")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.restore_button = QPushButton("&Restaurer…")
        self.create_button = QPushButton("&Faire une sauvegarde maintenant")
        close_button = QPushButton("Fer&mer")
        self.restore_button.clicked.connect(self.restore_selected)
        self.create_button.clicked.connect(self.create_now)
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch()
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        from assistant.services.backups import backups

        self.items = backups(self.paths)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            when = item.moment.astimezone().strftime("%d/%m/%Y %H:%M") if item.moment else "date inconnue"
            count = "illisible" if item.dossiers is None else str(item.dossiers)
            for column, text in enumerate((when, kind_text(item.label), size_text(item.size), count)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item.name)
                if column in (2, 3):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.info.setText(
            f"Aucune sauvegarde pour l'instant dans {self.paths.backups_dir}." if not self.items else
            f"{len(self.items)} sauvegarde(s) dans {self.paths.backups_dir} ; une copie est faite chaque jour "
            "à l'ouverture, et avant chaque mise à jour de la base.")
        self.restore_button.setEnabled(bool(self.items))
        if self.items:
            self.table.selectRow(0)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def create_now(self) -> None:
        from assistant.services.backups import create_backup

        try:
            info = create_backup(self.paths)
        except UserError as exc:
            QMessageBox.warning(self, "Sauvegarde", str(exc))
            return
        self.reload()
        self.info.setText(f"Sauvegarde faite : {info.name}.")

    def restore_selected(self) -> bool:
        """Ask for confirmation (with the dossiers on each side), then put the selected copy back."""
        from assistant.services.backups import plan_restore, restore_backup

        item = self.selected()
        if item is None:
            return False
        try:
            plan = plan_restore(self.paths, item.name)
        except UserError as exc:
            QMessageBox.warning(self, "Restaurer une sauvegarde", str(exc))
            return False
        if not confirm(self, "Restaurer une sauvegarde", plan.question()):
            return False
        self._release()
        try:
            aside = restore_backup(self.paths, item.name, locked=True)
        except UserError as exc:
            self._reopen()
            QMessageBox.warning(self, "Restaurer une sauvegarde", str(exc))
            return False
        self._reopen()
        self.reload()
        kept = f" L'ancienne base est conservée sous le nom {aside.name}." if aside is not None else ""
        self.info.setText(f"Sauvegarde {item.name} restaurée.{kept}")
        self.restored.emit(item.name)
        return True


def offer_restore(paths: AppPaths, message: str, parent: QWidget | None = None) -> bool:
    """At start-up, for a damaged base: say so and offer to put back the latest good copy.

    The caller holds the data folder's lock and no connection. True when a copy was put back."""
    from assistant.services.backups import latest_backup, restore_backup

    latest = latest_backup(paths)
    box = QMessageBox(QMessageBox.Icon.Critical, "Base de données endommagée", message, parent=parent)
    restore = None
    if latest is not None:
        count = "?" if latest.dossiers is None else latest.dossiers
        box.setInformativeText(f"La sauvegarde la plus récente, {latest.name}, contient {count} dossier(s). "
                               "La base endommagée sera conservée dans le dossier des sauvegardes.")
        restore = box.addButton("&Restaurer la plus récente", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Quitter", QMessageBox.ButtonRole.RejectRole)
    run_modal(box)
    if latest is None or box.clickedButton() is not restore:
        return False
    try:
        restore_backup(paths, latest.name, locked=True)
    except UserError as exc:
        QMessageBox.critical(parent, "Base de données endommagée", str(exc))
        return False
    return True
