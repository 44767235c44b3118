"""One widget per question type, generated from ``rules/questions.yaml``.

Unknown is a real answer: every widget can say « Je ne sais pas », which removes the fact (value ``None``).
Signals:
    answered(str, object): the buyer gave an answer (``None`` = unknown) for the fact id.
    justified(str, str): the buyer typed a justification for the fact id.
    help_requested(str): the buyer followed « En savoir plus » to a vademecum page id.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from assistant.domain import limits
from assistant.rulebook.facts import LARGEST
from assistant.rulebook.french import format_eur, format_number
from assistant.rulebook.model import Question
from assistant.ui.a11y import HelpLink, describe
from assistant.ui.dates import FrenchDateEdit, calendar_button
from assistant.ui.wrapping import WrapCheckBox, WrapRadioButton

UNKNOWN_LABEL = "Je ne sais pas"
TYPING_DELAY_MS = 400


def parse_french_number(text: str) -> float | None:
    """``1 234 567,5 €`` → 1234567.5; None for an empty or unreadable text."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]|HT|TTC", "", text, flags=re.IGNORECASE).replace(",", ".")
    if not cleaned:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


class PlainEditor(QPlainTextEdit):
    """A text editor that reports when it loses the focus, so that nothing typed is left unsaved, and
    holds at most ``max_length`` characters (``assistant.domain.limits``): what goes beyond, typed or
    pasted, is removed at once, as ``QLineEdit.setMaxLength`` does."""

    focus_lost = Signal()

    def __init__(self, max_length: int = limits.OTHER_TEXT_MAX) -> None:
        super().__init__()
        self.max_length = max_length
        self.textChanged.connect(self._enforce_max_length)

    def _enforce_max_length(self) -> None:
        excess = self.document().characterCount() - 1 - self.max_length  # Qt counts UTF-16 units
        if excess <= 0:
            return
        cursor = self.textCursor()
        end = cursor.position()
        if end < excess:  # the cursor is not after what was added: cut the end of the text instead
            end = self.document().characterCount() - 1
            cursor.setPosition(end)
        cursor.setPosition(end - excess, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self.setTextCursor(cursor)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class QuestionWidget(QFrame):
    """A question: label, help, « En savoir plus », the input, and a justification when asked for."""

    answered = Signal(str, object)
    justified = Signal(str, str)
    help_requested = Signal(str)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"question:{question.id}")
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 10)
        self.label = QLabel(f"<b>{_html(question.label)}</b>")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.label)
        if question.help:
            help_label = QLabel(_html(question.help))
            help_label.setWordWrap(True)
            help_label.setStyleSheet("color: #444;")
            layout.addWidget(help_label)
        self.input = self._build_input()
        layout.addWidget(self.input)
        if question.help:
            describe(self.input, question.help)
        if question.page:
            self.more = HelpLink("En savoir plus", question.page, f"En savoir plus : {question.label}")
            self.more.followed.connect(self.help_requested.emit)
            layout.addWidget(self.more, alignment=Qt.AlignmentFlag.AlignLeft)
        self.justification_box = QWidget()
        box = QVBoxLayout(self.justification_box)
        box.setContentsMargins(16, 4, 0, 0)
        self.justification_label = QLabel("Justification demandée par la doctrine :")
        self.justification_edit = PlainEditor(limits.JUSTIFICATION_MAX)
        self.justification_edit.setAccessibleName(f"Justification : {question.label}")
        self.justification_edit.setPlaceholderText(question.justification_message or "Expliquez pourquoi…")
        self.justification_edit.setFixedHeight(80)
        self.justification_edit.setTabChangesFocus(True)  # Tab leaves the field: no keyboard trap
        self.justification_label.setBuddy(self.justification_edit)
        self.justification_hint = QLabel("⚠ Sans justification, ce choix reste signalé comme un avertissement.")
        self.justification_hint.setStyleSheet("color: #b34000;")
        self.justification_hint.setWordWrap(True)
        box.addWidget(self.justification_label)
        box.addWidget(self.justification_edit)
        box.addWidget(self.justification_hint)
        layout.addWidget(self.justification_box)
        self.justification_box.hide()
        self._justify_timer = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._justify_timer.timeout.connect(self._emit_justification)
        self.justification_edit.textChanged.connect(self._justification_typed)
        self.justification_edit.focus_lost.connect(self.flush)

    # -- subclasses ----------------------------------------------------------------------------------
    def _build_input(self) -> QWidget:
        """The input widget; each question type below builds its own."""
        return QLabel()

    def set_value(self, value: Any) -> None:
        """Show a stored value (``None`` = unknown) without emitting ``answered``."""

    def focus_input(self) -> None:
        self.input.setFocus()

    # -- shared --------------------------------------------------------------------------------------
    def _emit(self, value: Any) -> None:
        if not self._loading:
            self.answered.emit(self.question.id, value)

    def load(self, value: Any, justification: str) -> None:
        self._loading = True
        try:
            self.set_value(value)
            if self.justification_edit.toPlainText() != justification:
                self.justification_edit.setPlainText(justification)
        finally:
            self._loading = False
        self._update_hint()

    def show_justification(self, needed: bool) -> None:
        self.justification_box.setVisible(needed)
        self._update_hint()

    def _justification_typed(self) -> None:
        self._update_hint()
        if not self._loading:
            self._justify_timer.start()

    def _emit_justification(self) -> None:
        self.justified.emit(self.question.id, self.justification_edit.toPlainText())

    def _update_hint(self) -> None:
        self.justification_hint.setVisible(not self.justification_edit.toPlainText().strip())

    def flush(self) -> None:
        """Store at once what is being typed (before closing, or when the focus leaves)."""
        if self._justify_timer.isActive():
            self._justify_timer.stop()
            self._emit_justification()


