"""Unknown is not « non »: an outcome that depends on a missing answer says so everywhere."""

from __future__ import annotations

from datetime import date

from assistant.domain import Candidate, Dossier
from assistant.engine import evaluate, render_text

AS_OF = date(2026, 11, 30)


def test_dinum_opinion_is_undetermined_without_the_total_cost(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = Dossier(title="x", facts={"buyer.kind": "state_administration", "need.category": "business_application"})
    evaluation = evaluate(rulebook, dossier, AS_OF)
    assert evaluation.dinum_opinion == "undetermined"
    assert evaluation.dinum_opinion_required is False  # the contract's boolean stays false...
    assert "project.total_cost_eur" in evaluation.missing  # ...and the missing answer is listed
    assert rulebook.label("dinum_opinion", "undetermined") in render_text(evaluation, rulebook)
    assert evaluation.to_dict()["dinum_opinion"] == "undetermined"


def test_dinum_opinion_is_known_once_the_cost_is_given(rulebook) -> None:  # type: ignore[no-untyped-def]
    facts = {"buyer.kind": "state_administration", "project.total_cost_eur": 12_000_000}
    assert evaluate(rulebook, Dossier(title="x", facts=facts), AS_OF).dinum_opinion == "required"
    facts["project.total_cost_eur"] = 100_000
    assert evaluate(rulebook, Dossier(title="x", facts=facts), AS_OF).dinum_opinion == "not_required"


def test_an_offer_with_unknown_facts_is_to_check_not_blocked(rulebook) -> None:  # type: ignore[no-untyped-def]
    facts = {"buyer.kind": "state_administration", "data.classified": "none", "data.legal_secrets": True,
             "data.essential_mission": False, "data.breach_impacts": [], "data.personal": False,
             "data.health_personal": False, "hosting.mode": "commercial_cloud_saas", "need.category": "website"}
    dossier = Dossier(title="x", facts=facts, candidates=[Candidate(name="Offre A")])
    [offer] = evaluate(rulebook, dossier, AS_OF).candidates
    assert not offer.eligible and offer.blocking == () and "secnumcloud_required" in offer.undetermined
    assert offer.status == "to_check"
