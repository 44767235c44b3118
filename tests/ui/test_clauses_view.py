"""The « Clauses » view of the synthesis: each called clause with its reason, copy, and the annex choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from assistant.exchange import read_dossier_file
from assistant.ui.editor import DossierEditor
from tests.conftest import EXAMPLES, plain


def test_clauses_view_copies_a_text_and_keeps_a_clause_out_of_the_annex(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(read_dossier_file(EXAMPLES / "messagerie-operateur.json"))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    view = editor.clauses
    assert editor.evaluation is not None
    called = [c.id for c in editor.evaluation.clause_texts]
    assert "interoperability_proconnect" in called and view.list.count() == len(called)
    view.list.setCurrentRow(called.index("interoperability_proconnect"))
    clause = next(c for c in editor.evaluation.clause_texts if c.id == "interoperability_proconnect")
    assert plain(clause.explanations[0])[:40] in plain(view.detail.text())
    view.copy_button.click()
    assert QGuiApplication.clipboard().text() == clause.text
    assert view.in_annex("reversibility_exit")
    view.list.setCurrentRow(called.index("reversibility_exit"))
    qtbot.keyClick(view.list, Qt.Key.Key_Space)
    assert not view.in_annex("reversibility_exit")
    assert ctx.repository.get(dossier_id).extra["clauses_left_out"] == ["reversibility_exit"]
    view.set_in_annex("reversibility_exit", True)
    assert "clauses_left_out" not in ctx.repository.get(dossier_id).extra
    editor.close()
