"""A read-only window: a controller's role on a real PostgreSQL server (roles made by the shipped
``installer/team-roles.sql``), and a SQLite file on a read-only file system. The banner is shown and named,
every editing action is disabled, and reading, search, the journal and the note still work."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from assistant.paths import AppPaths
from assistant.services.context import AppContext, open_data_folder
from assistant.services.dossiers import import_file
from assistant.siteconfig import SiteConfig
from assistant.storage.engines import open_store
from assistant.ui.dialogs import TrashDialog
from assistant.ui.editor import DossierEditor
from assistant.ui.main_window import MainWindow
from assistant.ui.read_only import BANNER_NAME, MAIN_WINDOW_WRITES
from tests.conftest import EXAMPLES, plain
from tests.tools.team_roles import make_team

EXAMPLE = EXAMPLES / "messagerie-operateur.json"  # offers, a justification and called clauses


@pytest.fixture
def controller_ctx(postgres, tmp_path: Path) -> Iterator[tuple[AppContext, int]]:  # type: ignore[no-untyped-def]
    """A dossier written by a buyer, then the base opened by a controller."""
    team = make_team(postgres)
    open_store(tmp_path / "p.sqlite3", None, team.url(team.owner)).close()
    buyer = team.person(f"marie_{team.base}", team.buyers)
    writer = open_data_folder(AppPaths(tmp_path / "marie"), SiteConfig(database_url=buyer))
    try:
        dossier_id, _ = import_file(writer, EXAMPLE)
    finally:
        writer.close()
    controller = team.person(f"paul_{team.base}", team.controllers)
    ctx = open_data_folder(AppPaths(tmp_path / "paul"), SiteConfig(database_url=controller))
    yield ctx, dossier_id
    ctx.close()


def _banner(window: MainWindow | DossierEditor) -> QLabel:
    label = window.findChild(QLabel, BANNER_NAME)
    assert label is not None and label.isVisibleTo(window)
    assert label.accessibleName() == "Lecture seule"
    assert plain(label.text()).startswith("Lecture seule : ")
    assert label.focusPolicy() & Qt.FocusPolicy.TabFocus
    return label


def _check_main_window(qtbot, ctx: AppContext, dossier_id: int) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    banner = _banner(window)
    window.select(dossier_id)
    assert window.selected_id() == dossier_id
    for name in MAIN_WINDOW_WRITES:
        assert not getattr(window, name).isEnabled(), name
    for action in (window.open_action, window.export_action, window.find_action, window.trash_action):
        assert action.isEnabled()
    assert not window.acceptDrops()
    window.search.setText("messagerie")  # the search works
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.reload(dossier_id)  # a reload enables actions by selection: the writes stay disabled
    assert not window.rename_action.isEnabled() and not window.delete_action.isEnabled()
    trash = TrashDialog(ctx, lambda code: code, window)
    qtbot.addWidget(trash)
    assert not trash.restore_button.isEnabled() and not trash.empty_button.isEnabled()
    assert banner.text()
    return window


def _check_editor(qtbot, ctx: AppContext, dossier_id: int, tmp_path: Path) -> DossierEditor:  # type: ignore[no-untyped-def]
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    editor.show()
    _banner(editor)
    assert editor.title_edit.isReadOnly() and editor.organisation_edit.isReadOnly()
    for widget in editor.question_widgets.values():
        assert not widget.input.isEnabled() and widget.justification_edit.isReadOnly()
    for index in range(len(editor.step_ids)):  # reading every step writes nothing and raises nothing
        editor.go_to_step(index)
    assert QApplication.activeModalWidget() is None
    offers = editor.offers
    assert offers.model.rowCount() == 2  # the offers are shown...
    for button in (offers.add_button, offers.edit_button, offers.duplicate_button, offers.remove_button,
                   offers.retain_button):
        assert not button.isEnabled()  # ...and cannot be changed, even after a refresh
    assert all(spin.isReadOnly() for spin in offers.weight_spins.values())
    clauses = editor.clauses.list
    assert clauses.count() > 0
    assert not any(clauses.item(r).flags() & Qt.ItemFlag.ItemIsUserCheckable for r in range(clauses.count()))
    assert editor.journal is not None
    editor.show_journal()
    editor.setProperty("ask_to_open", False)
    for target in (tmp_path / "note.pdf", tmp_path / "note.odt"):  # exporting the note still works
        worker = editor.start_report(target)
        with qtbot.waitSignal(worker.signals.finished, timeout=30000):
            pass
        qtbot.waitUntil(editor.report_button.isEnabled)
        assert target.stat().st_size > 0
    assert "Messagerie" in PdfReader(tmp_path / "note.pdf").pages[0].extract_text()
    return editor


def test_a_controller_reads_everything_and_changes_nothing(qtbot, controller_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, dossier_id = controller_ctx
    before = [(e.kind, e.detail) for e in ctx.repository.events(dossier_id)]
    window = _check_main_window(qtbot, ctx, dossier_id)
    assert "votre rôle «\u00a0paul_" in window.findChild(QLabel, BANNER_NAME).text()
    editor = _check_editor(qtbot, ctx, dossier_id, tmp_path)
    editor.close()
    assert [(e.kind, e.detail) for e in ctx.repository.events(dossier_id)] == before  # nothing was written


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    """A small file system (tmpfs) to remount read-only: a real read-only SQLite file, even for root."""
    mount = tmp_path / "disque"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], capture_output=True,
                      check=False).returncode != 0:
        pytest.skip("cannot mount a file system here (needs root): the read-only SQLite window test is skipped")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_sqlite_file_that_cannot_be_written_gives_the_same_window(qtbot, read_only_disk: Path,
                                                                    tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = AppPaths(read_only_disk / "données")
    writer = open_data_folder(paths)
    dossier_id, _ = import_file(writer, EXAMPLE)
    writer.close()
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_disk)], check=True)
    ctx = open_data_folder(paths)
    try:
        assert ctx.repository.read_only
        window = _check_main_window(qtbot, ctx, dossier_id)
        assert str(paths.database) in window.findChild(QLabel, BANNER_NAME).text()
        _check_editor(qtbot, ctx, dossier_id, tmp_path).close()
    finally:
        ctx.close()


def test_a_writable_base_shows_no_banner(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.findChild(QLabel, BANNER_NAME) is None
    assert window.new_action.isEnabled() and window.import_action.isEnabled() and window.acceptDrops()


def test_only_the_owner_may_empty_the_shared_trash(qtbot, postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from assistant.services import library

    team = make_team(postgres)
    owner = open_data_folder(AppPaths(tmp_path / "chef"), SiteConfig(database_url=team.url(team.owner)))
    buyer = open_data_folder(AppPaths(tmp_path / "marie"),
                             SiteConfig(database_url=team.person(f"marie_{team.base}", team.buyers)))
    try:
        library.trash(buyer, library.create_dossier(buyer, "Ancien marché"))
        trash = TrashDialog(buyer, lambda code: code)
        qtbot.addWidget(trash)
        assert trash.restore_button.isEnabled() and not trash.empty_button.isEnabled()
        assert "revient à son propriétaire" in trash.empty_button.toolTip()
        trash = TrashDialog(owner, lambda code: code)
        qtbot.addWidget(trash)
        assert trash.empty_button.isEnabled() and trash.empty_button.toolTip() == ""
        assert library.empty_trash(owner) == 1
    finally:
        buyer.close()
        owner.close()


def test_a_write_the_server_refuses_mid_session_is_told_in_the_window(qtbot, postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from assistant.ui.questions import BoolQuestion
    from tests.conftest import close_next_message_box

    team = make_team(postgres)
    open_store(tmp_path / "p.sqlite3", None, team.url(team.owner)).close()
    buyer = open_data_folder(AppPaths(tmp_path / "marie"),
                             SiteConfig(database_url=team.person(f"marie_{team.base}", team.buyers)))
    try:
        dossier_id, _ = import_file(buyer, EXAMPLE)
        editor = DossierEditor(buyer, dossier_id)
        qtbot.addWidget(editor)
        assert editor.findChild(QLabel, BANNER_NAME) is None
        stored = buyer.repository.get(dossier_id).facts["data.personal"]
        with psycopg.connect(team.url(team.owner).replace("postgresql+psycopg", "postgresql"),
                             autocommit=True) as connection:  # the owner withdraws the buyers' right meanwhile
            connection.execute(f'REVOKE UPDATE ON dossier FROM "{team.buyers}"')
        widget = editor.question_widgets["data.personal"]
        assert isinstance(widget, BoolQuestion)
        messages = close_next_message_box()
        widget.buttons[not stored].setChecked(True)
        assert messages and plain(messages[0]).startswith("Le serveur a refusé d'enregistrer la réponse : votre rôle")
        assert widget.buttons[stored].isChecked()  # the window shows again what is stored
        assert buyer.repository.get(dossier_id).facts["data.personal"] == stored
        editor.close()
    finally:
        buyer.close()
