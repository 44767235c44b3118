"""Time from an answer to the refreshed conclusion panel, for the largest example (target under 50 ms).

The answer goes through the real widget (a click on « Oui »/« Non »), then the editor stores it, re-evaluates
and redraws everything that depends on it. The baseline, measured in the same process, is the bare cost of
putting the same conclusion HTML into a fresh QTextBrowser.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "tests" / "fixtures" / "examples"


def main(runs: int = 41) -> None:
    from PySide6.QtWidgets import QApplication, QTextBrowser

    from assistant.paths import AppPaths
    from assistant.services.context import open_context
    from assistant.services.dossiers import import_file
    from assistant.ui.conclusion import conclusion_html
    from assistant.ui.editor import DossierEditor
    from assistant.ui.setup import configure

    app = QApplication(sys.argv[:1])
    configure(app)
    ctx = open_context(AppPaths(Path(tempfile.mkdtemp())))
    largest = max((p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json")),
                  key=lambda p: p.stat().st_size)
    dossier_id, _ = import_file(ctx, largest)
    editor = DossierEditor(ctx, dossier_id)
    editor.show()
    app.processEvents()
    widget = editor.question_widgets["data.essential_mission"]
    timings = []
    for index in range(runs):
        start = time.perf_counter()
        widget.buttons[index % 2 == 0].click()  # stores the answer, schedules the evaluation
        editor.refresh()  # what the 60 ms debounce timer runs
        app.processEvents()
        timings.append(time.perf_counter() - start)
    html = conclusion_html(editor.evaluation, ctx.rulebook, why=False)  # type: ignore[arg-type]
    baseline = []
    for _ in range(runs):
        browser = QTextBrowser()
        start = time.perf_counter()
        browser.setHtml(html)
        app.processEvents()
        baseline.append(time.perf_counter() - start)
        browser.deleteLater()
    answer, bare = statistics.median(timings), statistics.median(baseline)
    print(f"Réponse → panneau de conclusion à jour ({largest.stem}, médiane de {runs})")
    print(f"  réponse enregistrée, réévaluée, affichée : {answer * 1000:6.1f} ms (cible < 50 ms)")
    print(f"  référence : setHtml du même panneau      : {bare * 1000:6.1f} ms  → rapport {answer / bare:.1f} x")
    editor.close()
    ctx.close()


if __name__ == "__main__":
    main()
