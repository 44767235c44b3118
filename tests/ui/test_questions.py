"""The window holds the same text limits as the file format, and a bad file dropped always opens a dialog."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from assistant.domain import limits
from assistant.ui.dialogs import DossierInfoDialog
from assistant.ui.main_window import MainWindow
from assistant.ui.questions import PlainEditor
from tests.conftest import close_next_message_box, example_files


def test_a_long_text_stops_at_its_limit_whether_typed_or_pasted(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = PlainEditor(50)
    qtbot.addWidget(editor)
    editor.setPlainText("a" * 40)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("b" * 30)  # as a paste does
    assert editor.toPlainText() == "a" * 40 + "b" * 10
    editor.setPlainText("c" * 80)
    assert editor.toPlainText() == "c" * 50


def test_the_question_editors_use_the_format_limits(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from assistant.ui.questions import TextQuestion

    question = next(q for q in ctx.rulebook.questions if q.type == "text")
    widget = TextQuestion(question)
    qtbot.addWidget(widget)
    assert widget.edit.max_length == limits.TEXT_ANSWER_MAX
    assert widget.justification_edit.max_length == limits.JUSTIFICATION_MAX


def test_title_and_organisation_fields_hold_their_limits(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = DossierInfoDialog(None, "Nouveau dossier")
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("T" * (limits.TITLE_MAX + 50))
    dialog.organisation_edit.setText("O" * (limits.ORGANISATION_MAX + 50))
    assert len(dialog.title_edit.text()) == limits.TITLE_MAX
    assert len(dialog.organisation_edit.text()) == limits.ORGANISATION_MAX


def _bad_files(folder: Path) -> list[Path]:
    base = json.loads(example_files()[0].read_text(encoding="utf-8"))
    cases = {
        "entier.json": json.dumps(base).replace('"facts": {', '"facts": {"autre.nombre": ' + "9" * 5000 + ", ", 1),
        "surrogate.json": json.dumps({**base, "justifications": {"existing.mutualised_fit": "a\ud800"}}),
        "date.json": json.dumps({**base, "updated": "9999-12-31T23:30:00Z"}),
        "version.json": json.dumps({**base, "format": "assistant-dossier/²"}, ensure_ascii=False),
        "controle.json": json.dumps({**base, "title": "Titre \x1b[2J\x00"}),
    }
    paths = []
    for name, text in cases.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


@pytest.mark.parametrize("index", range(5))
def test_every_bad_file_imported_in_the_window_opens_a_dialog(qtbot, ctx, tmp_path, index: int) -> None:  # type: ignore[no-untyped-def]
    path = _bad_files(tmp_path)[index]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    messages = close_next_message_box()
    assert window.import_path(path) is None
    assert messages and "n'a pas été importé" in messages[0]
    assert window.model.rowCount() == 0 and ctx.repository.list() == []


def test_a_fifo_dropped_on_the_window_is_refused_at_once(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "tube.json"
    os.mkfifo(fifo)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    messages = close_next_message_box()
    assert window.import_path(fifo) is None
    assert "tube nommé" in messages[0]
    assert QApplication.activeModalWidget() is None
