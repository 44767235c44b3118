"""« Règles › Installer une mise à jour… »: verify a signed rule package, preview its impact on every stored
dossier (in the worker), and install it on confirmation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.services.rule_impact import FIELDS
from assistant.ui.workers import Worker, start

if TYPE_CHECKING:
    from assistant.rulebook import Rulebook
    from assistant.services.context import AppContext
    from assistant.services.rule_updates import UpdatePreview

WAITING = "Vérification du paquet et réévaluation de chaque dossier…"


class RuleUpdateDialog(QDialog):
    """Shows who signed a package, its version and digest, and what it changes; installs it when asked.

    Signals:
        previewed(object): the package was verified and its impact computed (an ``UpdatePreview``).
        failed(str): the package was refused or the preview failed; the French sentence shown.
        installed(object): the package was installed; the ``Rulebook`` now in force.
    """

    previewed = Signal(object)
    failed = Signal(str)
    installed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview: UpdatePreview | None = None
        self.source: Path | None = None
        self._worker: Worker | None = None
        self.setWindowTitle("Installer une mise à jour des règles")
        self.resize(900, 560)

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("Aucun paquet choisi (fichier .regles, par exemple sur une clé USB)")
        self.file_edit.setAccessibleName("Paquet de règles")
        choose = QPushButton("&Choisir un paquet…")
        choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.file_edit)
        row.addWidget(choose)

        self.signer_label = QLabel("—")
        self.version_label = QLabel("—")
        self.digest_label = QLabel("—")
        self.digest_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Signé par :", self.signer_label)
        form.addRow("Version :", self.version_label)
        form.addRow("Empreinte :", self.digest_label)

        self.status_label = QLabel(f"Règles en vigueur : {ctx.rulebook.id} version {ctx.rulebook.version}.")
        self.status_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Conclusions qui changeraient")
        self.tree.setHeaderLabels(["Dossier et conclusion", "Avant", "Après", "Règle"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.resizeSection(0, 230)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.install_button = self.buttons.addButton("&Installer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.install_button.setEnabled(False)
        self.install_button.clicked.connect(self.install)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choisir un paquet de règles", "",
                                              "Paquets de règles (*.regles);;Tous les fichiers (*)")
        if name:
            self.load(Path(name))

    def load(self, source: Path) -> None:
        """Verify ``source`` and preview its impact in the worker; the dialog fills in when it is done."""
        from assistant.services.rule_updates import preview_update

        self.source, self.preview = source, None
        self.file_edit.setText(str(source))
        self.install_button.setEnabled(False)
        self.tree.clear()
        for label in (self.signer_label, self.version_label, self.digest_label):
            label.setText("—")
        self.status_label.setText(WAITING)
        self._worker = start(Worker(preview_update, self.ctx, source), self._show, self._refused)

    def _refused(self, message: str) -> None:
        self.status_label.setText(f"Paquet refusé : {message}")
        self.failed.emit(message)

    def _show(self, preview: UpdatePreview) -> None:
        self.preview = preview
        info, impact = preview.package, preview.impact
        self.signer_label.setText(f"« {info.publisher} » (clé {info.key_id}), le {info.signed}")
        self.version_label.setText(f"{info.rulebook_id} {preview.current_version} → {info.version} "
                                   f"(publiée le {info.published})")
        self.digest_label.setText(info.digest)
        counts = " ; ".join(f"{FIELDS[name].lower()} : {count}" for name, count in impact.counts.items())
        summary = (f"{impact.evaluated} dossier(s) réévalué(s) : {len(impact.dossiers)} dont les conclusions "
                   "changeraient" + (f" ({counts})." if counts else "."))
        self.status_label.setText(summary)
        for item in impact.dossiers:
            parent = QTreeWidgetItem(self.tree, [f"N° {item.id} — {item.title}"])
            parent.setFirstColumnSpanned(True)
            for change in item.changes:
                texts = [change.label, change.old, change.new, ", ".join(change.rules)]
                child = QTreeWidgetItem(parent, texts)
                for column, text in enumerate(texts):
                    child.setToolTip(column, text)
        self.tree.expandAll()
        self.install_button.setEnabled(True)
        self.previewed.emit(preview)

    def install(self) -> Rulebook | None:
        """Install the previewed package, after a confirmation when conclusions change."""
        from assistant.domain.messages import UserError
        from assistant.services.rule_updates import install_into

        if self.preview is None or self.source is None:
            return None
        changed = len(self.preview.impact.dossiers)
        if changed:
            answer = QMessageBox.question(
                self, "Installer la mise à jour",
                f"Les conclusions de {changed} dossier(s) changeront sous les nouvelles règles. Installer ?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        try:
            book = install_into(self.ctx, self.source, expected_digest=self.preview.package.digest)
        except UserError as exc:
            self._refused(str(exc))
            self.install_button.setEnabled(False)
            return None
        self.installed.emit(book)
        self.accept()
        return book
