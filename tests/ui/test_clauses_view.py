"""The « Clauses » view of the synthesis: each called clause with its reason, copy, and the annex choice."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from assistant.exchange import read_dossier_file
from assistant.ui.editor import DossierEditor
from tests.conftest import EXAMPLES


def test_clauses_view_copies_a_text_and_keeps_a_clause_out_of_the_annex(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(read_dossier_file(EXAMPLES / "messagerie-operateur.json"))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    view = editor.clauses
    assert editor.evaluation is not None
    called = [c.id for c in editor.evaluation.clause_texts]
    assert "interoperability_proconnect" in called and set(view.blocks) == set(called)
    view.copy_buttons["interoperability_proconnect"].click()
    clause = next(c for c in editor.evaluation.clause_texts if c.id == "interoperability_proconnect")
    assert QGuiApplication.clipboard().text() == clause.text
    box = view.annex_boxes["reversibility_exit"]
    assert box.isChecked() and box.accessibleName()
    box.click()
    assert ctx.repository.get(dossier_id).extra["clauses_left_out"] == ["reversibility_exit"]
    box.click()
    assert "clauses_left_out" not in ctx.repository.get(dossier_id).extra
    editor.close()