class ChoiceQuestion(QuestionWidget):
    """Radio buttons, one per option, plus « Je ne sais pas »."""

    def _build_input(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(2)
        self.group = QButtonGroup(self)
        self.buttons: dict[Any, QRadioButton] = {}
        for option in self._options():
            button = WrapRadioButton(option[1])
            button.setAccessibleName(f"{self.question.label} : {option[1]}")
            self.group.addButton(button)
            self.buttons[option[0]] = button
            layout.addWidget(button)
            button.toggled.connect(partial(self._option_toggled, option[0]))
        self.label.setBuddy(next(iter(self.buttons.values())))
        return box

    def _option_toggled(self, value: Any, on: bool) -> None:
        # A slot must return None: PySide6 mishandles a Python bool returned to a signal (refcount).
        if on:
            self._emit(value)

    def _options(self) -> list[tuple[Any, str]]:
        return [(o.value, o.label) for o in self.question.options] + [(None, UNKNOWN_LABEL)]

    def set_value(self, value: Any) -> None:
        button = self.buttons.get(value) or self.buttons[None]
        button.setChecked(True)

    def focus_input(self) -> None:
        checked = self.group.checkedButton() or next(iter(self.buttons.values()))
        checked.setFocus()


class BoolQuestion(ChoiceQuestion):
    """Oui, Non, Je ne sais pas: unknown is never a default « non »."""

    def _options(self) -> list[tuple[Any, str]]:
        return [(True, "Oui"), (False, "Non"), (None, UNKNOWN_LABEL)]

    def set_value(self, value: Any) -> None:
        self.buttons[value if isinstance(value, bool) else None].setChecked(True)


class MultiChoiceQuestion(QuestionWidget):
    """Check boxes; « Je ne sais pas » checked means unknown, nothing checked means « aucun »."""

    def _build_input(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for option in self.question.options:
            check = WrapCheckBox(option.label)
            check.setAccessibleName(f"{self.question.label} : {option.label}")
            self.boxes[option.value] = check
            layout.addWidget(check)
            check.toggled.connect(lambda _on: self._changed())
        self.unknown = WrapCheckBox(UNKNOWN_LABEL)
        self.unknown.setAccessibleName(f"{self.question.label} : {UNKNOWN_LABEL}")
        self.unknown.toggled.connect(lambda _on: self._changed())
        layout.addWidget(self.unknown)
        self.label.setBuddy(next(iter(self.boxes.values()), self.unknown))
        return box

    def _changed(self) -> None:
        for check in self.boxes.values():
            check.setEnabled(not self.unknown.isChecked())
        if self.unknown.isChecked():
            self._emit(None)
        else:
            self._emit([value for value, check in self.boxes.items() if check.isChecked()])

    def set_value(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for option, check in self.boxes.items():
            check.setChecked(option in chosen)
        self.unknown.setChecked(not isinstance(value, list))
        for check in self.boxes.values():
            check.setEnabled(not self.unknown.isChecked())


class NumberQuestion(QuestionWidget):
    """A number typed freely and shown in French format (``1 234 567 €``); empty means unknown."""

    def _build_input(self) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(8, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(self.question.label)
        self.edit.setMaximumWidth(260)
        self.edit.setPlaceholderText("Laisser vide si vous ne savez pas")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b34000;")
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addStretch()
        self.label.setBuddy(self.edit)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._timer.timeout.connect(self._commit)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.edit.editingFinished.connect(self._finish)
        return box

    def _value(self) -> tuple[bool, float | int | None]:
        text = self.edit.text().strip()
        if not text:
            return True, None
        number = parse_french_number(text)
        if (number is None or number < 0 or number > LARGEST
                or (self.question.type == "integer" and not number.is_integer())):
            kind = "un nombre entier positif" if self.question.type == "integer" else "un montant positif"
            self.error.setText(f"Saisissez {kind} (par exemple 1 234 567).")
            return False, None
        self.error.clear()
        return True, int(number) if self.question.type == "integer" or number.is_integer() else number

    def _commit(self) -> None:
        ok, value = self._value()
        if ok:
            self._emit(value)

    def _finish(self) -> None:
        self.flush()
        ok, value = self._value()
        if ok and value is not None:
            self.edit.setText(self._format(value))

    def _format(self, value: float) -> str:
        unit = self.question.unit
        return format_eur(value, unit) if unit.startswith("eur") else format_number(value)

    def set_value(self, value: Any) -> None:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        self.edit.setText(self._format(value) if numeric else "")
        self.error.clear()

    def flush(self) -> None:
        super().flush()
        if self._timer.isActive():
            self._timer.stop()
            self._commit()


class DateQuestion(QuestionWidget):
    """A date with a calendar, or « Je ne sais pas » (then the evaluation date is used)."""

    def _build_input(self) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(8, 0, 0, 0)
        self.edit = FrenchDateEdit()
        self.edit.setAccessibleName(self.question.label)
        self.edit.setAccessibleDescription("Date au format jour/mois/année, par exemple 15/03/2026")
        self.calendar = calendar_button(self.edit, self.question.label)
        self.unknown = WrapCheckBox(f"{UNKNOWN_LABEL} (la date d'évaluation est retenue)")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b34000;")
        self.error.setWordWrap(True)
        column = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.edit)
        row.addWidget(self.calendar)
        row.addWidget(self.unknown, 1)
        column.addLayout(row)
        column.addWidget(self.error)
        layout.addLayout(column)
        self.label.setBuddy(self.edit)
        self.edit.dateChanged.connect(lambda _d: self._changed())
        self.edit.invalid.connect(self.error.setText)
        self.unknown.toggled.connect(lambda _on: self._changed())
        return box

    def _changed(self) -> None:
        self.edit.setEnabled(not self.unknown.isChecked())
        self.calendar.setEnabled(not self.unknown.isChecked())
        self._emit(None if self.unknown.isChecked() else self.edit.date().toString("yyyy-MM-dd"))

    def set_value(self, value: Any) -> None:
        known = isinstance(value, str)
        if known:
            try:
                day = date.fromisoformat(value)
                self.edit.setDate(QDate(day.year, day.month, day.day))
            except ValueError:
                known = False
        self.unknown.setChecked(not known)
        self.edit.setEnabled(known)
        self.calendar.setEnabled(known)


class TextQuestion(QuestionWidget):
    """Free text, saved as it is typed; empty means unknown."""

    def _build_input(self) -> QWidget:
        self.edit = PlainEditor(limits.TEXT_ANSWER_MAX)
        self.edit.setAccessibleName(self.question.label)
        self.edit.setFixedHeight(70)
        self.edit.setTabChangesFocus(True)
        self.label.setBuddy(self.edit)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._timer.timeout.connect(self._commit)
        self.edit.textChanged.connect(lambda: None if self._loading else self._timer.start())
        self.edit.focus_lost.connect(self.flush)
        return self.edit

    def _commit(self) -> None:
        text = self.edit.toPlainText()
        self._emit(text if text.strip() else None)

    def set_value(self, value: Any) -> None:
        text = value if isinstance(value, str) else ""
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)

    def flush(self) -> None:
        super().flush()
        if self._timer.isActive():
            self._timer.stop()
            self._commit()


WIDGETS: dict[str, type[QuestionWidget]] = {
    "choice": ChoiceQuestion,
    "bool": BoolQuestion,
    "multi_choice": MultiChoiceQuestion,
    "integer": NumberQuestion,
    "number": NumberQuestion,
    "date": DateQuestion,
    "text": TextQuestion,
}


def make_question_widget(question: Question, parent: QWidget | None = None) -> QuestionWidget:
    return WIDGETS.get(question.type, TextQuestion)(question, parent)


def _html(text: str) -> str:
    """Escape for a rich-text label; amounts stay on one line (Qt's rich text breaks at U+202F)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\u202f", "\u00a0")
