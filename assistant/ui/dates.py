"""A date typed at the keyboard in French (``15/03/2026``, ``15032026``, ``15 mars 2026``) or picked in a
calendar: Qt's QDateEdit does not let a date be typed in one go (its sections swallow the separators).

Signals (FrenchDateEdit): dateChanged(QDate): a new valid date was typed, picked or set.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QPushButton, QWidget, QWidgetAction

FORMAT = "dd/MM/yyyy"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def parse_french_date(text: str) -> date | None:
    """``15/03/2026``, ``15-3-2026``, ``15.03.2026``, ``15032026``, ``15 mars 2026``, ``1er avril 2026`` or
    ``2026-03-15`` → a date; None when the text is not a real date."""
    cleaned = text.strip().casefold().replace("1er", "1")
    numbers: tuple[int, int, int] | None = None
    match = (re.fullmatch(r"(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})", cleaned)
             or re.fullmatch(r"(\d{2})(\d{2})(\d{4})", cleaned))
    if match:
        numbers = int(match[1]), int(match[2]), int(match[3])
    elif match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned):
        numbers = int(match[3]), int(match[2]), int(match[1])
    elif (match := re.fullmatch(r"(\d{1,2})\s+([a-zéû]+)\s+(\d{4})", cleaned)) and match[2] in MONTHS:
        numbers = int(match[1]), MONTHS.index(match[2]) + 1, int(match[3])
    if numbers is None:
        return None
    try:
        return date(numbers[2], numbers[1], numbers[0])
    except ValueError:
        return None


class FrenchDateEdit(QLineEdit):
    """A line edit holding a date; the typed text is read when the buyer leaves the field or presses Entrée."""

    dateChanged = Signal(QDate)  # noqa: N815 (QDateEdit's name, kept for callers)
    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = QDate.currentDate()
        self.setText(self._date.toString(FORMAT))
        self.setPlaceholderText("jj/mm/aaaa")
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.editingFinished.connect(self._read)

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, value: QDate) -> None:
        self.setText(value.toString(FORMAT))
        if value != self._date:
            self._date = QDate(value)
            self.dateChanged.emit(QDate(value))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._read()

    def _read(self) -> None:
        typed = parse_french_date(self.text())
        if typed is None:
            self.invalid.emit(f"Saisissez une date au format jj/mm/aaaa (par exemple {self._date.toString(FORMAT)}).")
            return
        self.invalid.emit("")
        self.setDate(QDate(typed.year, typed.month, typed.day))


def calendar_button(edit: FrenchDateEdit, name: str) -> QPushButton:
    """« Calendrier… »: a button that opens a month calendar to pick the date of ``edit``."""
    button = QPushButton("Calendrier…")
    button.setAccessibleName(f"Choisir dans un calendrier{chr(0xA0)}: {name}")
    menu = QMenu(button)
    calendar = QCalendarWidget(menu)
    calendar.setAccessibleName("Calendrier")
    action = QWidgetAction(menu)
    action.setDefaultWidget(calendar)
    menu.addAction(action)
    menu.aboutToShow.connect(lambda: calendar.setSelectedDate(edit.date()))
    menu.aboutToShow.connect(calendar.setFocus)

    def picked(day: QDate) -> None:
        edit.setDate(day)
        menu.close()
        edit.setFocus()

    calendar.activated.connect(picked)
    calendar.clicked.connect(picked)
    button.setMenu(menu)
    return button
