"""Training mode in the window: cases as fresh copies, what-if, exercises and their correction, the
presenter view and the reset of training data."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from assistant.rulebook import load_rulebook
from assistant.services.context import open_context
from assistant.services.training import open_case
from assistant.ui.editor import DossierEditor
from assistant.ui.main_window import MainWindow
from assistant.ui.questions import BoolQuestion
from assistant.ui.training import CaseDialog, CorrectionDialog
from tests.conftest import plain

STEP_IDS = [step.id for step in load_rulebook().steps]


def _training_ctx(data_paths, rulebook):  # type: ignore[no-untyped-def]
    return open_context(data_paths.training(), rulebook=rulebook, training=True)


def test_what_if_shows_the_changed_conclusion_and_the_rule(qtbot, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    ctx = _training_ctx(data_paths, rulebook)
    try:
        dossier_id = open_case(ctx, "tchap-services-deconcentres")
        editor = DossierEditor(ctx, dossier_id)
        qtbot.addWidget(editor)
        assert "FORMATION" in editor.windowTitle()
        assert editor.evaluation.sensitivity == "standard"  # type: ignore[union-attr]
        editor.what_if_action.setChecked(True)
        assert "aucune conclusion" in editor.what_if_panel.text()
        widget = editor.question_widgets["data.essential_mission"]
        assert isinstance(widget, BoolQuestion)
        qtbot.mouseClick(widget.buttons[True], Qt.MouseButton.LeftButton)
        widget.buttons[True].setChecked(True)
        editor.refresh()
        text = plain(editor.what_if_panel.text())
        assert "Sensibilité des données" in text
        assert plain(rulebook.label("sensitivity", "standard")) in text
        assert plain(rulebook.label("sensitivity", "particular")) in text
        difference = next(d for d in editor.what_if_panel.differences if d.fact == "sensitivity")
        assert "mission essentielle" in difference.explanation
        assert difference.sources
        qtbot.mouseClick(editor.what_if_panel.undo_button, Qt.MouseButton.LeftButton)
        assert ctx.repository.get(dossier_id).facts["data.essential_mission"] is False
        assert widget.buttons[False].isChecked()
        assert editor.evaluation.sensitivity == "standard"  # type: ignore[union-attr]
        editor.close()
    finally:
        ctx.close()


def test_an_exercise_is_compared_with_its_correction(qtbot, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    ctx = _training_ctx(data_paths, rulebook)
    try:
        dossier_id = open_case(ctx, "visio-depart-justifie", exercise=True)
        dossier = ctx.repository.get(dossier_id)
        assert "buyer.kind" not in dossier.facts and dossier.facts.get("need.statement")
        editor = DossierEditor(ctx, dossier_id)
        qtbot.addWidget(editor)
        kind = editor.question_widgets["buyer.kind"]
        qtbot.mouseClick(kind.buttons["local_authority"], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        kind.buttons["local_authority"].setChecked(True)  # type: ignore[attr-defined]
        editor.show_correction()
        dialog = editor.correction_dialog
        assert isinstance(dialog, CorrectionDialog)
        qtbot.addWidget(dialog)
        text = plain(dialog.browser.toPlainText())
        assert plain(rulebook.fact_label("buyer.kind")) in text
        assert "Collectivité territoriale" in text
        assert "Sources" in text
        editor.close()
    finally:
        ctx.close()


def test_presenter_view_enlarges_and_keeps_one_step(qtbot, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    ctx = _training_ctx(data_paths, rulebook)
    try:
        editor = DossierEditor(ctx, open_case(ctx, "hopital-rendez-vous-hds"))
        qtbot.addWidget(editor)
        editor.show()
        size = editor.font().pointSizeF()
        editor.presenter_action.setChecked(True)
        assert editor.font().pointSizeF() >= size * 1.5
        assert not editor.steps.isVisible()
        assert editor.conclusion.scale > 1
        assert "vue présentateur" in editor.windowTitle()
        editor.go_to_step(STEP_IDS.index("donnees"))
        assert editor.current_step() == "donnees"
        editor.presenter_action.setChecked(False)
        assert editor.font().pointSizeF() == size
        editor.close()
    finally:
        ctx.close()


def test_training_window_opens_cases_and_resets(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.repository.create("Vrai dossier")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert not window.cases_action.isVisible()
    training = window.open_training_window()
    assert training is not None
    qtbot.addWidget(training)
    assert "FORMATION" in training.windowTitle()
    assert training.model.rowCount() == 0
    dossier_id = training.open_case("travaux-salle-informatique", False)
    assert training.model.rowCount() == 1
    training._editors[dossier_id].close()

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, confirm)
    training.reset_training()
    assert training.model.rowCount() == 0
    assert [s.title for s in ctx.repository.list()] == ["Vrai dossier"]
    training.close()


def test_case_dialog_shows_teaching_notes(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = CaseDialog()
    qtbot.addWidget(dialog)
    assert dialog.list.count() >= 12
    assert "Ce que le cas montre" in dialog.notes.toPlainText()
    chosen = []
    dialog.case_chosen.connect(lambda name, exercise: chosen.append((name, exercise)))
    dialog.exercise_button.click()
    assert chosen and chosen[0][1] is True


def test_training_is_hidden_when_the_site_does_not_offer_it(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from assistant.siteconfig import SiteConfig

    ctx.site = SiteConfig(training=False)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert not window.training_action.isVisible()
    assert not window.training_menu.menuAction().isVisible()
