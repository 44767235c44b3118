"""Training-mode widgets: the case chooser, the exercise correction, and the what-if comparison.

Signals (CaseDialog): case_chosen(str, bool): a case name, and whether it opens as an exercise.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.rulebook import format_date
from assistant.services.cases import Difference, TrainingCase, list_cases

if TYPE_CHECKING:
    from assistant.domain import Dossier, Evaluation
    from assistant.rulebook import Rulebook

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class CaseDialog(QDialog):
    """Lists the training cases with their teaching notes; opens one as a fresh copy or as an exercise."""

    case_chosen = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cas de formation")
        self.resize(980, 600)
        self.cases = {case.name: case for case in list_cases()}
        self.list = QListWidget()
        self.list.setAccessibleName("Cas de formation")
        for case in self.cases.values():
            item = QListWidgetItem(f"{case.title}\n{case.level}")
            item.setData(NAME_ROLE, case.name)
            self.list.addItem(item)
        self.notes = QTextBrowser()
        self.notes.setAccessibleName("Notes pédagogiques du cas")
        self.list.currentItemChanged.connect(self._show)
        self.open_button = QPushButton("Ouvrir une &copie du cas")
        self.exercise_button = QPushButton("Ouvrir en &exercice (réponses masquées)")
        self.open_button.clicked.connect(lambda: self._choose(exercise=False))
        self.exercise_button.clicked.connect(lambda: self._choose(exercise=True))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.list, 2)
        top.addWidget(self.notes, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.exercise_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        if self.list.count():
            self.list.setCurrentRow(0)

    def current(self) -> TrainingCase | None:
        item = self.list.currentItem()
        return self.cases.get(item.data(NAME_ROLE)) if item else None

    def _show(self, *_args: object) -> None:
        case = self.current()
        if case is None:
            return
        shows = "".join(f"<li>{escape(s)}</li>" for s in case.shows)
        discussion = "".join(f"<li>{escape(s)}</li>" for s in case.discussion)
        self.notes.setHtml(
            f"<h2>{escape(case.title)}</h2><p><i>Niveau : {escape(case.level)}</i></p>"
            f"<p>{escape(case.summary)}</p><h3>Ce que le cas montre</h3><ul>{shows}</ul>"
            f"<h3>Points à discuter</h3><ul>{discussion}</ul>"
        )

    def _choose(self, *, exercise: bool) -> None:
        case = self.current()
        if case is not None:
            self.case_chosen.emit(case.name, exercise)
            self.accept()


def differences_html(differences: list[Difference], book: Rulebook, *, left: str, right: str) -> str:
    """A two-column table of differences, each with the rule's explanation and its sources."""
    if not differences:
        return "<p><b>Aucune différence.</b></p>"
    rows = []
    for diff in differences:
        sources = ", ".join(_dated_source(book, s) for s in diff.sources)
        rows.append(
            f"<tr><td><b>{escape(diff.label)}</b></td><td>{escape(diff.trainee_value)}</td>"
            f"<td style='background:#e8f5e9'>{escape(diff.correction_value)}</td></tr>"
            f"<tr><td></td><td colspan='2'><small>{escape(diff.explanation)}"
            + (f"<br>Sources : {sources}" if sources else "")
            + "</small></td></tr>"
        )
    return (
        "<table cellspacing='0' cellpadding='6' border='1' style='border-collapse:collapse' width='100%'>"
        f"<tr><th></th><th>{escape(left)}</th><th>{escape(right)}</th></tr>{''.join(rows)}</table>"
    )


def _dated_source(book: Rulebook, source: str) -> str:
    """A source's title and its date (« Décret … (1er avril 2026) »), for the rule behind a difference."""
    title = escape(book.source_title(source))
    found = book.sources.get(source)
    if found is None or not found.date:
        return title
    try:
        return f"{title} ({escape(format_date(str(found.date)))})"
    except ValueError:
        return f"{title} ({escape(str(found.date))})"


def inputs_html(rows: list[tuple[str, str, str]]) -> str:
    """« Ce qui a changé »: each changed answer, before and after."""
    if not rows:
        return "<p>Aucune réponse n'a changé.</p>"
    items = "".join(f"<li><b>{escape(label)}</b> : {escape(before)} → {escape(after)}</li>"
                    for label, before, after in rows)
    return f"<h3>Ce qui a changé</h3><ul>{items}</ul>"


class CorrectionDialog(QDialog):
    """« Comparer avec la correction »: each differing answer and conclusion, with its rule and sources."""

    def __init__(self, book: Rulebook, title: str, answers: list[Difference], outcomes: list[Difference],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Correction — {title}")
        self.resize(1000, 680)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Correction de l'exercice")
        score = "Toutes vos réponses correspondent à la correction." if not answers else (
            f"{len(answers)} réponse(s) diffèrent de la correction.")
        self.browser.setHtml(
            f"<h2>{escape(title)}</h2><p>{escape(score)}</p>"
            "<h3>Conclusions</h3>"
            + differences_html(outcomes, book, left="Votre dossier", right="Correction")
            + "<h3>Réponses</h3>"
            + differences_html(answers, book, left="Votre réponse", right="Correction")
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(close)


class WhatIfPanel(QWidget):
    """Side by side: the conclusions of the case and those with the changed answers, and the rule that
    makes each difference."""

    def __init__(self, book: Rulebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.heading = QLabel("<b>Et si ? — comparaison avec le cas de départ</b>")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Comparaison et si")
        self.undo_button = QPushButton("Revenir au &cas")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser)
        layout.addWidget(self.undo_button)
        self.differences: list[Difference] = []

    def show_comparison(self, base: Evaluation, changed: Evaluation,
                        base_dossier: Dossier | None = None, dossier: Dossier | None = None) -> None:
        """The changed answers (when both dossiers are given), then each changed conclusion with its rule."""
        from assistant.services.training import changed_inputs, what_if

        self.differences = what_if(self.book, base, changed)
        inputs = ""
        if base_dossier is not None and dossier is not None:
            inputs = inputs_html(changed_inputs(self.book, base_dossier, dossier))
        if not self.differences:
            self.browser.setHtml(inputs + "<p>Vos changements ne modifient aucune conclusion.</p>")
            return
        self.browser.setHtml(inputs + "<h3>Conclusions</h3>" + differences_html(
            self.differences, self.book, left="Cas de départ", right="Avec vos changements"))

    def text(self) -> str:
        return self.browser.toPlainText()
