"""The live list and team mode in the window: another buyer's change appears in the list within two seconds
(PostgreSQL ``LISTEN/NOTIFY``, or SQLite with the command line), an open editor reloads it, and a server
stopped mid-session keeps the typed answers and saves them once it is back."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.domain import Dossier
from assistant.services import editing, library
from assistant.services.context import open_context
from assistant.siteconfig import SiteConfig
from assistant.ui.dossier_model import Column
from assistant.ui.main_window import MainWindow
from assistant.ui.questions import BoolQuestion
from tests.conftest import EXAMPLES, answer_next_box

PATIENCE_MS = 10_000
"""How long a test waits for the change to show: generous, as tests assert no timing (the promise of two
seconds is measured by ``tests/bench/bench_live.py``)."""


def _window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_another_buyers_rename_appears_in_the_list(qtbot, both_ctx, other_buyer) -> None:  # type: ignore[no-untyped-def]
    dossier_id = library.create_dossier(both_ctx, "Messagerie", "Préfecture")
    window = _window(qtbot, both_ctx)
    where = window.statusBar().currentMessage()
    assert where.startswith("Base partagée «\u00a0essai_" if both_ctx.database.url else "Données\u00a0:"), where
    library.rename(other_buyer, dossier_id, "Messagerie chiffrée", "Préfecture")
    qtbot.waitUntil(lambda: window.model.index(0, Column.TITLE).data() == "Messagerie chiffrée", timeout=PATIENCE_MS)
    assert window.statusBar().currentMessage() == (
        "Le dossier «\u00a0Messagerie chiffrée\u00a0» vient d'être modifié par acheteuse.b.")
    window.close()


def test_another_buyers_new_dossier_and_trash_reach_the_list(qtbot, both_ctx, other_buyer) -> None:  # type: ignore[no-untyped-def]
    kept = library.create_dossier(both_ctx, "Visio", "")
    window = _window(qtbot, both_ctx)
    window.select(kept)
    created = library.create_dossier(other_buyer, "Transfert de fichiers", "")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=PATIENCE_MS)
    assert window.selected_id() == kept  # the selection stays where the buyer left it
    library.trash(other_buyer, created)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=PATIENCE_MS)
    assert window.model.summary(0).id == kept
    window.close()


def test_an_open_editor_reloads_another_buyers_answer(qtbot, both_ctx, other_buyer) -> None:  # type: ignore[no-untyped-def]
    dossier_id = both_ctx.repository.add(Dossier(title="Partagé", facts={"data.personal": False}))
    window = _window(qtbot, both_ctx)
    window.open_dossier(dossier_id)
    editor = window._editors[dossier_id]
    widget = editor.question_widgets["data.personal"]
    assert isinstance(widget, BoolQuestion) and widget.buttons[False].isChecked()
    editing.answer(other_buyer, dossier_id, "data.personal", True)
    qtbot.waitUntil(widget.buttons[True].isChecked, timeout=PATIENCE_MS)
    assert editor.dossier.facts["data.personal"] is True
    assert "modifié par acheteuse.b" in editor.statusBar().currentMessage()
    widget.buttons[False].setChecked(True)  # the editor saves over the version it reloaded: no conflict
    assert library.get_dossier(both_ctx, dossier_id).facts["data.personal"] is False
    window.close()


def test_a_change_by_the_command_line_reaches_the_open_window(qtbot, ctx, data_paths) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx)
    assert window.model.rowCount() == 0
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-m", "assistant", "--data-dir", str(data_paths.data_dir), "dossier",
                           "import", str(EXAMPLES / "visio-prefecture.json")],
                          check=False, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=PATIENCE_MS)
    assert window.model.index(0, Column.TITLE).data() == "Réunions à distance des services de la préfecture"
    window.close()


@pytest.fixture
def own_server() -> Iterator[object]:
    """A PostgreSQL server of this test's own, which it stops and starts again."""
    from tests.tools.postgres import start_server

    yield from start_server()


