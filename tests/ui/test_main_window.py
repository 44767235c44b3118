"""The main window driven with qtbot: create, search, rename, duplicate, delete, restore."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from assistant.ui.dialogs import DossierInfoDialog, TrashDialog
from assistant.ui.dossier_model import Column, DossierTableModel
from assistant.ui.main_window import MainWindow
from tests.conftest import close_next_message_box


def _answer_dialog(qtbot, title: str, organisation: str = "") -> None:  # type: ignore[no-untyped-def]
    """Fill the next DossierInfoDialog that opens, then press OK."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DossierInfoDialog)
        dialog.title_edit.setText(title)
        dialog.organisation_edit.setText(organisation)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)


def _window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_new_dossier_from_the_dialog_appears_in_the_list(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx)
    assert window.empty_hint.isVisible()
    _answer_dialog(qtbot, "Visioconférence « préfecture »", "Préfecture de la Somme")
    dossier_id = window.new_dossier()
    assert dossier_id is not None
    assert window.model.rowCount() == 1
    assert window.model.index(0, Column.TITLE).data() == "Visioconférence « préfecture »"
    assert window.model.index(0, Column.CONCLUSION).data() == "À compléter"
    assert not window.empty_hint.isVisible()
    assert window.selected_id() == dossier_id
    window.close()


def test_search_filters_as_you_type_ignoring_accents(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    for title, org in (("Visio préfecture", "Préfecture"), ("Messagerie", "Établissement"), ("Site", "Commune")):
        ctx.repository.create(title, org)
    window = _window(qtbot, ctx)
    assert window.model.rowCount() == 3
    assert window.count_label.text() == "3 dossiers"
    qtbot.keyClicks(window.search, "prefec")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.index(0, Column.TITLE).data() == "Visio préfecture"
    assert window.count_label.text() == "1 dossier correspond à la recherche"
    window.search.clear()
    qtbot.keyClicks(window.search, "etablissement")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.summary(0).title == "Messagerie")
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)


