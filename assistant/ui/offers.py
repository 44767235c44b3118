"""The offers step: a table of market offers (add, edit, duplicate, remove), the buyer's weights,
eligibility and ranking, and a chart.

Signals:
    offers_changed(list, dict): the buyer changed the offers or the weights (domain Candidates, weights).
    retained_changed(str): the buyer retained an offer (its name) or no offer any more (empty text).
"""

from __future__ import annotations

import copy
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.domain import Candidate, Dossier, Evaluation, limits
from assistant.rulebook import Rulebook
from assistant.rulebook.summary import retained_text
from assistant.services.guidance import first_with_equal_weights
from assistant.ui.chart import ScoreChart
from assistant.ui.modal import accepted
from assistant.ui.offer_model import OfferTableModel
from assistant.ui.questions import make_question_widget
from assistant.ui.vademecum import open_help

NOT_SCORED = -1


class OfferDialog(QDialog):
    """Edits one offer: its name, its facts (from the rulebook's offer questions) and its scores."""

    def __init__(self, book: Rulebook, candidate: Candidate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Offre — {candidate.name}" if candidate.name else "Nouvelle offre")
        self.resize(760, 640)
        self.candidate = copy.deepcopy(candidate)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.name_edit = QLineEdit(candidate.name)
        self.name_edit.setAccessibleName("Nom de l'offre")
        self.name_edit.setMaxLength(limits.OFFER_NAME_MAX)
        name_form = QFormLayout()
        name_label = QLabel("&Nom de l'offre :")
        name_label.setBuddy(self.name_edit)
        name_form.addRow(name_label, self.name_edit)
        layout.addLayout(name_form)
        facts_box = QGroupBox("Caractéristiques de l'offre")
        facts_layout = QVBoxLayout(facts_box)
        self.fact_widgets = []
        for question in book.candidate_questions:
            widget = make_question_widget(question)
            widget.load(candidate.facts.get(question.id), "")
            widget.answered.connect(self._answered)
            widget.help_requested.connect(lambda page: open_help(self, page))
            facts_layout.addWidget(widget)
            self.fact_widgets.append(widget)
        layout.addWidget(facts_box)
        scores_box = QGroupBox("Notes de 0 (absent) à 5 (excellent) sur les critères de la circulaire")
        grid = QGridLayout(scores_box)
        self.score_spins: dict[str, QDoubleSpinBox] = {}
        for row, criterion in enumerate(book.criteria):
            spin = QDoubleSpinBox()
            spin.setDecimals(1)
            spin.setRange(NOT_SCORED, 5)
            spin.setSpecialValueText("non noté")
            spin.setAccessibleName(f"Note : {criterion.label}")
            spin.setToolTip(criterion.help)
            value = candidate.scores.get(criterion.id)
            spin.setValue(float(value) if value is not None else NOT_SCORED)
            label = QLabel(f"{criterion.label} :")
            label.setBuddy(spin)
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1)
            self.score_spins[criterion.id] = spin
        layout.addWidget(scores_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(self.buttons)
        self.name_edit.textChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))
        )

    def _answered(self, fact: str, value: Any) -> None:
        if value is None:
            self.candidate.facts.pop(fact, None)
        else:
            self.candidate.facts[fact] = value

    def result_candidate(self) -> Candidate:
        for widget in self.fact_widgets:
            widget.flush()
        self.candidate.name = self.name_edit.text().strip()
        scores = dict(self.candidate.scores)
        for criterion, spin in self.score_spins.items():
            shown = float(scores[criterion]) if criterion in scores else float(NOT_SCORED)
            if abs(spin.value() - shown) < 0.05:  # untouched: keep the exact value the file carries
                continue
            if spin.value() == NOT_SCORED:
                scores.pop(criterion, None)
            else:
                scores[criterion] = _number(spin.value())
        self.candidate.scores = scores
        return self.candidate


def _number(value: float) -> float | int:
    """A spin box value as stored: an integer when it is one (``3`` rather than ``3.0``)."""
    return int(value) if float(value).is_integer() else round(value, 1)


