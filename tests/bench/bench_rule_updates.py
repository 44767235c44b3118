"""Benchmark: the impact preview of a rule update (every stored dossier evaluated under two rulebooks).

Builds a data folder of N dossiers (1 000 and 10 000 by default; the training cases, amounts varied), a
rulebook whose no-publicity threshold differs, and times ``preview_impact`` once per size (target: under
5 s for 1 000 dossiers). Run: ``.venv/bin/python tests/bench/bench_rule_updates.py [N ...]``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.domain import Candidate, Dossier  # noqa: E402
from assistant.paths import AppPaths, rules_dir  # noqa: E402
from assistant.rulebook import load_rulebook  # noqa: E402
from assistant.services.context import open_context  # noqa: E402
from assistant.services.rule_impact import preview_impact  # noqa: E402


def dossiers() -> list[Dossier]:
    found = []
    for file in sorted((ROOT / "resources" / "cases").glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        found.append(Dossier(title=data["title"], organisation=data.get("organisation", ""), facts=data["facts"],
                             justifications=data.get("justifications", {}),
                             candidates=[Candidate(c["name"], c.get("facts", {}), c.get("scores", {}))
                                         for c in data.get("candidates", [])],
                             weights=data.get("weights", {})))
    return found


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    work = Path(tempfile.mkdtemp())
    new_rules = work / "regles"
    shutil.copytree(rules_dir(), new_rules)
    params = new_rules / "parameters.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace('value: 60000,', 'value: 25000,'), encoding="utf-8")
    index = new_rules / "rulebook.yaml"
    index.write_text(re.sub(r'version: "[^"]*"', 'version: "2099.1"', index.read_text(encoding="utf-8")),
                     encoding="utf-8")
    current, new_book = load_rulebook(rules_dir()), load_rulebook(new_rules)
    models = dossiers()
    print(f"{'dossiers':>10}{'aperçu':>12}{'temps CPU':>12}{'changés':>10}{'cible':>12}")
    for size in sizes:
        ctx = open_context(AppPaths(work / f"donnees-{size}"), rulebook=current, training=True)
        for i in range(size):
            model = models[i % len(models)]
            facts = dict(model.facts)
            if "procurement.estimated_amount_eur_ht" in facts:
                facts["procurement.estimated_amount_eur_ht"] = 10000 + (i * 7919) % 90000
            ctx.repository.add(Dossier(title=f"{model.title} {i}", organisation=model.organisation, facts=facts,
                                       justifications=model.justifications, candidates=model.candidates,
                                       weights=model.weights))
        start, cpu = time.perf_counter(), time.process_time()
        impact = preview_impact(ctx, new_book)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        target = "< 5 s" if size == 1000 else ""
        print(f"{size:>10}{elapsed:>10.2f} s{cpu:>10.2f} s{len(impact.dossiers):>10}{target:>12}", flush=True)
        ctx.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
