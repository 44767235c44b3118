"""Time the decision note of each example against a bare reportlab document of the same page count.

Run: ``.venv/bin/python bench/bench_report.py [--runs 15]``. Prints, per example, the median time to build
the note (evaluation excluded), the median time of a plain document with as many pages of simple
paragraphs (full pages, same DejaVu font), and their ratio (target: at most 2).
"""

from __future__ import annotations

import argparse
import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from timing import median_seconds

from assistant.engine import evaluate
from assistant.exchange import read_dossier_file
from assistant.paths import rules_dir
from assistant.reports import build_note
from assistant.reports.fonts import REGULAR, register_fonts
from assistant.rulebook import load_rulebook

EXAMPLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "examples"
AS_OF = date(2026, 11, 30)
LOREM = ("Le besoin est exprimé en performance à atteindre ; la solution mutualisée est examinée d'abord, "
         "puis le marché, et le développement spécifique en dernier recours. ") * 3




def bare_document(pages: int) -> bytes:
    """``pages`` A4 pages, each filled with simple paragraphs of the note's body style."""
    style = ParagraphStyle("p", fontName=REGULAR, fontSize=9.5, leading=12.5)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
    _, height = Paragraph(LOREM, style).wrap(doc.width, doc.height)
    per_page = int(doc.height // height) - 1
    story = []
    for page in range(pages):
        story += [Paragraph(f"{page + 1}. {LOREM}", style) for _ in range(per_page)]
        if page < pages - 1:
            story.append(PageBreak())
    doc.build(story)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    register_fonts()
    book = load_rulebook(rules_dir())
    print(f"{'exemple':34} {'pages':>5} {'note (ms)':>10} {'nu (ms)':>8} {'ratio':>6}")
    for path in sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json")):
        dossier = read_dossier_file(path)
        evaluation = evaluate(book, dossier, AS_OF)

        def note(dossier=dossier, evaluation=evaluation) -> bytes:  # type: ignore[no-untyped-def]
            return build_note(dossier, evaluation, book, as_of=AS_OF, author="Banc d'essai")

        pages = len(PdfReader(io.BytesIO(note())).pages)
        if len(PdfReader(io.BytesIO(bare_document(pages))).pages) != pages:
            raise SystemExit("le document nu n'a pas le même nombre de pages")
        ours = median_seconds(note, args.runs)
        bare = median_seconds(lambda pages=pages: bare_document(pages), args.runs)
        print(f"{path.stem:34} {pages:5d} {ours * 1000:10.1f} {bare * 1000:8.1f} {ours / bare:6.2f}")


if __name__ == "__main__":
    main()
