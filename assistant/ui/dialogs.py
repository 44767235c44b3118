"""Small dialogs: a dossier's title and organisation, the trash, « À propos »."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant import APP_DISPLAY_NAME, __version__
from assistant.domain import limits
from assistant.services import library
from assistant.services.access import empty_trash_refusal, is_read_only
from assistant.ui.dossier_model import Column, DossierTableModel
from assistant.ui.modal import tells_user

if TYPE_CHECKING:
    from assistant.services.context import AppContext


class DossierInfoDialog(QDialog):
    """Asks for a dossier's title (required) and organisation."""

    def __init__(self, parent: QWidget | None, heading: str, title: str = "", organisation: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.title_edit = QLineEdit(title)
        self.title_edit.setAccessibleName("Titre du dossier")
        self.title_edit.setPlaceholderText("Par exemple : Outil de visioconférence pour la préfecture")
        self.organisation_edit = QLineEdit(organisation)
        self.organisation_edit.setAccessibleName("Organisation")
        self.title_edit.setMaxLength(limits.TITLE_MAX)
        self.organisation_edit.setMaxLength(limits.ORGANISATION_MAX)
        title_label = QLabel("&Titre :")
        title_label.setBuddy(self.title_edit)
        organisation_label = QLabel("&Organisation :")
        organisation_label.setBuddy(self.organisation_edit)
        form.addRow(title_label, self.title_edit)
        form.addRow(organisation_label, self.organisation_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title_edit.text().strip()))

    def values(self) -> tuple[str, str]:
        return self.title_edit.text().strip(), self.organisation_edit.text().strip()


class TrashDialog(QDialog):
    """The Corbeille: restore a dossier, or empty the trash after a confirmation.

    Signals: none; the caller reloads its list when the dialog closes.
    """

    def __init__(self, ctx: AppContext, conclusion_label: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Corbeille")
        self.resize(760, 420)
        self.model = DossierTableModel(conclusion_label, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Dossiers de la corbeille")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.horizontalHeader().setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.restore_button = QPushButton("&Restaurer")
        self.empty_button = QPushButton("&Vider la corbeille…")
        close_button = QPushButton("&Fermer")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty)
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.empty_button)
        buttons.addStretch()
        buttons.addWidget(close_button)
        self.info = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        rows = library.list_dossiers(self.ctx, trash=True)
        self.model.reload(rows)
        self.info.setText(
            "La corbeille est vide." if not rows else
            f"{len(rows)} dossier(s) dans la corbeille. Restaurez-les ou videz la corbeille pour les effacer."
        )
        writable = not is_read_only(self.ctx)  # a controller, or a file that cannot be written here
        self.restore_button.setEnabled(bool(rows) and writable)
        refusal = empty_trash_refusal(self.ctx)  # also a buyer on the shared base: erasing is the owner's
        self.empty_button.setEnabled(bool(rows) and refusal is None)
        self.empty_button.setToolTip(refusal or "")
        if rows:
            self.view.selectRow(0)

    @tells_user("Restaurer")
    def restore_selected(self) -> None:
        for index in self.view.selectionModel().selectedRows():
            library.restore(self.ctx, self.model.summary(index.row()).id)
        self.reload()

    @tells_user("Vider la corbeille")
    def empty(self) -> None:
        count = self.model.rowCount()
        answer = QMessageBox.warning(
            self,
            "Vider la corbeille",
            f"Effacer définitivement {count} dossier(s) ? Cette action ne peut pas être annulée.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            library.empty_trash(self.ctx)
            self.reload()


def show_about(parent: QWidget, ctx: AppContext) -> None:
    from assistant.services.installed_rules import rulebook_origin

    book = ctx.rulebook
    origin = escape_html(rulebook_origin(ctx.paths, ctx.site))
    QMessageBox.about(
        parent,
        f"À propos de l'{APP_DISPLAY_NAME}",
        f"<h3>{APP_DISPLAY_NAME}</h3>"
        f"<p>Version {__version__}</p>"
        "<p>Guide hors ligne des décisions d'achat numérique de l'État : réutiliser, acheter, "
        "ou développer en dernier recours.</p>"
        f"<p>Licence : EUPL-1.2 (Licence publique de l'Union européenne) ; les licences de chaque "
        "composant livré sont dans le dossier « licences » de l'installation.</p>"
        f"<p>Référentiel de règles : {book.id}, version {book.version}<br><small>{book.digest}</small><br>{origin}</p>"
        f"<p>Données : {escape_html(str(ctx.paths.data_dir))}</p>",
    )


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

