"""Dates typed at the keyboard in French, in the consultation-date question of a real editor."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from assistant.ui.dates import parse_french_date
from assistant.ui.editor import DossierEditor
from assistant.ui.questions import DateQuestion

FACT = "procurement.consultation_date"


@pytest.mark.parametrize(("text", "expected"), [
    ("15/03/2026", date(2026, 3, 15)), ("15-3-2026", date(2026, 3, 15)), ("15.03.2026", date(2026, 3, 15)),
    ("15032026", date(2026, 3, 15)), ("15 mars 2026", date(2026, 3, 15)), ("1er avril 2026", date(2026, 4, 1)),
    ("2026-03-15", date(2026, 3, 15)), (" 1/4/2026 ", date(2026, 4, 1)),
    ("31/02/2026", None), ("15/13/2026", None), ("demain", None), ("", None), ("15 brumaire 2026", None),
])
def test_french_dates_are_read(text: str, expected: date | None) -> None:
    assert parse_french_date(text) == expected


def test_a_consultation_date_is_typed_and_stored(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.create("Date tapée")
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    widget = editor.question_widgets[FACT]
    assert isinstance(widget, DateQuestion)
    editor.go_to_question(FACT)
    widget.unknown.setChecked(False)
    field = widget.edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, "15/03/2026")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not field.hasFocus()
    assert ctx.repository.get(dossier_id).facts[FACT] == "2026-03-15"
    assert field.text() == "15/03/2026" and widget.error.text() == ""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "31/02/2026")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "jj/mm/aaaa" in widget.error.text()
    assert ctx.repository.get(dossier_id).facts[FACT] == "2026-03-15"
    editor.close()


def test_the_calendar_button_picks_a_date(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget

    dossier_id = ctx.repository.create("Date choisie")
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    widget = editor.question_widgets[FACT]
    assert isinstance(widget, DateQuestion)
    widget.unknown.setChecked(False)
    calendar = widget.calendar.menu().findChild(QCalendarWidget)
    calendar.clicked.emit(QDate(2026, 4, 1))
    editor.flush()
    assert ctx.repository.get(dossier_id).facts[FACT] == "2026-04-01"
    editor.close()
