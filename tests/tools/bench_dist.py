"""Sizes and start-up times of the built distribution, next to their budgets and to the source run.

Usage: python tests/tools/bench_dist.py [--dist dist] [--runs 5]
Run after ``make dist`` (installer/build.sh). Prints the bundle, .tar.gz and .deb sizes with their budgets
(bundle ≤ 160 Mo, .deb ≤ 70 Mo) and the median of N runs of ``--version`` and ``self-test`` for the frozen
binary and for ``python -m assistant`` from the source, with their ratio. Exit 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant import APP_NAME, __version__  # noqa: E402

MB = 1_000_000
BUDGETS = {"bundle": 160 * MB, "deb": 70 * MB}


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def median_time(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bundle = args.dist / APP_NAME
    binary = bundle / APP_NAME
    if not binary.is_file():
        print(f"Le bundle {bundle} manque : lancez d'abord « make dist ».", file=sys.stderr)
        return 2
    over = False
    print(f"Distribution {APP_NAME} {__version__} ({args.dist})")
    sizes = {"bundle": tree_size(bundle)}
    for key, pattern in (("tar.gz", f"{APP_NAME}-{__version__}-*.tar.gz"), ("deb", f"{APP_NAME}_{__version__}_*.deb")):
        found = sorted(args.dist.glob(pattern))
        if found:
            sizes[key] = found[-1].stat().st_size
    for key, size in sizes.items():
        budget = BUDGETS.get(key)
        verdict = ""
        if budget:
            verdict = f"  (budget {budget / MB:.0f} Mo : {'OK' if size <= budget else 'DÉPASSÉ'})"
            over |= size > budget
        print(f"  taille {key:<8} {size / MB:8.1f} Mo{verdict}")
    for key in ("tar.gz", "deb"):
        if key not in sizes:
            print(f"  taille {key:<8}   absent")

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    source = [str(ROOT / ".venv" / "bin" / "python"), "-m", "assistant"]
    if not Path(source[0]).exists():
        source = [sys.executable, "-m", "assistant"]
    print(f"Démarrage, médiane de {args.runs} lancements (gelé / source) :")
    with tempfile.TemporaryDirectory() as data:
        for label, extra in (("--version", ["--version"]), ("self-test", ["--data-dir", data, "self-test"])):
            subprocess.run([str(binary), *extra], env=env, capture_output=True, check=False)  # warm the caches
            frozen = median_time([str(binary), *extra], args.runs, env)
            from_source = median_time([*source, *extra], args.runs, env)
            ratio = frozen / from_source
            print(f"  {label:<10} gelé {frozen:6.3f} s   source {from_source:6.3f} s   rapport {ratio:5.2f}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
