"""The guided dossier through the real window: answers typed into the generated widgets, the live
conclusion, autosave and reopening, « Je ne sais pas » as a real answer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from assistant.domain import Dossier
from assistant.rulebook import load_rulebook
from assistant.rulebook.french import format_number
from assistant.ui.dialogs import DossierInfoDialog
from assistant.ui.editor import DossierEditor
from assistant.ui.main_window import MainWindow
from assistant.ui.questions import (
    BoolQuestion,
    ChoiceQuestion,
    DateQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    QuestionWidget,
    TextQuestion,
)
from tests.conftest import EXAMPLES, close_next_message_box

STEP_IDS = [step.id for step in load_rulebook().steps]


def answer(qtbot, widget: QuestionWidget, value: object) -> None:  # type: ignore[no-untyped-def]
    """Answer the way a buyer would: click the option, type the number, pick the date."""
    widget.setVisible(True)
    if isinstance(widget, BoolQuestion | ChoiceQuestion):
        qtbot.mouseClick(widget.buttons[value], Qt.MouseButton.LeftButton)
        widget.buttons[value].setChecked(True)
    elif isinstance(widget, MultiChoiceQuestion):
        if widget.unknown.isChecked():
            widget.unknown.setChecked(False)
        for option, box in widget.boxes.items():
            box.setChecked(option in value)  # type: ignore[operator]
    elif isinstance(widget, NumberQuestion):
        widget.edit.clear()
        qtbot.keyClicks(widget.edit, str(value))
        widget.edit.editingFinished.emit()
    elif isinstance(widget, DateQuestion):
        day = date.fromisoformat(str(value))
        widget.unknown.setChecked(False)
        widget.edit.setDate(QDate(day.year, day.month, day.day))
    elif isinstance(widget, TextQuestion):
        widget.edit.setPlainText(str(value))
    widget.flush()


def norm(text: str) -> str:
    """QTextDocument.toPlainText turns no-break spaces into spaces; compare the same way."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _new_dossier_through_the_window(qtbot, ctx, title: str) -> DossierEditor:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DossierInfoDialog)
        dialog.title_edit.setText(title)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    dossier_id = window.new_dossier()
    assert dossier_id is not None
    editor = window._editors[dossier_id]
    assert isinstance(editor, DossierEditor)
    qtbot.addWidget(editor)
    return editor


