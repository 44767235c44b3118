"""Answer → refreshed panel, from an editor opened from the main window, with 10 000 dossiers stored, as a
ratio to the same with an (almost) empty list (target ≤ 1.2x): editing must not touch the rest of the list.

The 10 000 dossiers are generated once outside the repository and cached
(``$XDG_CACHE_HOME/assistant-bench/``, or ``~/.cache``); each run works on a copy.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "examples" / "plateforme-donnees-sante.json"
COUNT = 10_000


def _cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "assistant-bench"


def _folder_with(count: int) -> Path:
    """A data folder whose database holds the example plus ``count - 1`` copies (cached by count)."""
    from assistant.paths import AppPaths
    from assistant.services.context import open_context
    from assistant.services.dossiers import import_file

    cached = _cache_dir() / f"dossiers-{count}.sqlite3"
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    paths = AppPaths(folder)
    if not cached.exists():
        ctx = open_context(paths)
        import_file(ctx, EXAMPLE)
        ctx.close()
        with sqlite3.connect(paths.database) as db:
            row = db.execute("SELECT * FROM dossier WHERE id = 1").fetchone()
            columns = [c[1] for c in db.execute("PRAGMA table_info(dossier)")]
            rows = []
            for index in range(count - 1):
                values = dict(zip(columns, row, strict=True))
                values.update(id=None, uid=str(uuid.uuid4()), title=f"Dossier généré n° {index}")
                rows.append(tuple(values[c] for c in columns))
            marks = ", ".join("?" for _ in columns)
            db.executemany(f"INSERT INTO dossier ({', '.join(columns)}) VALUES ({marks})", rows)
        cached.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(paths.database) as source, sqlite3.connect(cached) as target:
            source.backup(target)
    else:
        paths.ensure()
        shutil.copyfile(cached, paths.database)
    return folder


def _measure(app: object, count: int, runs: int) -> float:
    from assistant.paths import AppPaths
    from assistant.services.context import open_context
    from assistant.ui.main_window import MainWindow

    ctx = open_context(AppPaths(_folder_with(count)))
    window = MainWindow(ctx)
    window.show()
    window.open_dossier(1)
    editor = window._editors[1]
    app.processEvents()  # type: ignore[attr-defined]
    widget = editor.question_widgets["data.essential_mission"]
    timings = []
    for index in range(runs):
        start = time.perf_counter()
        widget.buttons[index % 2 == 0].click()  # stores the answer, schedules the evaluation
        editor.refresh()  # what the debounce timer runs: evaluate, record, redraw, tell the list
        app.processEvents()  # type: ignore[attr-defined]
        timings.append(time.perf_counter() - start)
    window.close()
    ctx.close()
    return statistics.median(timings)


def main(runs: int = 31) -> None:
    from PySide6.QtWidgets import QApplication

    from assistant.ui.setup import configure

    app = QApplication(sys.argv[:1])
    configure(app)
    empty = _measure(app, 1, runs)
    full = _measure(app, COUNT, runs)
    print(f"Réponse → panneau à jour, éditeur ouvert depuis la fenêtre principale (médiane de {runs})")
    print(f"  liste de 1 dossier        : {empty * 1000:6.1f} ms")
    print(f"  liste de {COUNT} dossiers : {full * 1000:6.1f} ms  → rapport {full / empty:.2f} x (cible ≤ 1,2 x)")


if __name__ == "__main__":
    main()
