"""Engine properties: determinism, unknown is not false, purity, warnings and the French text."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

from assistant.engine import evaluate, render_text
from assistant.rulebook import Rulebook

AS_OF = date(2026, 11, 30)


def _json(rulebook: Rulebook, dossier: Any) -> str:
    return json.dumps(evaluate(rulebook, dossier, AS_OF).to_dict(), ensure_ascii=False, sort_keys=False)


def test_determinism(rulebook: Rulebook, load_example: Any) -> None:
    dossier, _ = load_example("plateforme-donnees-sante")
    first = _json(rulebook, dossier)
    assert all(_json(rulebook, dossier) == first for _ in range(5))


def test_purity(rulebook: Rulebook, load_example: Any) -> None:
    dossier, _ = load_example("messagerie-operateur")
    before = copy.deepcopy(dossier)
    evaluate(rulebook, dossier, AS_OF)
    assert dossier == before


def test_unknown_is_not_false(rulebook: Rulebook, load_example: Any) -> None:
    dossier, _ = load_example("site-commune")
    for fact in (
        "data.legal_secrets",
        "data.classified",
        "existing.market_fit",
        "procurement.estimated_amount_eur_ht",
        "procurement.central_purchasing",
    ):
        trimmed = copy.deepcopy(dossier)
        del trimmed.facts[fact]
        evaluation = evaluate(rulebook, trimmed, AS_OF)
        assert fact in evaluation.missing, fact
    trimmed = copy.deepcopy(dossier)
    del trimmed.facts["data.classified"]
    assert evaluate(rulebook, trimmed, AS_OF).sensitivity == "undetermined"


def test_missing_only_lists_facts_that_matter(rulebook: Rulebook, load_example: Any) -> None:
    dossier, _ = load_example("visio-prefecture")
    evaluation = evaluate(rulebook, dossier, AS_OF)
    assert "existing.market_fit" not in evaluation.missing
    assert list(evaluation.missing) == sorted(set(evaluation.missing))


def test_unknown_and_invalid_facts_become_warnings(rulebook: Rulebook, load_example: Any) -> None:
    dossier, _ = load_example("site-commune")
    dossier.facts["mystery.fact"] = 1
    dossier.facts["procurement.estimated_amount_eur_ht"] = "beaucoup"
    evaluation = evaluate(rulebook, dossier, AS_OF)
    ids = [w.id for w in evaluation.warnings]
    assert "fact.unknown" in ids and "fact.invalid" in ids
    assert evaluation.procedure == "undetermined"
    assert "procurement.estimated_amount_eur_ht" in evaluation.missing


def test_trace_and_details(rulebook: Rulebook, load_example: Any) -> None:
    dossier, _ = load_example("plateforme-donnees-sante")
    evaluation = evaluate(rulebook, dossier, AS_OF)
    rules = [t.rule for t in evaluation.trace]
    assert "sensitivity.legal_secrets" in rules and "hosting.hds" in rules
    entry = next(t for t in evaluation.trace if t.rule == "sensitivity.legal_secrets")
    assert entry.because == ("data.legal_secrets = true",) and entry.sources and entry.page
    details = evaluation.details
    assert details.secnumcloud is not None and details.secnumcloud.binding == "binding"
    assert details.procedure is not None
    assert {t.id for t in details.procedure.thresholds} >= {"eu_threshold_other"}
    assert entry.stage == "sensitivity" and entry.reasons[0].fact == "data.legal_secrets"
    scores = {c.name: c.score for c in evaluation.candidates}
    assert scores["Offre A"] == round((4 * 3 + 5 * 3 + 5 * 3 + 2 * 2 + 3 + 4 + 4 + 4 + 4) / 16, 2)
    assert evaluation.rulebook.digest == rulebook.digest and evaluation.rulebook.as_of == "2026-11-30"


def test_score_is_none_without_scores(rulebook: Rulebook, load_example: Any) -> None:
    dossier, _ = load_example("messagerie-operateur")
    dossier.candidates[0].scores = {}
    assert evaluate(rulebook, dossier, AS_OF).candidates[0].score is None


def test_render_text(rulebook: Rulebook, load_example: Any) -> None:
    dossier, _ = load_example("plateforme-donnees-sante")
    text = render_text(evaluate(rulebook, dossier, AS_OF), rulebook)
    assert "Voie retenue\u00a0: Acheter une solution du marché" in text
    assert "Pourquoi" in text and "(à vérifier)" in text
    assert "450\u202f000\u00a0€\u00a0HT" in text
    del dossier.facts["data.classified"]
    text = render_text(evaluate(rulebook, dossier, AS_OF), rulebook)
    assert "Réponses manquantes" in text and rulebook.fact_label("data.classified") in text


def test_render_text_says_what_the_hosting_meets_and_the_retained_offer(rulebook: Rulebook, load_example: Any) -> None:
    dossier, _ = load_example("archives-cloud-interne")
    text = render_text(evaluate(rulebook, dossier, AS_OF), rulebook)
    assert "(satisfaite par l'hébergement choisi)" in text
    assert "Offre retenue" not in text  # no offers, nothing to retain
    dossier, _ = load_example("rendez-vous-commune")
    dossier.extra["retained"] = "Agenda A"
    text = render_text(evaluate(rulebook, dossier, AS_OF), rulebook)
    assert "(à vérifier sur l'offre)" in text
    assert "Offre retenue\u00a0: Agenda A (rang 1)" in text
    assert "Éligible (à vérifier\u00a0: " in text

