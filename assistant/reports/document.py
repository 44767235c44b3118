"""The A4 document template: margins, page decorations, bookmarks, metadata and reproducible output."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from assistant.reports.page import MARGIN, PageDecor, draw_background, numbered_canvas


class NoteDocument(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type hints
    """Adds an outline entry (bookmark) for every flowable that carries an ``outline`` attribute."""

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        level, key, text = outline
        self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + 12)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)


def render(story: list[Flowable], decor: PageDecor, *, metadata: dict[str, Any], as_of: date) -> bytes:
    """Lay out ``story`` on A4 pages and return the PDF; same inputs, same bytes."""
    buffer = io.BytesIO()
    doc = NoteDocument(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        invariant=1,
        lang="fr-FR",
        displayDocTitle=1,
        creator="Assistant achat numérique",
        producer="Assistant achat numérique (reportlab)",
        **metadata,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def on_page(canvas: Any, _doc: BaseDocTemplate) -> None:
        if canvas.getPageNumber() == 1:
            stamp = f"D:{as_of:%Y%m%d}000000+00'00'"
            canvas.setDateFormatter(lambda *_args: stamp)
            canvas.showOutline()
        draw_background(canvas, decor)

    doc.addPageTemplates([PageTemplate(id="note", frames=[frame], onPage=on_page)])
    ascii85 = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: a smaller file, and base-85 encoding in Python is slow
    try:
        doc.build(story, canvasmaker=numbered_canvas(decor))
    finally:
        rl_config.useA85 = ascii85
    return buffer.getvalue()
