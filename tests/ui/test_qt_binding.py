"""Guard against a Qt binding that under-counts references (PySide6 6.12.0 on Python 3.11 drops one
reference to None on every void call: after a few thousand calls the process aborts)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit, QRadioButton


def test_void_qt_calls_keep_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    button = QRadioButton("Oui")
    edit = QLineEdit()
    qtbot.addWidget(button)
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for index in range(3000):
        button.setChecked(index % 2 == 0)
        edit.setText("é")
    assert sys.getrefcount(None) >= before - 10
