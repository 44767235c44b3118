"""The eight spec examples and the rulebook's own cases (rules/tests/*.yaml) give their expected result."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.engine import evaluate
from assistant.rulebook import Rulebook, default_rules_dir
from tests.engine.conftest import EXAMPLES, compare, dossier_from

AS_OF = date(2026, 11, 30)
EXAMPLE_NAMES = sorted(
    p.name.removesuffix(".json") for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json")
)


def _cases() -> list[dict[str, Any]]:
    cases = []
    for file in sorted((default_rules_dir() / "tests").glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        cases += data["cases"]
    return cases


CASES = _cases()


def test_there_are_six_examples_and_enough_cases() -> None:
    assert len(EXAMPLE_NAMES) == 8
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example(name: str, rulebook: Rulebook, load_example: Any) -> None:
    dossier, expected = load_example(name)
    assert compare(evaluate(rulebook, dossier, AS_OF), expected) == []


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rule_case(case: dict[str, Any], rulebook: Rulebook) -> None:
    facts = {k: v for k, v in case["facts"].items() if k not in case.get("drop", [])}
    dossier = dossier_from(
        {
            "facts": facts,
            "justifications": case.get("justifications", {}),
            "candidates": case.get("candidates", []),
            **({"retained": case["retained"]} if "retained" in case else {}),
        }
    )
    evaluation = evaluate(rulebook, dossier, date.fromisoformat(case["as_of"]))
    assert compare(evaluation, case["expected"]) == []


def test_cases_live_in_rules_tests() -> None:
    assert Path(default_rules_dir() / "tests" / "cases.yaml").is_file()
