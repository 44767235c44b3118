"""The training cases: valid dossiers, outcomes the engine confirms, the coverage the course needs."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Dossier, Evaluation
from assistant.engine import evaluate
from assistant.exchange import dossier_to_dict, read_dossier_file
from assistant.paths import resources_dir
from assistant.rulebook import Rulebook, check_dossier_facts
from assistant.services.cases import (
    LEVELS,
    UNKNOWN_ANSWER,
    Difference,
    TrainingCase,
    case_dossier_for_training,
    compare_with_expected,
    exercise_differences,
    list_cases,
    load_case,
    outcome_differences,
)

CASES_DIR = resources_dir() / "cases"
CASE_FILES = sorted(CASES_DIR.glob("*.json"))
AS_OF = date(2026, 11, 30)


def _cases() -> list[TrainingCase]:
    return list_cases()


def _evaluation_of(rulebook: Rulebook, name: str) -> tuple[TrainingCase, Evaluation]:
    case, dossier = load_case(name)
    return case, evaluate(rulebook, dossier, case.as_of or AS_OF)


def test_at_least_twelve_cases_each_named_after_its_file() -> None:
    cases = _cases()
    assert len(cases) >= 12
    assert len(CASE_FILES) == len(cases)
    for case in cases:
        assert case.name == case.path.stem
        assert case.level in LEVELS
        assert case.title and case.summary and case.shows and case.discussion and case.expected
        assert case.as_of == AS_OF


def test_cases_are_sorted_by_level_then_title() -> None:
    keys = [(LEVELS.index(c.level), c.title.casefold()) for c in _cases()]
    assert keys == sorted(keys)


@pytest.mark.parametrize("file", CASE_FILES, ids=[f.stem for f in CASE_FILES])
def test_case_file_is_a_valid_dossier(file: Path, rulebook: Rulebook) -> None:
    dossier = read_dossier_file(file)
    assert json.loads(file.read_text(encoding="utf-8"))["format"] == "assistant-dossier/1"
    problems = check_dossier_facts(rulebook, dossier)
    assert [str(p) for p in problems] == []
    assert "(exemple)" in dossier.organisation
    assert dossier.extra["training"]["name"] == file.stem
    for candidate in dossier.candidates:
        assert set(candidate.scores) <= {c.id for c in rulebook.criteria}
        assert all(0 <= s <= 5 for s in candidate.scores.values())


@pytest.mark.parametrize("name", [f.stem for f in CASE_FILES])
def test_engine_gives_the_outcome_the_case_expects(name: str, rulebook: Rulebook) -> None:
    case, evaluation = _evaluation_of(rulebook, name)
    assert compare_with_expected(evaluation, case.expected) == []


def test_the_cases_cover_the_doctrine(rulebook: Rulebook) -> None:
    paths, sensitivities, procedures, circles, natures = set(), set(), set(), set(), set()
    build_reasons, buyers, blocking, warnings, to_check = set(), set(), set(), set(), set()
    dinum = before_april = False
    eligible_next_to_blocked = False
    for case in _cases():
        _, dossier = load_case(case.name)
        evaluation = evaluate(rulebook, dossier, case.as_of or AS_OF)
        facts = dossier.facts
        paths.add(evaluation.path)
        sensitivities.add(evaluation.sensitivity)
        procedures.add(evaluation.procedure)
        circles |= {(s.id, s.circle) for s in evaluation.solutions}
        natures.add(facts.get("procurement.nature"))
        buyers.add(facts.get("buyer.kind"))
        build_reasons |= {t.rule for t in evaluation.trace if t.rule.startswith("path.build")}
        warnings |= {w.id for w in evaluation.warnings}
        dinum |= evaluation.dinum_opinion_required
        consultation = facts.get("procurement.consultation_date")
        before_april |= bool(consultation and consultation < "2026-04-01")
        results = evaluation.candidates
        for result in results:
            blocking |= set(result.blocking)
            to_check |= set(result.to_check)
        eligible_next_to_blocked |= any(r.eligible for r in results) and any(r.blocking for r in results)
        if evaluation.hosting and "hds" in evaluation.hosting:
            assert any(not r.eligible and "hds_required" in r.blocking for r in results)
    assert {"reuse_mutualised", "buy_market", "build_specific"} <= paths
    assert {"path.build_for_resilience", "path.build_nothing_fits"} <= build_reasons
    assert {"standard", "particular", "restricted", "classified", "undetermined"} <= sensitivities
    assert {
        "no_publicity_allowed", "innovative_exemption_allowed", "adapted_procedure", "formal_procedure",
        "central_purchasing", "not_applicable",
    } <= procedures
    assert "works" in natures
    assert before_april
    assert {("tchap", 1), ("visio", 1), ("francetransfert", 1)} <= circles
    assert {2, 3} <= {circle for _, circle in circles}
    assert dinum
    assert {"local_authority", "hospital"} <= buyers
    assert {"warning.circle1_departure", "warning.secnumcloud_advisory"} <= warnings
    assert {"secnumcloud_required", "hds_required", "no_commercial_cloud"} <= blocking
    assert {"interoperability_required", "eu_hosting_required"} <= to_check  # recommendations since 2026.12
    assert eligible_next_to_blocked


def test_a_departure_from_circle_one_is_justified() -> None:
    for case in _cases():
        _, dossier = load_case(case.name)
        if "warning.circle1_departure" in case.expected.get("warning_ids_include", []):
            assert dossier.justifications.get("existing.mutualised_fit", "").strip()
            return
    pytest.fail("aucun cas ne s'écarte du socle stratégique")


def test_texts_use_french_typography() -> None:
    for file in CASE_FILES:
        text = file.read_text(encoding="utf-8")
        assert "« " not in text and " »" not in text, file.name
        assert " :" not in text, file.name
        assert "\\u" not in text, file.name


def test_load_case_of_an_unknown_name_raises_a_french_key_error() -> None:
    with pytest.raises(KeyError) as error:
        load_case("cas-qui-n-existe-pas")
    message = error.value.args[0]
    assert message.startswith("Aucun cas nommé « cas-qui-n-existe-pas » ; cas disponibles : ")
    assert "tchap-services-deconcentres" in message


def test_list_and_load_from_another_folder(tmp_path: Path) -> None:
    _, dossier = load_case("tchap-services-deconcentres")
    data = dossier_to_dict(dossier)
    data["title"] = "Autre cas"
    data["training"] = {**data["training"], "name": "autre", "level": "avancé"}
    (tmp_path / "autre.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plain = dossier_to_dict(dossier)
    del plain["training"]
    (tmp_path / "pas-un-cas.json").write_text(json.dumps(plain, ensure_ascii=False), encoding="utf-8")
    assert [c.name for c in list_cases(tmp_path)] == ["autre"]
    loaded, _ = load_case("autre", tmp_path)
    assert loaded.level == "avancé" and loaded.path == tmp_path / "autre.json"


def test_case_dossier_for_training_drops_the_teaching_notes_only() -> None:
    _, dossier = load_case("coedition-agence-interoperabilite")
    fresh = case_dossier_for_training(dossier)
    assert "training" not in fresh.extra
    assert "training" in dossier.extra
    assert fresh.title == dossier.title
    assert fresh.facts == dossier.facts and fresh.facts is not dossier.facts
    assert [c.name for c in fresh.candidates] == [c.name for c in dossier.candidates]
    fresh.candidates[0].facts["proconnect"] = False
    assert dossier.candidates[0].facts["proconnect"] is True


def test_compare_with_expected_describes_each_difference(rulebook: Rulebook) -> None:
    case, evaluation = _evaluation_of(rulebook, "hopital-rendez-vous-hds")
    expected = copy.deepcopy(case.expected)
    expected["path"] = "reuse_mutualised"
    expected["hosting"] = ["gdpr_eu_hosting"]
    expected["warning_ids_include"] = ["warning.classified_refer"]
    expected["candidates"]["Offre Santé Plus"]["eligible"] = False
    expected["candidates"]["Offre Fantôme"] = {"eligible": True}
    lines = compare_with_expected(evaluation, expected)
    assert len(lines) == 5
    assert any(line.startswith("Voie retenue : attendu reuse_mutualised") for line in lines)
    assert any("Exigences d'hébergement" in line and "en trop" in line for line in lines)
    assert any("warning.classified_refer" in line for line in lines)
    assert any("« Offre Santé Plus »" in line for line in lines)
    assert any("« Offre Fantôme » : absente" in line for line in lines)


def _modified(dossier: Dossier) -> Dossier:
    trainee = case_dossier_for_training(dossier)
    trainee.facts["data.legal_secrets"] = False
    del trainee.facts["hosting.mode"]
    return trainee


def test_exercise_differences_explain_each_changed_answer(rulebook: Rulebook) -> None:
    case, correction = load_case("francetransfert-pieces-contentieux")
    trainee = _modified(correction)
    differences = exercise_differences(rulebook, trainee, correction, case.as_of)
    assert [d.fact for d in differences] == ["data.legal_secrets", "hosting.mode"]
    secrets = differences[0]
    assert isinstance(secrets, Difference)
    assert secrets.label == rulebook.fact_label("data.legal_secrets")
    assert secrets.trainee_value == rulebook.value_label("data.legal_secrets", False)
    assert secrets.correction_value == rulebook.value_label("data.legal_secrets", True)
    assert secrets.explanation and "sensibilité particulière" in secrets.explanation
    assert "sren-art31" in secrets.sources
    hosting = differences[1]
    assert hosting.trainee_value == UNKNOWN_ANSWER
    assert hosting.correction_value == rulebook.value_label("hosting.mode", "state_internal_cloud")
    assert exercise_differences(rulebook, case_dossier_for_training(correction), correction, case.as_of) == []


def test_outcome_differences_name_each_outcome_in_french(rulebook: Rulebook) -> None:
    case, correction = load_case("francetransfert-pieces-contentieux")
    trainee = _modified(correction)
    trainee_eval = evaluate(rulebook, trainee, case.as_of or AS_OF)
    correction_eval = evaluate(rulebook, correction, case.as_of or AS_OF)
    differences = outcome_differences(rulebook, trainee_eval, correction_eval)
    by_fact = {d.fact: d for d in differences}
    assert "sensitivity" in by_fact and "path" not in by_fact
    sensitivity = by_fact["sensitivity"]
    assert sensitivity.trainee_value == rulebook.label("sensitivity", trainee_eval.sensitivity)
    assert sensitivity.correction_value == rulebook.label("sensitivity", "particular")
    assert sensitivity.explanation and sensitivity.sources
    assert outcome_differences(rulebook, correction_eval, correction_eval) == []


def test_a_changed_answer_no_rule_relies_on_is_explained_by_its_question(rulebook: Rulebook) -> None:
    case, correction = load_case("tchap-services-deconcentres")
    trainee = case_dossier_for_training(correction)
    trainee.facts["need.users"] = 3200
    (difference,) = exercise_differences(rulebook, trainee, correction, case.as_of)
    question = rulebook.question("need.users")
    assert question is not None
    assert difference.fact == "need.users" and difference.label == question.label
    assert difference.explanation == question.help and difference.sources == question.sources
