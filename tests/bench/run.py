"""``make bench``: every benchmark of the project, each with its same-process or same-command baseline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["bench_startup.py", "bench_engine.py", "bench_report.py", "bench_odt.py", "bench_ui.py",
           "bench_scale.py", "bench_live.py", "bench_rule_updates.py", "bench_dist.py"]


def main() -> int:
    failed = 0
    for name in BENCHES:
        script = HERE.parent / "tools" / name if not (HERE / name).exists() else HERE / name
        if not script.exists():
            continue
        print(f"\n=== {name} ===", flush=True)
        failed |= subprocess.call([sys.executable, str(script)])
    return failed


if __name__ == "__main__":
    sys.exit(main())
