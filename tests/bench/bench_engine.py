"""Benchmark: median time to load and check the rulebook, and to evaluate each spec example.

Ratios against baselines measured in the same process (``json.loads`` of the example file, and
``copy.deepcopy`` of the dossier) make the figures comparable across machines.
Run: ``.venv/bin/python bench/bench_engine.py [runs]``.
"""

from __future__ import annotations

import copy
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from timing import median_seconds  # noqa: E402 - the bench folder is on sys.path

from assistant.domain import Candidate, Dossier  # noqa: E402
from assistant.engine import evaluate  # noqa: E402
from assistant.rulebook import default_rules_dir, load_rulebook  # noqa: E402

EXAMPLES = ROOT / "tests" / "fixtures" / "examples"




def dossier_of(data: dict) -> Dossier:  # type: ignore[type-arg]
    return Dossier(
        title=data["title"],
        facts=data["facts"],
        justifications=data.get("justifications", {}),
        candidates=[
            Candidate(c["name"], c.get("facts", {}), c.get("scores", {})) for c in data.get("candidates", [])
        ],
        weights=data.get("weights", {}),
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rules = default_rules_dir()
    load = median_seconds(lambda: load_rulebook(rules), max(runs // 4, 20))
    rulebook = load_rulebook(rules)
    print(f"{'mesure':<40}{'médiane':>12}{'cible':>10}{'/json.loads':>14}{'/deepcopy':>12}")
    print(f"{'chargement + contrôle du référentiel':<40}{load * 1000:>10.2f} ms{'< 100 ms':>10}")
    as_of = date(2026, 11, 30)
    for path in sorted(EXAMPLES.glob("*.json")):
        if path.name.endswith(".expected.json"):
            continue
        text = path.read_text(encoding="utf-8")
        dossier = dossier_of(json.loads(text))
        base_json = median_seconds(lambda t=text: json.loads(t), runs)  # type: ignore[misc]
        base_copy = median_seconds(lambda d=dossier: copy.deepcopy(d), runs)  # type: ignore[misc]
        ev = median_seconds(lambda d=dossier: evaluate(rulebook, d, as_of), runs)  # type: ignore[misc]
        name = path.name.removesuffix(".json")
        print(
            f"{'évaluation ' + name:<40}{ev * 1000:>10.3f} ms{'< 1 ms':>10}"
            f"{ev / base_json:>13.1f}×{ev / base_copy:>11.1f}×"
        )


if __name__ == "__main__":
    main()
