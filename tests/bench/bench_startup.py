"""Time from process start to the main window shown, next to a bare PySide6 window (same machine, same run).

Each figure is the median of several fresh processes; the ratio is what the issue's target is about (≤ 3x).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
import os, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow(); window.resize(1100, 680); window.show(); app.processEvents()
print(time.time() - float(os.environ["BENCH_T0"]))
"""

APP = """
import os, sys, time
from pathlib import Path
from assistant.app import finish_start, start_window
from assistant.paths import AppPaths
paths = AppPaths(Path(sys.argv[1]))
session = start_window(paths)
session.app.processEvents()
shown = time.time() - float(os.environ["BENCH_T0"])
finish_start(session, paths)
session.app.processEvents()
assert session.error is None and session.window.model.rowCount() >= 0
print(shown, time.time() - float(os.environ["BENCH_T0"]))
session.close()
"""


def _run(code: str, *args: str) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["BENCH_T0"] = repr(time.time())
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True)
    return [float(x) for x in out.stdout.strip().splitlines()[-1].split()]


def measure(runs: int = 7) -> dict[str, float]:
    data = tempfile.mkdtemp()
    _run(APP, data)  # first run creates the database: not counted
    bare = statistics.median(_run(BARE)[0] for _ in range(runs))
    app = [_run(APP, data) for _ in range(runs)]
    shown = statistics.median(a[0] for a in app)
    filled = statistics.median(a[1] for a in app)
    return {"bare_s": bare, "shown_s": shown, "filled_s": filled, "ratio": shown / bare, "ratio_filled": filled / bare}


def main() -> None:
    figures = measure()
    print("Démarrage (médiane de 7 processus, depuis le lancement du processus)")
    print(f"  fenêtre PySide6 nue                  : {figures['bare_s'] * 1000:6.0f} ms")
    print(f"  Assistant : fenêtre affichée         : {figures['shown_s'] * 1000:6.0f} ms"
          f"  soit {figures['ratio']:.2f} x (cible ≤ 3 x)")
    print(f"  Assistant : liste des dossiers prête : {figures['filled_s'] * 1000:6.0f} ms"
          f"  soit {figures['ratio_filled']:.2f} x")


if __name__ == "__main__":
    main()
