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
        extra={"retained": data["retained"]} if "retained" in data else {},
    )


def compare(evaluation: Evaluation, expected: dict[str, Any]) -> list[str]:
    """Differences between an evaluation and an expected file (examples' README semantics)."""
    actual = evaluation.to_dict()
    actual["warning_ids"] = [w.id for w in evaluation.warnings]
    actual["solutions"] = [s["id"] for s in actual["solutions"]]
    errors = []
    for key, want in expected.items():
        if key.endswith("_exclude"):
            present = [w for w in want if w in actual[key.removesuffix("_exclude")]]
            if present:
                errors.append(f"{key.removesuffix('_exclude')} holds {present}")
        elif key.endswith("_include"):
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
        elif key == "hosting_check":
            for requirement, status in want.items():
                if actual["hosting_check"].get(requirement) != status:
                    errors.append(f"hosting_check[{requirement}] = {actual['hosting_check'].get(requirement)}")
        elif key == "retained":
            got = actual["retained"] or {}
            for k, v in (want or {}).items():
                if got.get(k) != v:
                    errors.append(f"retained.{k} = {got.get(k)!r} != {v!r}")
            if want is None and actual["retained"] is not None:
                errors.append(f"retained = {actual['retained']!r} != None")
        elif key == "unverified_sources_nonempty":
            if bool(actual["unverified_sources"]) != want:
                errors.append(f"unverified_sources = {actual['unverified_sources']!r}")
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