def test_a_newer_keystroke_supersedes_an_older_search(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QThreadPool

    for title in ("Alpha visio", "Bravo messagerie", "Charlie visio"):
        ctx.repository.create(title, "Org")
    window = _window(qtbot, ctx)
    window.search.blockSignals(True)  # drive the two queries by hand, with no pause between them
    window.search.setText("messagerie")
    window.list_search.run()
    window.search.setText("visio")
    window.list_search.run()
    window.search.blockSignals(False)
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.waitUntil(lambda: window.list_search.running == 0)
    assert window.list_search.dropped == 1
    assert sorted(window.model.summary(r).title for r in range(window.model.rowCount())) == [
        "Alpha visio", "Charlie visio"]
    assert window.count_label.text() == "2 dossiers correspondent à la recherche"


def test_sorting_by_title(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    for title in ("Bravo", "alpha", "Écluse", "Charlie"):
        ctx.repository.create(title)
    window = _window(qtbot, ctx)
    window.view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    titles = [window.model.index(r, Column.TITLE).data() for r in range(window.model.rowCount())]
    assert titles[:3] == ["alpha", "Bravo", "Charlie"]
    assert titles[3] == "Écluse"


def test_the_list_fetches_pages_as_the_view_scrolls(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from assistant.ui.dossier_model import PAGE_SIZE

    with ctx.database.engine.begin() as connection:  # many dossiers quickly, through the real schema
        connection.exec_driver_sql(
            "INSERT INTO dossier (uid, title, organisation, facts, justifications, weights, extra, status,"
            " current_step, created_at, updated_at, conclusion, search_text) VALUES (?, ?, 'Org', '{}', '{}',"
            " '{}', '{}', 'draft', '', '2026-01-01 00:00:00', ?, '', ?)",
            [(f"uid-{i}", f"Dossier {i:04d}", f"2026-01-01 00:{i // 60 % 60:02d}:{i % 60:02d}",
              f"dossier {i:04d}\norg") for i in range(PAGE_SIZE * 2 + 17)])
    window = _window(qtbot, ctx)
    assert window.model.total == PAGE_SIZE * 2 + 17
    assert window.model.rowCount() == PAGE_SIZE
    assert window.model.canFetchMore()
    window.view.scrollToBottom()
    qtbot.waitUntil(lambda: window.model.rowCount() > PAGE_SIZE)
    while window.model.canFetchMore():
        window.model.fetchMore()
    titles = [window.model.summary(r).title for r in range(window.model.rowCount())]
    assert len(titles) == len(set(titles)) == PAGE_SIZE * 2 + 17
    assert titles[0] == f"Dossier {PAGE_SIZE * 2 + 16:04d}"  # most recently changed first

    window.reload()
    ctx.repository.rename(PAGE_SIZE // 2, "Modifié", "Org")  # moves up after the first page was read
    while window.model.canFetchMore():
        window.model.fetchMore()
    ids = [window.model.summary(r).id for r in range(window.model.rowCount())]
    assert len(ids) == len(set(ids))  # the row pushed down by the move is not shown twice
    window.view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert window.model.rowCount() == PAGE_SIZE
    assert window.model.summary(0).title == "Dossier 0000"
    window.select(1)  # « Dossier 0000 » has id 1; the last one is fetched up to its row
    window.select(PAGE_SIZE * 2 + 17)
    assert window.selected_id() == PAGE_SIZE * 2 + 17
    assert window.model.rowCount() == PAGE_SIZE * 2 + 17


def test_rename_duplicate_delete_and_restore(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.create("Ancien titre", "Org")
    window = _window(qtbot, ctx)
    window.select(dossier_id)
    _answer_dialog(qtbot, "Nouveau titre", "Nouvelle org")
    window.rename_action.trigger()
    assert ctx.repository.get(dossier_id).title == "Nouveau titre"
    assert window.model.index(window.model.row_of(dossier_id), Column.ORGANISATION).data() == "Nouvelle org"

    window.select(dossier_id)
    window.duplicate_action.trigger()
    assert window.model.rowCount() == 2
    assert "Nouveau titre (copie)" in {window.model.summary(r).title for r in range(2)}

    window.select(dossier_id)
    window.delete_action.trigger()
    assert window.model.row_of(dossier_id) == -1
    assert "corbeille" in window.statusBar().currentMessage()

    trash = TrashDialog(ctx, window._conclusion_label, window)
    qtbot.addWidget(trash)
    assert trash.model.rowCount() == 1
    trash.view.selectRow(0)
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert trash.model.rowCount() == 0
    window.reload()
    assert window.model.row_of(dossier_id) >= 0


def test_emptying_the_trash_asks_first(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.repository.delete(ctx.repository.create("À jeter"))
    window = _window(qtbot, ctx)
    trash = TrashDialog(ctx, window._conclusion_label, window)
    qtbot.addWidget(trash)

    def press(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "définitivement" in box.text()
        box.button(button).click()

    QTimer.singleShot(0, lambda: press(QMessageBox.StandardButton.Cancel))
    trash.empty()
    assert len(ctx.repository.list(trash=True)) == 1
    QTimer.singleShot(0, lambda: press(QMessageBox.StandardButton.Yes))
    trash.empty()
    assert ctx.repository.list(trash=True) == []


def test_status_bar_shows_the_data_folder_and_buttons_are_french(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx)
    assert str(ctx.paths.data_dir) in window.statusBar().currentMessage()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Annuler"
    assert QApplication.font().family().startswith("DejaVu Sans")


def test_keyboard_shortcuts(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx)
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.rename_action.shortcut().toString() == "F2"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.find_action.trigger()
    qtbot.waitUntil(window.search.hasFocus)


def test_list_model_passes_qtmodeltester(qtmodeltester, ctx) -> None:  # type: ignore[no-untyped-def]
    for title in ("Un", "Deux", "Trois"):
        ctx.repository.create(title, "Org")
    model = DossierTableModel(lambda value: value)
    model.reload(ctx.repository.list())
    qtmodeltester.check(model)


def test_paged_list_model_passes_qtmodeltester(qtmodeltester, ctx) -> None:  # type: ignore[no-untyped-def]
    from assistant.services import library

    for index in range(7):
        ctx.repository.create(f"Dossier {index}", "Org")
    model = DossierTableModel(lambda value: value, pages=lambda q, offset, limit: library.page_of_dossiers(
        ctx, q, offset, 3))
    query = library.ListQuery()
    total, first = library.search_dossiers(ctx, query, 3)
    model.show_query(query, total, first)
    assert model.rowCount() == 3 and model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 7


def test_dropping_a_dossier_file_on_the_list_imports_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from tests.conftest import EXAMPLES

    window = _window(qtbot, ctx)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(EXAMPLES / "site-commune.json"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.model.rowCount() == 1
    assert window.model.summary(0).title == "Refonte du site internet de la commune"
    assert window.model.index(0, Column.CONCLUSION).data() == ctx.rulebook.label("path", "buy_market")
    assert "importé" in window.statusBar().currentMessage()


def test_a_bad_file_dropped_is_refused_with_every_problem(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    bad = tmp_path / "mauvais.json"
    bad.write_text(json.dumps({"format": "assistant-dossier/1", "title": "", "facts": {"need.users": "x"}}),
                   encoding="utf-8")
    window = _window(qtbot, ctx)
    messages = close_next_message_box()
    assert window.import_path(bad) is None
    assert "n'a pas été importé" in messages[0] and "title" in messages[0] and "facts.need.users" in messages[0]
    assert window.model.rowCount() == 0


def test_site_configuration_problems_are_shown_without_blocking(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from assistant.siteconfig import SiteConfig

    ctx.site = SiteConfig(problems=["Dans /etc/site.toml, le réglage « couleur » est inconnu ; il est ignoré."])
    window = _window(qtbot, ctx)
    assert "1 réglage(s) ignoré(s)" in window.site_warning.text()
    assert "couleur" in window.site_warning.toolTip()
    assert window.new_action.isEnabled()


def test_delete_key_in_the_search_field_edits_text_not_dossiers(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.create("Gardé")
    window = _window(qtbot, ctx)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select(dossier_id)
    window.search.setFocus()
    qtbot.keyClicks(window.search, "abc")
    window.search.setCursorPosition(0)
    qtbot.keyClick(window.search, Qt.Key.Key_Delete)
    assert window.search.text() == "bc"
    assert [s.id for s in ctx.repository.list()] == [dossier_id]


def test_an_answer_updates_only_its_row_of_the_list(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    for title in ("Autre", "Encore un autre"):
        ctx.repository.create(title, "Org")
    window = _window(qtbot, ctx)
    dossier_id = ctx.repository.create("Édité", "Org")
    window.reload(dossier_id)
    window.open_dossier(dossier_id)
    editor = window._editors[dossier_id]
    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))
    changed: list[int] = []
    window.model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    editor.question_widgets["existing.mutualised_fit"].buttons["fits"].click()
    qtbot.waitUntil(lambda: bool(changed), timeout=3000)
    assert resets == []
    row = window.model.row_of(dossier_id)
    assert set(changed) == {row}
    assert window.model.index(row, Column.CONCLUSION).data() != "À compléter"
    editor.close()
    window.close()


def test_dropping_a_folder_imports_every_file_with_progress(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from tests.conftest import example_files

    folder = tmp_path / "lot"
    folder.mkdir()
    for path in example_files():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "mauvais.json").write_text('{"format": "assistant-dossier/1", "title": 3}', encoding="utf-8")
    window = _window(qtbot, ctx)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    messages = close_next_message_box()
    window.dropEvent(event)
    assert window.model.total == len(example_files())
    assert "mauvais.json" in messages[0] and "1 fichier(s) refusé(s)" in messages[0]
    assert "importé(s)" in window.statusBar().currentMessage()


def test_the_list_shows_who_made_the_last_change_and_sorts_by_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from assistant.storage import Repository

    for author in ("bruno", "alice"):
        Repository(ctx.database.sessions, author=author).create(f"Dossier de {author}")
    window = _window(qtbot, ctx)
    assert window.model.headerData(Column.UPDATED_BY, Qt.Orientation.Horizontal) == "Modifié par"
    window.view.sortByColumn(Column.UPDATED_BY, Qt.SortOrder.AscendingOrder)
    shown = [(window.model.index(r, Column.TITLE).data(), window.model.index(r, Column.UPDATED_BY).data())
             for r in range(window.model.rowCount())]
    assert shown == [("Dossier de alice", "alice"), ("Dossier de bruno", "bruno")]
    window.close()
