"""The note's OpenDocument twin against the PDF for the same dossier (target: ODT ≤ 1x the PDF's time)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_seconds

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "tests" / "fixtures" / "examples"


def main(runs: int = 15) -> None:
    from assistant.engine import evaluate
    from assistant.exchange import read_dossier_file
    from assistant.reports import build_note
    from assistant.reports.odt import build_odt
    from assistant.rulebook import load_rulebook

    book = load_rulebook()
    day = date(2026, 11, 30)
    print(f"Note OpenDocument comparée à la note PDF (médiane de {runs})")
    for name in ("plateforme-donnees-sante", "messagerie-operateur"):
        dossier = read_dossier_file(EXAMPLES / f"{name}.json")
        evaluation = evaluate(book, dossier, day)
        pdf = median_seconds(lambda d=dossier, e=evaluation: build_note(d, e, book, as_of=day), runs)
        odt = median_seconds(lambda d=dossier, e=evaluation: build_odt(d, e, book, as_of=day), runs)
        print(f"  {name:26} PDF {pdf * 1000:6.1f} ms, ODT {odt * 1000:6.1f} ms → rapport {odt / pdf:.2f} x "
              "(cible ≤ 1 x)")


if __name__ == "__main__":
    main()
