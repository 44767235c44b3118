"""Shared fixtures: the bundled rulebook, dossier loading and the expected-result comparison."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.domain import Candidate, Dossier, Evaluation
from assistant.rulebook import Rulebook, load_rulebook

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook()


def dossier_from(data: dict[str, Any]) -> Dossier:
    return Dossier(
        title=data.get("title", ""),
        facts=dict(data.get("facts", {})),
        justifications=dict(data.get("justifications", {}) or {}),
        candidates=[
            Candidate(c["name"], dict(c.get("facts", {})), dict(c.get("scores", {})))
            for c in data.get("candidates", []) or []
        ],
        weights=dict(data.get("weights", {}) or {}),
    )


def compare(evaluation: Evaluation, expected: dict[str, Any]) -> list[str]:
    """Differences between an evaluation and an expected file (examples' README semantics)."""
    actual = evaluation.to_dict()
    actual["warning_ids"] = [w.id for w in evaluation.warnings]
    actual["solutions"] = [s["id"] for s in actual["solutions"]]
    errors = []
    for key, want in expected.items():
        if key.endswith("_include"):
            base = key.removesuffix("_include")
            lacking = [w for w in want if w not in actual[base]]
            if lacking:
                errors.append(f"{base} lacks {lacking}: {actual[base]}")
        elif key == "hosting":
            if set(want) != set(actual["hosting"]):
                errors.append(f"hosting {actual['hosting']} != {want}")
        elif key == "candidates":
            by_name = {c["name"]: c for c in actual["candidates"]}
            for name, sub in want.items():
                got = by_name.get(name)
                if got is None:
                    errors.append(f"candidate {name} absent")
                    continue
                for k, v in sub.items():
                    if k.endswith("_include"):
                        if not set(v) <= set(got[k.removesuffix("_include")]):
                            errors.append(f"{name}.{k}: {got}")
                    elif got[k] != v:
                        errors.append(f"{name}.{k} = {got[k]} != {v}")
        elif actual.get(key) != want:
            errors.append(f"{key} = {actual.get(key)!r} != {want!r}")
    return errors


@pytest.fixture
def load_example() -> Callable[[str], tuple[Dossier, dict[str, Any]]]:
    def load(name: str) -> tuple[Dossier, dict[str, Any]]:
        data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
        expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
        return dossier_from(data), expected

    return load
