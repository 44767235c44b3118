"""The offers step: the buyer retains an offer; a blocked one is told apart, and the choice is stored."""

from __future__ import annotations

from assistant.exchange import read_dossier_file
from assistant.ui.editor import DossierEditor
from tests.conftest import EXAMPLES


def test_retaining_an_offer_is_stored_shown_and_warned_when_blocked(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(read_dossier_file(EXAMPLES / "plateforme-donnees-sante.json"))
    editor = DossierEditor(ctx, dossier_id)
    qtbot.addWidget(editor)
    offers = editor.offers
    assert "aucune offre retenue" in offers.retained_label.text()
    offers.view.selectRow(1)  # Offre B is blocked
    offers.toggle_retained()
    assert ctx.repository.get(dossier_id).retained == "Offre B"
    assert "Offre B (bloquée)" in offers.retained_label.text()
    assert "n'est pas éligible" in offers.retained_label.text()
    assert "retained.blocked" in [w.id for w in editor.evaluation.warnings]
    offers.view.selectRow(0)
    offers.toggle_retained()
    assert ctx.repository.get(dossier_id).retained == "Offre A"
    assert "Offre A (rang 1)" in offers.retained_label.text()
    assert "Offre A (rang 1)" in editor.conclusion.text()
    offers.toggle_retained()  # the same offer again: no offer retained any more
    assert ctx.repository.get(dossier_id).retained is None
    editor.close()