def _fill(qtbot, editor: DossierEditor, example: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    for step in range(len(STEP_IDS)):
        qtbot.mouseClick(editor.next_button, Qt.MouseButton.LeftButton) if step else None
        for question in editor.book.questions:
            if question.step != editor.current_step() or question.id not in example["facts"]:
                continue
            answer(qtbot, editor.question_widgets[question.id], example["facts"][question.id])
            if question.id in example["justifications"]:
                widget = editor.question_widgets[question.id]
                widget.justification_edit.setPlainText(example["justifications"][question.id])
                widget.flush()
    editor.flush()


@pytest.mark.parametrize(
    "name", ["gestion-enquetes-dr", "site-commune", "visio-prefecture", "tableur-collaboratif-innovant"]
)
def test_a_dossier_from_new_to_synthesis(qtbot, ctx, name: str) -> None:  # type: ignore[no-untyped-def]
    example = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    editor = _new_dossier_through_the_window(qtbot, ctx, example["title"])
    _fill(qtbot, editor, example)
    assert editor.current_step() == "synthese"
    stored = ctx.repository.get(editor.dossier_id)
    assert stored.facts == example["facts"]
    book = ctx.rulebook
    panel = norm(editor.conclusion.text())
    assert norm(book.label("path", expected["path"])) in panel
    assert norm(book.label("sensitivity", expected["sensitivity"])) in panel
    assert norm(book.label("procedure", expected["procedure"])) in panel
    for requirement in expected["hosting"]:
        assert norm(book.label("hosting", requirement)) in panel
    if not expected["hosting"]:
        assert "Aucune exigence particulière" in panel
    assert ("Avis de la DINUM\nRequis" in panel) == expected["dinum_opinion_required"]
    if not expected["dinum_opinion_required"]:
        assert "Avis de la DINUM\nNon requis" in panel or "Avis de la DINUM\nIndéterminé" in panel
    assert book.label("path", expected["path"]) in editor.synthesis.text()
    editor.close()


def test_closing_and_reopening_finds_every_answer_and_the_step(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    example = json.loads((EXAMPLES / "plateforme-donnees-sante.json").read_text(encoding="utf-8"))
    editor = _new_dossier_through_the_window(qtbot, ctx, "Données de santé")
    _fill(qtbot, editor, example)
    editor.go_to_step(STEP_IDS.index("donnees"))
    dossier_id = editor.dossier_id
    editor.close()

    reopened = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(reopened)
    assert reopened.current_step() == "donnees"
    for fact, value in example["facts"].items():
        widget = reopened.question_widgets[fact]
        if isinstance(widget, BoolQuestion | ChoiceQuestion):
            assert widget.buttons[value].isChecked(), fact
        elif isinstance(widget, MultiChoiceQuestion):
            assert {o for o, b in widget.boxes.items() if b.isChecked()} == set(value), fact
            assert not widget.unknown.isChecked()
        elif isinstance(widget, NumberQuestion):
            assert widget.edit.text().startswith(format_number(value)), fact
        elif isinstance(widget, DateQuestion):
            assert widget.edit.date().toString("yyyy-MM-dd") == value
        elif isinstance(widget, TextQuestion):
            assert widget.edit.toPlainText() == value


def test_je_ne_sais_pas_is_listed_as_missing(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    example = json.loads((EXAMPLES / "site-commune.json").read_text(encoding="utf-8"))
    dossier_id = ctx.repository.add(Dossier(title="Commune", facts=dict(example["facts"])))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    assert "data.personal" not in editor.evaluation.missing  # type: ignore[union-attr]
    widget = editor.question_widgets["data.personal"]
    assert isinstance(widget, BoolQuestion)
    qtbot.mouseClick(widget.buttons[None], Qt.MouseButton.LeftButton)
    widget.buttons[None].setChecked(True)
    qtbot.waitUntil(lambda: "data.personal" in editor.evaluation.missing)  # type: ignore[union-attr]
    assert "data.personal" not in ctx.repository.get(dossier_id).facts
    assert norm(editor.book.fact_label("data.personal")) in norm(editor.conclusion.text())
    # the missing answer is a link to its question
    editor.conclusion.question_requested.emit("data.personal")
    assert editor.current_step() == "donnees"


def test_a_missing_justification_shows_and_warns(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(Dossier(title="Visio", facts={
        "buyer.kind": "state_administration", "need.category": "videoconference"}))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    widget = editor.question_widgets["existing.mutualised_fit"]
    answer(qtbot, widget, "does_not_fit")
    editor.refresh()
    assert not widget.justification_box.isHidden()
    assert not widget.justification_hint.isHidden()
    warnings_before = len(editor.evaluation.warnings)  # type: ignore[union-attr]
    widget.justification_edit.setPlainText("Visio ne permet pas les webinaires à 3 000 participants.")
    widget.flush()
    editor.refresh()
    assert widget.justification_hint.isHidden()
    assert ctx.repository.get(dossier_id).justifications["existing.mutualised_fit"].startswith("Visio")
    assert len(editor.evaluation.warnings) < warnings_before  # type: ignore[union-attr]


def test_amounts_are_shown_in_french_format(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.create("Montants")
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    widget = editor.question_widgets["procurement.estimated_amount_eur_ht"]
    assert isinstance(widget, NumberQuestion)
    answer(qtbot, widget, "1234567")
    assert ctx.repository.get(dossier_id).facts["procurement.estimated_amount_eur_ht"] == 1234567
    assert widget.edit.text() == "1\u202f234\u202f567\u00a0€\u00a0HT"
    widget.edit.setText("12,5 abc")
    widget.edit.editingFinished.emit()
    assert "Saisissez" in widget.error.text()
    assert ctx.repository.get(dossier_id).facts["procurement.estimated_amount_eur_ht"] == 1234567


def test_every_input_has_an_accessible_name_and_tab_reaches_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit

    editor = DossierEditor(ctx, ctx.repository.create("Accessibilité"))
    qtbot.addWidget(editor)
    for widget in editor.findChildren(QLineEdit) + editor.findChildren(QPlainTextEdit):
        if widget.parent() is not None and "qt_spinbox" not in widget.objectName():
            assert widget.accessibleName(), widget
    for button in editor.findChildren(QAbstractButton):
        if button.objectName().startswith("qt_"):
            continue
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, button.text()


def test_offers_step_adds_duplicates_and_ranks(qtbot, ctx, rulebook) -> None:  # type: ignore[no-untyped-def]
    from assistant.exchange import read_dossier_file

    dossier = read_dossier_file(EXAMPLES / "plateforme-donnees-sante.json")
    dossier_id = ctx.repository.add(dossier)
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    editor.go_to_step(STEP_IDS.index("offres"))
    offers = editor.offers
    assert offers.model.rowCount() == 2
    assert offers.model.index(0, 1).data() == "Éligible"
    assert offers.model.index(1, 1).data().startswith("Bloquée")
    assert "reste avec des poids égaux" in offers.stability.text() or "poids égaux" in offers.stability.text()
    offers.view.selectRow(0)
    offers.duplicate_selected()
    assert [c.name for c in ctx.repository.get(dossier_id).candidates] == ["Offre A", "Offre A (copie)", "Offre B"]
    offers.view.selectRow(1)
    offers.remove_selected()
    assert len(ctx.repository.get(dossier_id).candidates) == 2
    offers.weight_spins["cost"].setValue(5)
    assert ctx.repository.get(dossier_id).weights["cost"] == 5
    editor.close()


def test_report_is_generated_off_the_interface_thread(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from assistant.exchange import read_dossier_file

    dossier_id = ctx.repository.add(read_dossier_file(EXAMPLES / "visio-prefecture.json"))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    editor.setProperty("ask_to_open", False)
    target = tmp_path / "note.pdf"
    worker = editor.start_report(target)
    assert editor.busy.isVisibleTo(editor)
    with qtbot.waitSignal(worker.signals.finished, timeout=20000):
        pass
    qtbot.waitUntil(editor.report_button.isEnabled)
    assert target.read_bytes()[:5] == b"%PDF-"
    assert "reported" in [e.kind for e in ctx.repository.events(dossier_id)]


def test_editing_one_weight_or_opening_an_offer_keeps_the_other_exact_values(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]

    from assistant.domain import Candidate
    from assistant.ui.offers import OfferDialog

    dossier = Dossier(title="Poids", weights={"security": 25, "cost": 2.5},
                      candidates=[Candidate(name="A", scores={"cost": 3.5, "security": 4})])
    dossier_id = ctx.repository.add(dossier)
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    editor.offers.weight_spins["performance"].setValue(3)
    assert ctx.repository.get(dossier_id).weights == {"security": 25, "cost": 2.5, "performance": 3}
    dialog = OfferDialog(ctx.rulebook, ctx.repository.get(dossier_id).candidates[0])
    qtbot.addWidget(dialog)
    assert dialog.result_candidate().scores == {"cost": 3.5, "security": 4}
    dialog.score_spins["performance"].setValue(2)
    dialog.score_spins["cost"].setValue(-1)
    assert dialog.result_candidate().scores == {"security": 4, "performance": 2}


def test_unreadable_or_infinite_amounts_are_refused(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.create("Montants")
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    widget = editor.question_widgets["procurement.estimated_amount_eur_ht"]
    assert isinstance(widget, NumberQuestion)
    for text in ("inf", "nan", "1e400", "99999999999999999999"):
        widget.edit.setText(text)
        widget.edit.editingFinished.emit()
        assert "Saisissez" in widget.error.text(), text
    assert "procurement.estimated_amount_eur_ht" not in ctx.repository.get(dossier_id).facts
    DossierEditor(ctx, dossier_id).close()  # the dossier still opens


def test_an_unexpected_failure_in_a_worker_is_told_in_french() -> None:
    from assistant.services.reporting import ReportError
    from assistant.ui.workers import user_message

    assert user_message(ReportError("Impossible d'écrire la note.")) == "Impossible d'écrire la note."
    assert "erreur inattendue" in user_message(ValueError("not enough values to unpack"))


def test_the_synthesis_shows_the_dossier_history(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.create("Historique")
    ctx.repository.set_fact(dossier_id, "need.users", 12)
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    editor.go_to_step(STEP_IDS.index("synthese"))
    text = editor.journal.text()
    assert "Historique du dossier" in text and "Création" in text
    assert "Combien d" in text  # the answered question, by its label


def test_a_refused_write_is_told_and_the_widget_shows_what_is_stored(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    dossier_id = ctx.repository.add(Dossier(title="Disque plein", facts={"data.personal": False}))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    with ctx.database.engine.begin() as connection:  # the database now refuses every change of a dossier
        connection.execute(text("CREATE TRIGGER refuse BEFORE UPDATE ON dossier "
                                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"))
    messages = close_next_message_box()
    widget = editor.question_widgets["data.personal"]
    assert isinstance(widget, BoolQuestion)
    widget.buttons[True].setChecked(True)
    assert messages and "rien n'a été modifié" in messages[0]
    assert widget.buttons[False].isChecked()  # back to what is stored
    assert ctx.repository.get(dossier_id).facts["data.personal"] is False