class OffersPage(QWidget):
    """The « Offres du marché » step."""

    offers_changed = Signal(list, dict)
    retained_changed = Signal(str)

    def __init__(self, book: Rulebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.candidates: list[Candidate] = []
        self.weights: dict[str, float] = {}
        self.model = OfferTableModel(book, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Offres du marché")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column in range(len(OfferTableModel.HEADERS)):
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column == 1 else QHeaderView.ResizeMode.ResizeToContents
            )
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.setMinimumHeight(140)
        self.add_button = QPushButton("A&jouter une offre…")
        self.edit_button = QPushButton("&Modifier…")
        self.duplicate_button = QPushButton("D&upliquer")
        self.remove_button = QPushButton("Ret&irer")
        self.retain_button = QPushButton("Rete&nir cette offre")
        self.retain_button.setToolTip("Marquer l'offre sélectionnée comme celle que vous retenez ; "
                                      "cliquez de nouveau pour ne plus la retenir")
        self.retain_button.clicked.connect(self.toggle_retained)
        self.retained: str | None = None
        self.retained_label = QLabel()
        self.retained_label.setWordWrap(True)
        self.retained_label.setAccessibleName("Offre retenue")
        self.add_button.clicked.connect(self.add_offer)
        self.edit_button.clicked.connect(self.edit_selected)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.duplicate_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()

        weights_box = QGroupBox("Vos pondérations")
        weights_layout = QGridLayout(weights_box)
        note = QLabel(
            "La doctrine n'impose ni hiérarchie ni pondération entre les critères : ces poids sont les vôtres "
            "(égaux par défaut). Un poids de 0 écarte le critère."
        )
        note.setWordWrap(True)
        weights_layout.addWidget(note, 0, 0, 1, 3)
        self.weight_spins: dict[str, QDoubleSpinBox] = {}
        for index, criterion in enumerate(book.criteria):
            spin = QDoubleSpinBox()
            spin.setDecimals(1)
            spin.setRange(0, 100)
            spin.setValue(1)
            spin.setAccessibleName(f"Poids : {criterion.label}")
            spin.valueChanged.connect(partial(self._weight_edited, criterion.id))
            label = QLabel(f"{criterion.label} :")
            label.setWordWrap(True)
            label.setBuddy(spin)
            cell = QVBoxLayout()
            cell.addWidget(label)
            cell.addWidget(spin)
            cell.addStretch()
            weights_layout.addLayout(cell, 1 + index // 3, index % 3)
            self.weight_spins[criterion.id] = spin
        self.stability = QLabel()
        self.stability.setWordWrap(True)
        self.chart = ScoreChart()
        self.chart.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Décrivez chaque offre étudiée : ses caractéristiques déterminent si elle respecte les exigences "
            "bloquantes (hébergement, interopérabilité…), ses notes et vos poids donnent le classement."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.path_hint = QLabel()
        self.path_hint.setWordWrap(True)
        self.path_hint.setStyleSheet("color: #444; font-style: italic;")
        layout.addWidget(self.path_hint)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        retained_row = QHBoxLayout()
        retained_row.addWidget(self.retain_button)
        retained_row.addWidget(self.retained_label, 1)
        layout.addLayout(retained_row)
        layout.addWidget(self.stability)
        layout.addWidget(weights_box)
        layout.addWidget(self.chart)
        self._loading = False

    def load(self, dossier: Dossier) -> None:
        self._loading = True
        self.candidates = [copy.deepcopy(c) for c in dossier.candidates]
        self.weights = dict(dossier.weights)
        self.retained = dossier.retained
        for criterion, spin in self.weight_spins.items():
            spin.setValue(float(self.weights.get(criterion, self.book.default_weight)))
        self._loading = False

    def show_evaluation(self, dossier: Dossier, evaluation: Evaluation) -> None:
        path = self.book.label("path", evaluation.path)
        self.path_hint.setVisible(evaluation.path in ("reuse_mutualised", "build_specific"))
        self.path_hint.setText(
            f"Le chemin retenu (« {path} ») ne passe pas par le marché : décrire des offres reste possible, "
            "par exemple pour documenter la comparaison qui a écarté le marché."
        )
        results = {c.name: c for c in evaluation.candidates}
        ranks = {name: i + 1 for i, name in enumerate(evaluation.ranking)}
        selected = self.selected_row()
        self.model.reload([(c, results.get(c.name)) for c in self.candidates], ranks)
        self.view.resizeRowsToContents()
        if selected is not None and selected < self.model.rowCount():
            self.view.selectRow(selected)
        first, first_equal = first_with_equal_weights(self.book, dossier, evaluation)
        if first is None:
            self.stability.setText("Aucune offre éligible notée pour l'instant.")
        elif first == first_equal:
            self.stability.setText(f"« {first} » arrive en tête, et y reste avec des poids égaux.")
        else:
            self.stability.setText(
                f"« {first} » arrive en tête avec vos poids ; avec des poids égaux, ce serait « {first_equal} ». "
                "Justifiez vos pondérations dans la note."
            )
        self.chart.set_data([(c.id, c.label) for c in self.book.criteria],
                            [(c.name, c.scores) for c in self.candidates])
        has = selected is not None
        for button in (self.edit_button, self.duplicate_button, self.remove_button, self.retain_button):
            button.setEnabled(has or self.model.rowCount() > 0)
        self._show_retained(evaluation)

    def _show_retained(self, evaluation: Evaluation) -> None:
        """« Offre retenue : S2 (rang 1) », « aucune offre retenue », in red when the offer is not eligible."""
        text = f"Offre retenue : {retained_text(self.book, evaluation)}"
        retained = evaluation.retained
        if retained is not None and not retained.eligible:
            text += " — elle n'est pas éligible : voyez les avertissements."
            self.retained_label.setStyleSheet("color: #b34000; font-weight: bold;")
        else:
            self.retained_label.setStyleSheet("font-weight: bold;")
        self.retained_label.setText(text)

    def toggle_retained(self) -> None:
        """Retain the selected offer, or retain none when it already is the retained one."""
        row = self.selected_row()
        if row is None:
            return
        name = self.candidates[row].name
        self.retained = None if self.retained == name else name
        self.retained_changed.emit(self.retained or "")

    def selected_row(self) -> int | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return rows[0].row() if rows else None

    def _weight_edited(self, criterion: str, value: float) -> None:
        """Only the criterion the buyer changed is written: the others keep their exact values."""
        if self._loading:
            return
        self.weights[criterion] = _number(value)
        self._emit()

    def _emit(self) -> None:
        self.offers_changed.emit([copy.deepcopy(c) for c in self.candidates], dict(self.weights))

    def _unique_name(self, base: str) -> str:
        names = {c.name for c in self.candidates}
        if base not in names:
            return base
        number = 2
        while f"{base} ({number})" in names:
            number += 1
        return f"{base} ({number})"

    def add_offer(self) -> None:
        dialog = OfferDialog(self.book, Candidate(name=self._unique_name(f"Offre {len(self.candidates) + 1}")), self)
        if accepted(dialog):
            candidate = dialog.result_candidate()
            candidate.name = self._unique_name(candidate.name)
            self.candidates.append(candidate)
            self._emit()
            self.view.selectRow(len(self.candidates) - 1)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = OfferDialog(self.book, self.candidates[row], self)
        if accepted(dialog):
            edited = dialog.result_candidate()
            others = {c.name for i, c in enumerate(self.candidates) if i != row}
            if edited.name in others:
                edited.name = self._unique_name(edited.name)
            renamed = self.candidates[row].name == self.retained and edited.name != self.retained
            self.candidates[row] = edited
            self._emit()
            if renamed:  # the retained offer keeps being retained under its new name
                self.retained = edited.name
                self.retained_changed.emit(edited.name)

    def duplicate_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        clone = copy.deepcopy(self.candidates[row])
        clone.name = self._unique_name(f"{clone.name} (copie)")
        self.candidates.insert(row + 1, clone)
        self._emit()

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        del self.candidates[row]
        self._emit()
