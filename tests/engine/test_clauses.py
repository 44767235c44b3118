"""The clauses the conclusion calls for: selected by the engine as an outcome, each with its reason."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Dossier
from assistant.engine import evaluate
from assistant.rulebook import Rulebook, check_rulebook, default_rules_dir
from assistant.services.cases import list_cases, load_case
from tests.reports.helpers import example

AS_OF = date(2026, 11, 30)


@pytest.mark.parametrize("name", [case.name for case in list_cases()])
def test_every_called_clause_of_a_training_case_has_its_reason(name: str, rulebook: Rulebook) -> None:
    _, dossier = load_case(name)
    evaluation = evaluate(rulebook, dossier, AS_OF)
    assert [c.id for c in evaluation.clause_texts] == [c for c in rulebook.clauses if c in evaluation.clauses]
    for clause in evaluation.clause_texts:
        assert clause.rules and all(clause.explanations), clause.id
        assert clause.sources and clause.text and "{" not in clause.text
        assert clause.section in ("cctp", "ccap")
        assert any(e.stage == "clauses" and e.rule in clause.rules for e in evaluation.trace)
    if evaluation.sensitivity == "standard":
        assert "secnumcloud_qualification" not in evaluation.clauses


def test_no_sensitive_data_calls_no_secnumcloud_clause(rulebook: Rulebook) -> None:
    dossier = example("plateforme-donnees-sante")
    assert "secnumcloud_qualification" in evaluate(rulebook, dossier, AS_OF).clauses
    plain = Dossier("Site", facts={**dossier.facts, "data.legal_secrets": False, "data.essential_mission": False,
                                   "data.breach_impacts": [], "data.personal": False,
                                   "data.health_personal": False})
    evaluation = evaluate(rulebook, plain, AS_OF)
    assert evaluation.sensitivity == "standard"
    assert not {"secnumcloud_qualification", "extraterritorial_immunity", "hds_certified_host"} & set(
        evaluation.clauses)


def test_circle_two_and_indicators_call_their_clauses_with_the_dossier_text(rulebook: Rulebook) -> None:
    dossier = example("messagerie-operateur")
    evaluation = evaluate(rulebook, dossier, AS_OF)
    assert {"interoperability_proconnect", "performance_service_levels"} <= set(evaluation.clauses)
    levels = next(c for c in evaluation.clause_texts if c.id == "performance_service_levels")
    assert dossier.facts["need.performance_indicators"] in levels.text
    assert evaluation.to_dict()["clauses"] == list(evaluation.clauses)


def test_a_selection_rule_naming_an_unknown_clause_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    selection = rules / "clause-selection.yaml"
    selection.write_text(selection.read_text(encoding="utf-8").replace(
        "outcome: [hds_certified_host]", "outcome: [hds_inconnue]"), encoding="utf-8")
    assert any("hds_inconnue" in str(p) and str(p).startswith("clause-selection.yaml:")
               for p in check_rulebook(rules))
