"""A base that can only be read (read-only folder, full disk): the window reads it, says why it cannot
write, and a refused answer is told without losing the typed justification."""

from __future__ import annotations

from assistant.domain import Dossier
from assistant.rulebook import load_rulebook
from assistant.ui.editor import DossierEditor
from assistant.ui.questions import BoolQuestion
from tests.conftest import close_next_message_box

STEP_IDS = [step.id for step in load_rulebook().steps]


def test_a_read_only_base_can_be_browsed_and_refuses_answers_in_french(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(Dossier(title="Lecture seule", facts={"data.personal": False}))
    ctx.repository.read_only = True  # what open_database sets when the base cannot be written here
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    for index in range(len(STEP_IDS)):  # moving between steps writes nothing and raises nothing
        editor.go_to_step(index)
    editor.go_to_step(0)
    messages = close_next_message_box()
    widget = editor.question_widgets["data.personal"]
    assert isinstance(widget, BoolQuestion)
    widget.buttons[True].setChecked(True)
    assert messages and "lecture seule" in messages[0]
    ctx.repository.read_only = False
    assert ctx.repository.get(dossier_id).facts["data.personal"] is False


def test_a_refused_justification_stays_in_the_window(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(Dossier(title="Visio", facts={
        "buyer.kind": "state_administration", "need.category": "videoconference",
        "existing.mutualised_fit": "does_not_fit"}))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    ctx.repository.read_only = True  # the disk filled up, or the folder became read-only
    widget = editor.question_widgets["existing.mutualised_fit"]
    typed = "Visio ne permet pas les webinaires à 3 000 participants."
    messages = close_next_message_box()
    widget.justification_edit.setPlainText(typed)
    widget.flush()
    assert messages and "n'a pas été enregistrée" in messages[0]
    assert widget.justification_edit.toPlainText() == typed  # the unsaved text is still there to copy
    ctx.repository.read_only = False
    assert "existing.mutualised_fit" not in ctx.repository.get(dossier_id).justifications
