"""Two workstations on the same base: the window saves answers against the version it loaded; a change made
meanwhile by another workstation makes the save refused in French, the window reloads what is stored, and a
typed justification stays visible to be applied again."""

from __future__ import annotations

from assistant.domain import Dossier
from assistant.services import editing, library
from assistant.services.context import open_context
from assistant.ui.editor import DossierEditor
from assistant.ui.questions import BoolQuestion
from tests.conftest import close_next_message_box


def test_an_answer_over_another_workstations_change_is_refused_and_reloaded(qtbot, ctx, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(Dossier(title="Partagé", facts={"data.personal": False}))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    widget = editor.question_widgets["data.personal"]
    assert isinstance(widget, BoolQuestion)
    widget.buttons[True].setChecked(True)  # saved: the window's version follows its own writes
    assert library.get_dossier(ctx, dossier_id).facts["data.personal"] is True
    other = open_context(data_paths, rulebook=rulebook)
    try:
        editing.answer(other, dossier_id, "data.personal", None)  # the other buyer forgets the answer
    finally:
        other.close()
    messages = close_next_message_box()
    widget.buttons[False].setChecked(True)
    assert messages and "a été modifié par" in messages[0] and "rechargé" in messages[0]
    assert "data.personal" not in library.get_dossier(ctx, dossier_id).facts  # the other's change is kept
    assert "data.personal" not in editor.dossier.facts  # and shown
    widget.buttons[False].setChecked(True)  # applied again, over the version now shown: saved
    assert library.get_dossier(ctx, dossier_id).facts["data.personal"] is False
    editor.show_journal()  # the journal view names who made each change
    assert ctx.database.author and ctx.database.author in editor.journal.text()


def test_a_refused_justification_stays_visible_after_a_conflict(qtbot, ctx, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(Dossier(title="Visio", facts={
        "buyer.kind": "state_administration", "need.category": "videoconference",
        "existing.mutualised_fit": "does_not_fit"}))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    other = open_context(data_paths, rulebook=rulebook)
    try:
        editing.justify(other, dossier_id, "existing.mutualised_fit", "Écrit sur l'autre poste.")
    finally:
        other.close()
    widget = editor.question_widgets["existing.mutualised_fit"]
    typed = "Visio ne permet pas les webinaires à 3 000 participants."
    messages = close_next_message_box()
    widget.justification_edit.setPlainText(typed)
    widget.flush()
    assert messages and "a été modifié par" in messages[0]
    assert widget.justification_edit.toPlainText() == typed
    assert library.get_dossier(ctx, dossier_id).justifications["existing.mutualised_fit"] == "Écrit sur l'autre poste."
