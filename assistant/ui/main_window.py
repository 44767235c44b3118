"""The main window: the list of dossiers, search, sorting, and the actions on dossiers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from assistant import APP_DISPLAY_NAME
from assistant.domain.messages import UserError
from assistant.rulebook.french import format_number
from assistant.services import library, live
from assistant.ui.dialogs import DossierInfoDialog, TrashDialog, show_about
from assistant.ui.dossier_model import ID_ROLE, PAGE_SIZE, Column, DossierTableModel
from assistant.ui.filenames import safe_file_name
from assistant.ui.live import LiveRefresh
from assistant.ui.modal import accepted, run_modal, tells_user
from assistant.ui.read_only import lock_main_window
from assistant.ui.search import ListSearch

if TYPE_CHECKING:
    from assistant.lock import DataFolderLock
    from assistant.paths import AppPaths
    from assistant.services.context import AppContext


MANY_CHANGES = 50
"""Past this many dossiers changed at once (a colleague's bulk import), the list is read again as a whole."""
EMPTY_HINT = (
    "Aucun dossier pour l'instant. Créez-en un avec « Nouveau dossier » (Ctrl+N) "
    "ou importez un fichier de dossier (Ctrl+I, ou glissez-le sur cette liste)."
)


class MainWindow(QMainWindow):
    """Lists the dossiers and acts on them.

    Signals:
        dossier_opened(int): a dossier's editor was opened.
        dossiers_changed(): the list was reloaded after a change.
    """

    dossier_opened = Signal(int)
    dossiers_changed = Signal()

    def __init__(
        self, ctx: AppContext | None = None, *, paths: AppPaths | None = None, training: bool = False
    ) -> None:
        """Build the window; without ``ctx`` it shows at once and waits for ``attach`` (fast start-up)."""
        super().__init__()
        self.ctx: AppContext = ctx  # type: ignore[assignment]  # set by attach() before any action runs
        self._conclusion_label: Callable[[str], str] = lambda value: library.conclusion_label(self.ctx, value)
        self._editors: dict[int, QWidget] = {}
        self.live: LiveRefresh | None = None
        self.owned: tuple[AppContext, DataFolderLock] | None = None
        self.training_window: MainWindow | None = None
        training = ctx.training if ctx is not None else training
        self.setWindowTitle(APP_DISPLAY_NAME + (" — FORMATION" if training else ""))
        self.resize(1100, 680)
        self.setAcceptDrops(True)

        self.model = DossierTableModel(
            self._conclusion_label, self, pages=lambda query, offset, limit: library.page_of_dossiers(
                self.ctx, query, offset, limit))

        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher un dossier (titre, organisation, conclusion)…")
        self.search.setAccessibleName("Rechercher un dossier")
        self.search.setClearButtonEnabled(True)
        self.list_search = ListSearch(self)
        self.search.textChanged.connect(self.list_search.schedule)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        search_label = QLabel("&Rechercher :")
        search_label.setBuddy(self.search)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Liste des dossiers")
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(Column.UPDATED, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.ORGANISATION, QHeaderView.ResizeMode.Stretch)
        for column in (Column.UPDATED, Column.UPDATED_BY, Column.CONCLUSION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Sizing to contents reads only the visible rows and a sample, not every row on every change.
        header.setResizeContentsPrecision(0)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.doubleClicked.connect(self._open_index)
        self.view.activated.connect(self._open_index)

        self.empty_hint = QLabel(EMPTY_HINT)
        self.empty_hint.setWordWrap(True)

        central = QWidget()
        layout = QVBoxLayout(central)
        row = QVBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search)
        layout.addLayout(row)
        layout.addWidget(self.view)
        layout.addWidget(self.empty_hint)
        self.setCentralWidget(central)
        self._build_actions()
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        if ctx is not None:
            self.attach(ctx)
        else:
            self.empty_hint.setText("Ouverture des dossiers…")
            self.statusBar().showMessage(f"Données : {paths.data_dir if paths else ''}")
            for action in self.findChildren(QAction):
                action.setEnabled(action is self.quit_action)

    def attach(self, ctx: AppContext) -> None:
        """Connect the window to its opened storage and rulebook, and fill the list."""
        self.ctx = ctx
        self.statusBar().showMessage(" ".join(ctx.warnings) or ctx.location)
        if ctx.site.problems:
            self.site_warning = QLabel(f"⚠ Configuration du site : {len(ctx.site.problems)} réglage(s) ignoré(s)")
            self.site_warning.setToolTip("\n".join(ctx.site.problems) + "\n\nassistant --print-config les détaille.")
            self.statusBar().addPermanentWidget(self.site_warning)
        self.empty_hint.setText(EMPTY_HINT)
        for action in self.findChildren(QAction):
            action.setEnabled(True)
        self._training_mode_changed()
        if ctx.training:
            from assistant.ui.presenter import training_banner

            training_banner(self)
        self._stop_live()
        self.live = LiveRefresh(ctx, self)  # before the list is read: a change made meanwhile is not missed
        self.live.news.connect(self.show_news)
        self.reload()

    def _stop_live(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None

    def show_news(self, news: live.News) -> None:
        """Changes made elsewhere (another buyer, the command line): the changed rows are refreshed in place;
        a dossier that appears, leaves the list or goes to the trash reloads the list (keeping the
        selection); an open editor of a changed dossier reloads it. A base out of reach is said, never raised."""
        if news.problem:
            self.statusBar().showMessage(news.problem)
            return
        try:
            self._apply_news(news)
        except UserError as exc:  # the base went away while the news was read: the next check says it
            self.statusBar().showMessage(str(exc))

    def _apply_news(self, news: live.News) -> None:
        if news.everything or len(news.changed) > MANY_CHANGES:
            self.reload()
            if news.everything:
                self.statusBar().showMessage("La liste a été relue\u00a0: elle est à jour.", 8000)
            return
        titles: dict[int, str] = {}
        reload = False
        for dossier_id in news.changed:
            row = self.model.row_of(dossier_id)
            try:
                summary = library.summary(self.ctx, dossier_id)
            except library.DossierNotFoundError:  # erased for good meanwhile
                reload = reload or row >= 0
                continue
            titles[dossier_id] = summary.title
            if row < 0 or (summary.deleted is None) != (self.model.summary(row).deleted is None):
                reload = True
            else:
                self.model.update_row(summary)
            editor = self._editors.get(dossier_id)
            if editor is not None:
                editor.changed_elsewhere(news.changed[dossier_id])  # type: ignore[attr-defined]
        if reload:
            self.reload()
        if set(news.changed.values()) - {self.ctx.database.author}:  # this workstation's own saves: no news
            self.statusBar().showMessage(live.news_sentence(news, titles), 8000)

    # -- set-up --------------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(_ignoring_result(slot))
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_action = self._action("&Nouveau dossier…", self.new_dossier, QKeySequence(std.New))
        self.open_action = self._action("&Ouvrir", self.open_selected, "Ctrl+O")
        self.duplicate_action = self._action("&Dupliquer", self.duplicate_selected, "Ctrl+D")
        self.rename_action = self._action("&Renommer…", self.rename_selected, "F2")
        self.delete_action = self._action("&Supprimer", self.delete_selected, QKeySequence(std.Delete))
        self.trash_action = self._action("&Corbeille…", self.show_trash, "Ctrl+Shift+T")
        self.import_action = self._action("&Importer un fichier…", self.import_dialog, "Ctrl+I")
        self.export_action = self._action("&Exporter…", self.export_selected, "Ctrl+E")
        self.backups_action = self._action("&Sauvegardes…", self.show_backups)
        self.quit_action = self._action("&Quitter", self.close, QKeySequence(std.Quit))
        self.find_action = self._action("Rec&hercher", self.focus_search, QKeySequence(std.Find))
        self.about_action = self._action("À &propos…", lambda: show_about(self, self.ctx))
        self.vademecum_action = self._action("&Vademecum", self.show_vademecum, QKeySequence(std.HelpContents))

        file_menu = self.menuBar().addMenu("&Fichier")
        for action in (self.new_action, self.open_action, None, self.import_action, self.export_action,
                       None, self.backups_action, None, self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        dossier_menu = self.menuBar().addMenu("&Dossier")
        for action in (self.duplicate_action, self.rename_action, self.delete_action, None, self.trash_action):
            dossier_menu.addSeparator() if action is None else dossier_menu.addAction(action)
        edit_menu = self.menuBar().addMenu("Éd&ition")
        edit_menu.addAction(self.find_action)
        self._build_training_menu()
        self.rules_menu = self.menuBar().addMenu("Rè&gles")
        self.rule_update_action = self._action("&Installer une mise à jour…", self.install_rule_update)
        self.rules_menu.addAction(self.rule_update_action)
        self.help_menu = self.menuBar().addMenu("&Aide")
        self.help_menu.addAction(self.vademecum_action)
        self.help_menu.addAction(self.about_action)

        toolbar = QToolBar("Actions")
        toolbar.setObjectName("actions")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.open_action, self.duplicate_action, self.rename_action,
                       self.delete_action, self.trash_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    def show_vademecum(self) -> None:
        from assistant.ui.vademecum import VademecumWindow

        if getattr(self, "vademecum", None) is None:
            self.vademecum = VademecumWindow(self.ctx, self)
        self.vademecum.show()
        self.vademecum.raise_()

    def install_rule_update(self) -> None:
        """« Règles › Installer une mise à jour… »: the dialog previews, then installs on confirmation."""
        from assistant.ui.rule_update_dialog import RuleUpdateDialog

        self.rule_update_dialog = RuleUpdateDialog(self.ctx, self)
        self.rule_update_dialog.installed.connect(self._rules_installed)
        self.rule_update_dialog.show()

    def _rules_installed(self, book: object) -> None:
        self.reload()
        self.statusBar().showMessage(f"Règles {getattr(book, 'version', '')} installées et en vigueur.", 10000)

    def _build_training_menu(self) -> None:
        menu = self.menuBar().addMenu("F&ormation")
        self.training_menu = menu
        self.training_action = self._action("Ouvrir le mode &formation…", self.open_training_window, "Ctrl+Shift+F")
        self.cases_action = self._action("Ouvrir un &cas de formation…", self.choose_case, "Ctrl+Shift+O")
        self.reset_training_action = self._action("&Réinitialiser les données de formation…", self.reset_training)
        menu.addAction(self.training_action)
        menu.addAction(self.cases_action)
        menu.addSeparator()
        menu.addAction(self.reset_training_action)

    def _training_mode_changed(self) -> None:
        training = self.ctx.training
        self.training_action.setVisible(not training and self.ctx.training_offered)
        self.cases_action.setVisible(training)
        self.reset_training_action.setVisible(training)
        self.training_menu.menuAction().setVisible(training or self.training_action.isVisible())
        self.rules_menu.menuAction().setVisible(not training)  # rules are installed from the real window

    # -- training ------------------------------------------------------------------------------------
    def open_training_window(self) -> MainWindow | None:
        """A second window on the training folder: its own database, never mixed with real dossiers."""
        from assistant.services.training import open_training

        existing = self.training_window
        if existing is not None and existing.isVisible():
            existing.raise_()
            return existing
        try:
            ctx, lock = open_training(self.ctx)
        except UserError as exc:
            QMessageBox.warning(self, "Mode formation", str(exc))
            return None
        window = MainWindow(ctx)
        window.owned = (ctx, lock)
        window.show()
        self.training_window = window
        return window

    def choose_case(self) -> None:
        from assistant.ui.training import CaseDialog

        dialog = CaseDialog(self)
        dialog.case_chosen.connect(self.open_case)
        run_modal(dialog)

    @tells_user("Cas de formation")
    def open_case(self, name: str, exercise: bool) -> int:
        from assistant.services.training import open_case

        dossier_id = open_case(self.ctx, name, exercise=exercise)
        self.reload(dossier_id)
        self.open_dossier(dossier_id)
        return dossier_id

    def reset_training(self) -> None:
        from assistant.services.training import reopen_erased

        answer = QMessageBox.warning(
            self, "Réinitialiser les données de formation",
            f"Effacer définitivement les {self.model.total} dossier(s) de formation et leur corbeille ? "
            "Les vrais dossiers ne sont pas touchés.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not self._close_editors():
            return
        self._stop_live()  # its own connection to the training base goes before the file is erased
        try:
            ctx = reopen_erased(self.ctx)
        except UserError as exc:
            QMessageBox.warning(self, "Réinitialiser les données de formation",
                                f"{exc} Fermez cette fenêtre et réessayez.")
            self.close()
            return
        if self.owned is not None:
            self.owned = (ctx, self.owned[1])
        self.attach(ctx)
        self.statusBar().showMessage("Données de formation réinitialisées.", 8000)

    # -- state ---------------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        """Query the list again (same search and order) at once; a search still running is dropped."""
        current = select_id if select_id is not None else self.selected_id()
        query = self.list_search.query()
        self.list_search.supersede()
        total, first = library.search_dossiers(self.ctx, query, PAGE_SIZE)
        self.show_result(query, total, first, current)
        self.dossiers_changed.emit()

    def show_result(self, query: library.ListQuery, total: int, first: list[library.DossierSummary],
                    select_id: int | None = None) -> None:
        """Show a query's result in the list, its count in the status bar, and keep the selection."""
        current = select_id if select_id is not None else self.selected_id()
        self.model.show_query(query, total, first)
        self.empty_hint.setVisible(total == 0 and not query.search.strip())
        self.count_label.setText(count_text(total, bool(query.search.strip())))
        if current is not None:
            self.select(current)
        self._update_actions()

    def update_row(self, dossier_id: int) -> None:
        """A dossier was saved (from its editor): refresh its one row of the list, nothing else."""
        try:
            summary = library.summary(self.ctx, dossier_id)
        except UserError:  # gone (trashed meanwhile): the next reload drops it
            return
        self.model.update_row(summary)

    def select(self, dossier_id: int) -> None:
        row = self.model.fetch_until(dossier_id)
        if row < 0:
            return
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))

    def selected_id(self) -> int | None:
        model = self.view.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return int(rows[0].data(ID_ROLE)) if rows else None

    def _update_actions(self) -> None:
        if self.ctx is None:
            return
        has = self.selected_id() is not None
        for action in (self.open_action, self.duplicate_action, self.rename_action, self.delete_action,
                       self.export_action):
            action.setEnabled(has)
        lock_main_window(self)  # read-only data: banner, editing actions disabled

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- actions -------------------------------------------------------------------------------------
    @tells_user("Nouveau dossier")
    def new_dossier(self) -> int | None:
        dialog = DossierInfoDialog(self, "Nouveau dossier", organisation=self.ctx.organisation)
        if not accepted(dialog):
            return None
        title, organisation = dialog.values()
        dossier_id = library.create_dossier(self.ctx, title, organisation)
        self.search.clear()
        self.reload(dossier_id)
        self.open_dossier(dossier_id)
        return dossier_id

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_dossier(int(index.data(ID_ROLE)))

    def open_selected(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id is not None:
            self.open_dossier(dossier_id)

    @tells_user("Ouvrir")
    def open_dossier(self, dossier_id: int) -> None:
        from assistant.ui.editor import DossierEditor

        editor = self._editors.get(dossier_id)
        if editor is None or not editor.isVisible():
            editor = DossierEditor(self.ctx, dossier_id, self)
            editor.saved.connect(self.update_row)
            editor.closed.connect(self._forget_editor)
            self._editors[dossier_id] = editor
        editor.show()
        editor.raise_()
        editor.activateWindow()
        self.dossier_opened.emit(dossier_id)

    def _forget_editor(self, dossier_id: int) -> None:
        editor = self._editors.pop(dossier_id, None)
        if editor is not None:
            editor.deleteLater()

    @tells_user("Dupliquer")
    def duplicate_selected(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id is None:
            return
        new_id, title = library.duplicate(self.ctx, dossier_id)
        self.reload(new_id)
        self.statusBar().showMessage(f"Dossier dupliqué : « {title} ».", 5000)

    @tells_user("Renommer")
    def rename_selected(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id is None:
            return
        summary = library.summary(self.ctx, dossier_id)
        dialog = DossierInfoDialog(self, "Renommer le dossier", summary.title, summary.organisation)
        if accepted(dialog):
            library.rename(self.ctx, dossier_id, *dialog.values())
            self.reload(dossier_id)

    @tells_user("Supprimer")
    def delete_selected(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id is None:
            return
        editor = self._editors.pop(dossier_id, None)
        if editor is not None:
            editor.close()
        title = library.trash(self.ctx, dossier_id)
        self.reload()
        self.statusBar().showMessage(
            f"« {title} » a été placé dans la corbeille (Dossier › Corbeille pour le restaurer).", 8000
        )

    def show_backups(self) -> None:
        """The « Sauvegardes » dialog; a restore closes the base and opens it again."""
        from assistant.ui.backups_dialog import BackupsDialog

        run_modal(BackupsDialog(self.ctx.paths, self, release=self._release_data, reopen=self._reopen_data))

    def _close_editors(self) -> bool:
        """Close every editor; False when one stays open (the buyer kept answers still to be saved)."""
        closed = [editor.close() for editor in list(self._editors.values())]  # each one asked, even after a no
        return all(closed)

    def _release_data(self) -> None:
        self._close_editors()
        self._stop_live()
        self.ctx.close()

    def _reopen_data(self) -> None:
        from assistant.services.context import open_data_folder

        try:
            ctx = open_data_folder(self.ctx.paths, self.ctx.site, rulebook=self.ctx.rulebook,
                                   training=self.ctx.training)
        except UserError as exc:
            QMessageBox.critical(self, "Sauvegardes", f"{exc} La fenêtre va se fermer.")
            self.close()
            return
        if self.owned is not None:
            self.owned = (ctx, self.owned[1])
        self.attach(ctx)

    @tells_user("Corbeille")
    def show_trash(self) -> None:
        run_modal(TrashDialog(self.ctx, self._conclusion_label, self))
        self.reload()

    def import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Importer un dossier", str(Path.home()), "Dossiers (*.json);;Tous les fichiers (*)"
        )
        if name:
            self.import_path(Path(name))

    @tells_user("Import refusé")
    def import_path(self, path: Path) -> int | None:
        from assistant.services.dossiers import import_file

        try:
            dossier_id, warnings = import_file(self.ctx, path)
        except UserError as exc:
            problems = list(getattr(exc, "problems", None) or [str(exc)])
            details = "\n".join(f"• {p}" for p in problems[:20])
            more = f"\n… et {len(problems) - 20} autre(s)." if len(problems) > 20 else ""
            QMessageBox.warning(self, "Import refusé",
                                f"Le fichier « {path.name} » n'a pas été importé :\n{details}{more}")
            return None
        self.reload(dossier_id)
        note = f" ({len(warnings)} avertissement(s))" if warnings else ""
        self.statusBar().showMessage(f"Dossier importé depuis « {path.name} »{note}.", 8000)
        return dossier_id

    @tells_user("Exporter")
    def export_selected(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id is None:
            return
        title = library.summary(self.ctx, dossier_id).title
        suggested = Path.home() / (safe_file_name(title) + ".json")
        name, _ = QFileDialog.getSaveFileName(self, "Exporter le dossier", str(suggested), "Dossiers (*.json)")
        if not name:
            return
        from assistant.domain.messages import write_refused
        from assistant.services.dossiers import export_file

        try:
            export_file(self.ctx, dossier_id, Path(name))
        except OSError as exc:
            QMessageBox.warning(self, "Export impossible", str(write_refused(Path(name), exc)))
            return
        self.statusBar().showMessage(f"Dossier exporté dans {name}.", 8000)

    # -- drag and drop -------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls()]
        event.acceptProposedAction()
        if len(paths) == 1 and not paths[0].is_dir():
            self.import_path(paths[0])
        elif paths:
            self.import_many(paths)

    def import_many(self, paths: list[Path]) -> None:
        """Files and folders dropped together: one bulk import with a progress dialog."""
        from assistant.ui.bulk_import import import_with_progress

        report = import_with_progress(self, self.ctx, paths)
        if report is None:
            return
        self.reload(report.imported[-1] if report.imported else None)
        stopped = " (arrêté avant la fin)" if report.stopped else ""
        self.statusBar().showMessage(
            f"{len(report.imported)} dossier(s) importé(s), {len(report.refused)} fichier(s) refusé(s){stopped}.",
            8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_editors():  # an editor keeps answers the server has not taken: the buyer stays
            event.ignore()
            return
        self._stop_live()
        if self.training_window is not None and self.training_window.isVisible():
            self.training_window.close()
        owned = self.owned
        if owned is not None:  # a training window opened from the main one releases what it opened
            ctx, lock = owned
            ctx.close()
            lock.release()
            self.owned = None
        super().closeEvent(event)


def count_text(total: int, searching: bool) -> str:
    """The status bar's count: « 1 234 dossiers », or how many match the search."""
    if total == 0:
        return "Aucun dossier ne correspond à la recherche." if searching else "Aucun dossier"
    number = format_number(total)
    if searching:
        return f"{number} dossier correspond à la recherche" if total == 1 else \
            f"{number} dossiers correspondent à la recherche"
    return f"{number} dossier" if total == 1 else f"{number} dossiers"


def _ignoring_result(slot: Callable[[], object]) -> Callable[..., None]:
    """Wrap a slot so that it returns None (PySide6 mishandles a bool returned to a signal)."""

    def handler(*_args: object) -> None:
        slot()

    return handler