def test_a_server_stopped_mid_session_keeps_the_typed_answer(qtbot, own_server, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    site = SiteConfig(database_url=own_server.new_database())
    ctx = open_context(data_paths, rulebook=rulebook, site=site)
    try:
        dossier_id = ctx.repository.add(Dossier(title="Partagé", facts={"data.personal": False}))
        window = _window(qtbot, ctx)
        window.open_dossier(dossier_id)
        editor = window._editors[dossier_id]
        widget = editor.question_widgets["data.personal"]
        assert isinstance(widget, BoolQuestion)
        own_server.stop()
        widget.buttons[True].setChecked(True)  # typed while the server is down
        assert editor.pending.isVisible() and widget.buttons[True].isChecked()  # kept, and said so
        assert "ne répond plus" in editor.pending.message.text()
        assert "1 réponse est gardée" in editor.pending.message.text()
        assert editor.dossier.facts["data.personal"] is True  # the conclusion follows what is shown
        qtbot.waitUntil(lambda: "ne répond plus" in window.statusBar().currentMessage(), timeout=PATIENCE_MS)
        assert not editor.retry_held()  # still down: still held
        own_server.start()
        assert editor.retry_held()
        assert not editor.pending.isVisible()
        assert library.get_dossier(ctx, dossier_id).facts["data.personal"] is True
        qtbot.waitUntil(lambda: "La liste a été relue" in window.statusBar().currentMessage(), timeout=PATIENCE_MS)
        window.close()
    finally:
        ctx.close()


def test_saves_refused_by_the_server_are_french_sentences(own_server, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    ctx = open_context(data_paths, rulebook=rulebook, site=SiteConfig(database_url=own_server.new_database()))
    try:
        dossier_id = library.create_dossier(ctx, "Visio", "")
        own_server.stop()
        for attempt in (lambda: editing.answer(ctx, dossier_id, "data.personal", True),
                        lambda: library.search_dossiers(ctx, library.ListQuery(), 10)):
            with pytest.raises(editing.ServerLostError, match="ne répond plus"):
                attempt()
        own_server.start()
        assert library.search_dossiers(ctx, library.ListQuery(), 10)[0] == 1
    finally:
        ctx.close()


def _start_with_server_down(qtbot, own_server, data_paths) -> tuple[object, SiteConfig]:  # type: ignore[no-untyped-def]
    """The window started on a shared base whose server is stopped: the session, stopped on it."""
    from assistant.app import finish_start, server_out_of_reach, start_window

    site = SiteConfig(database_url=own_server.new_database())
    own_server.stop()
    session = start_window(data_paths)
    qtbot.addWidget(session.window)
    finish_start(session, data_paths, site=site)
    assert server_out_of_reach(session)
    return session, site


def test_a_server_down_at_start_up_offers_a_retry(qtbot, own_server, data_paths) -> None:  # type: ignore[no-untyped-def]
    from assistant.app import recovered_from_server

    session, site = _start_with_server_down(qtbot, own_server, data_paths)
    try:
        own_server.start()  # back before the buyer presses « Réessayer »
        seen = answer_next_box("Réessayer")
        assert recovered_from_server(session, data_paths, training=False, site=site)
        assert seen and "ne répond pas" in seen[0] and "réessayez" in seen[0]
        assert session.ctx.database.url == site.database_url
    finally:
        session.close()


def test_a_server_down_at_start_up_lets_the_buyer_work_locally(qtbot, own_server, data_paths) -> None:  # type: ignore[no-untyped-def]
    from assistant.app import recovered_from_server

    session, site = _start_with_server_down(qtbot, own_server, data_paths)
    try:
        answer_next_box("Travailler sur les dossiers locaux")
        assert recovered_from_server(session, data_paths, training=False, site=site)
        assert session.ctx.database.url is None and data_paths.database.exists()
        assert "dossiers locaux de ce poste" in session.window.statusBar().currentMessage()
        assert session.window.new_action.isEnabled()
    finally:
        session.close()
        own_server.start()


def test_text_typed_while_another_buyer_changes_it_is_refused_not_written_over(qtbot, both_ctx, other_buyer) -> None:  # type: ignore[no-untyped-def]
    """The review's lost update: the typed text is saved against the version it was typed over, so it is
    refused as a conflict (said) and stays visible, and the other buyer's answer is kept."""
    from assistant.ui.questions import TextQuestion

    dossier_id = both_ctx.repository.add(Dossier(title="Partagé", facts={"need.statement": "Première version."}))
    window = _window(qtbot, both_ctx)
    window.open_dossier(dossier_id)
    editor = window._editors[dossier_id]
    widget = editor.question_widgets["need.statement"]
    assert isinstance(widget, TextQuestion)
    widget.edit.setPlainText("Écrit ici, pas encore enregistré.")  # the typing timer has not fired yet
    messages = answer_next_box("OK")  # the refusal opens from the live list's timer, whenever it fires
    editing.answer(other_buyer, dossier_id, "need.statement", "Écrit par l'autre poste.")
    qtbot.waitUntil(lambda: bool(messages), timeout=PATIENCE_MS)
    assert "a été modifié par acheteuse.b" in messages[0]
    assert library.get_dossier(both_ctx, dossier_id).facts["need.statement"] == "Écrit par l'autre poste."
    assert widget.edit.toPlainText() == "Écrit ici, pas encore enregistré."  # kept, to apply again
    widget.edit.setPlainText("Écrit ici, appliqué de nouveau.")
    widget.flush()
    assert library.get_dossier(both_ctx, dossier_id).facts["need.statement"] == "Écrit ici, appliqué de nouveau."
    window.close()


def test_the_main_window_stays_open_while_an_editor_keeps_unsaved_answers(  # type: ignore[no-untyped-def]
        qtbot, own_server, data_paths, rulebook) -> None:
    from assistant.services.access import empty_trash_refusal

    ctx = open_context(data_paths, rulebook=rulebook, site=SiteConfig(database_url=own_server.new_database()))
    try:
        dossier_id = ctx.repository.add(Dossier(title="Partagé", facts={"data.personal": False}))
        window = _window(qtbot, ctx)
        window.open_dossier(dossier_id)
        editor = window._editors[dossier_id]
        own_server.stop()
        editor.question_widgets["data.personal"].buttons[True].setChecked(True)  # type: ignore[attr-defined]
        assert editor.pending.held
        seen = answer_next_box("Garder la fenêtre ouverte")
        window.close()
        assert seen and "seront perdues" in seen[0]
        assert window.isVisible() and editor.isVisible()  # nothing closed: the answer is still there
        assert empty_trash_refusal(ctx) is not None  # the trash asks the server: out of reach, said, not raised
        own_server.start()
        assert editor.retry_held()
        window.close()
        assert not window.isVisible()
        assert library.get_dossier(ctx, dossier_id).facts["data.personal"] is True
    finally:
        ctx.close()
