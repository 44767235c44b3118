"""No lost update on the shared base (and on SQLite): every save of the editor is checked against the version
it read, while another buyer merely opening, reading or re-evaluating a dossier never makes that save a
conflict. Run on both engines."""

from __future__ import annotations

import pytest

from assistant.domain import Candidate, Dossier
from assistant.services import editing, library


def test_another_buyer_opening_and_evaluating_is_not_a_conflict(both_ctx, other_buyer) -> None:  # type: ignore[no-untyped-def]
    dossier_id = both_ctx.repository.add(Dossier(title="Visio", facts={"data.personal": False}))
    _dossier, version = library.dossier_for_editing(both_ctx, dossier_id)
    library.set_current_step(other_buyer, dossier_id, "donnees")  # the other buyer opens it at another step
    editing.evaluate_and_record(other_buyer, dossier_id, log=True)  # and evaluates it
    saved = editing.answer(both_ctx, dossier_id, "data.personal", True, version=version)
    assert saved == version + 1
    assert library.get_dossier(both_ctx, dossier_id).facts["data.personal"] is True


@pytest.mark.parametrize("save", [
    lambda ctx, i, v: library.rename(ctx, i, "Visio (mien)", "", version=v),
    lambda ctx, i, v: editing.set_offers(ctx, i, [Candidate(name="Offre A")], {}, version=v),
    lambda ctx, i, v: editing.set_retained(ctx, i, "Offre A", version=v),
    lambda ctx, i, v: editing.replace_answers(ctx, i, Dossier(title="Visio"), "what-if", version=v),
    lambda ctx, i, v: editing.set_clause_in_annex(ctx, library.get_dossier(ctx, i), i, "c1", False, version=v),
], ids=["rename", "offers", "retained", "replace", "clause"])
def test_every_save_over_another_buyers_change_is_refused(both_ctx, other_buyer, save) -> None:  # type: ignore[no-untyped-def]
    dossier_id = both_ctx.repository.add(Dossier(title="Visio", facts={"data.personal": False}))
    _dossier, version = library.dossier_for_editing(both_ctx, dossier_id)
    editing.answer(other_buyer, dossier_id, "data.personal", True)
    with pytest.raises(editing.ConflictError, match=r"modifié par acheteuse\.b"):
        save(both_ctx, dossier_id, version)
    stored = library.get_dossier(both_ctx, dossier_id)
    assert (stored.title, stored.facts["data.personal"], stored.candidates) == ("Visio", True, [])
    _dossier, fresh = library.dossier_for_editing(both_ctx, dossier_id)
    assert save(both_ctx, dossier_id, fresh) > fresh  # over the version now read: saved
