"""The offers table model: checked with qtmodeltester, and what its columns show."""

from __future__ import annotations

from datetime import date

from assistant.domain import Candidate, Dossier
from assistant.services.editing import evaluate_dossier
from assistant.ui.offer_model import OfferTableModel


def test_offer_model_passes_qtmodeltester(qtmodeltester, ctx) -> None:  # type: ignore[no-untyped-def]
    dossier = Dossier("Offres", facts={"data.personal": False}, candidates=[
        Candidate("Offre A", facts={"data_location": "france"}, scores={"cost": 4}),
        Candidate("Offre B", facts={}, scores={}),
    ])
    evaluation = evaluate_dossier(ctx, dossier, date(2026, 11, 30))
    model = OfferTableModel(ctx.rulebook)
    model.reload(list(zip(dossier.candidates, evaluation.candidates, strict=True)), {"Offre A": 1})
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Offre A"
    assert model.index(0, 2).data() == "4,00 / 5"
    assert model.index(0, 3).data() == "1"
    assert model.index(1, 2).data() == "non notée"
    model.reload([], {})
    assert model.rowCount() == 0
