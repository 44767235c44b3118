"""What every page carries: header, watermark, footer with « page n/N », rules digest and evaluation date.

``NumberedCanvas`` keeps each finished page until the document is complete, then draws the footers
knowing the page count (one layout pass only). It advances the document's page counter as pages
finish, so that bookmarks made meanwhile point at the right page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from assistant.reports.fonts import BOLD, REGULAR
from assistant.reports.styles import BLUE, GRID, MUTED

MARGIN = 18 * mm


@dataclass(frozen=True)
class PageDecor:
    """The texts of the header and footer, and the optional training watermark."""

    title: str
    header_left: str
    header_right: str
    rules_line: str
    evaluated_line: str
    watermark: str | None = None
    logo: str | None = None
    """A PNG printed at the left of the header (the site's logo)."""


def fit(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis so that it fits ``width`` points.

    A binary search on the length kept: about twenty measurements whatever the text's length (a title of
    100 000 characters once took minutes, one character removed and the whole measured again at a time).
    No printed character is narrower than half a point at these sizes, so at most ``2 * width`` of them
    can fit: only that much of a long text is ever measured.
    """
    if len(text) <= 2 * width and stringWidth(text, font, size) <= width:
        return text
    low, high = 0, min(len(text), int(2 * width) + 1)  # text[:low] + "…" fits; text[:high] + "…" may not
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def draw_background(canvas: Canvas, decor: PageDecor) -> None:
    """Header and watermark, drawn before the page's content (the watermark stays under the text)."""
    page_width, page_height = canvas._pagesize
    canvas.saveState()
    if decor.watermark:
        canvas.setFillColor(colors.Color(0.55, 0.55, 0.55, alpha=0.18))
        size = 90.0
        text_width = stringWidth(decor.watermark, BOLD, size)
        limit = (page_width**2 + page_height**2) ** 0.5 * 0.8
        if text_width > limit:
            size *= limit / text_width
        canvas.setFont(BOLD, size)
        canvas.translate(page_width / 2, page_height / 2)
        canvas.rotate(54)
        canvas.drawCentredString(0, -size / 3, decor.watermark)
        canvas.restoreState()
        canvas.saveState()
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    y = page_height - 11 * mm
    half = (page_width - 2 * MARGIN) / 2 - 6
    left = MARGIN
    if decor.logo:
        height = 8 * mm
        canvas.drawImage(decor.logo, MARGIN, y - 1.5, width=2.5 * height, height=height,
                         preserveAspectRatio=True, anchor="sw", mask="auto")
        left += 2.5 * height + 3 * mm
    canvas.drawString(left, y, fit(decor.header_left, REGULAR, 7.5, half - (left - MARGIN)))
    canvas.drawRightString(page_width - MARGIN, y, fit(decor.header_right, REGULAR, 7.5, half))
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, y - 2.5, page_width - MARGIN, y - 2.5)
    canvas.restoreState()


def draw_footer(canvas: Canvas, decor: PageDecor, page: int, total: int) -> None:
    page_width, _ = canvas._pagesize
    width = page_width - 2 * MARGIN
    canvas.saveState()
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, 15 * mm, page_width - MARGIN, 15 * mm)
    numbering = f"page {page}/{total}"
    canvas.setFont(BOLD, 7.5)
    canvas.setFillColor(BLUE)
    canvas.drawRightString(page_width - MARGIN, 11.5 * mm, numbering)
    room = width - stringWidth(numbering, BOLD, 7.5) - 12
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, 11.5 * mm, fit(decor.title, REGULAR, 7.5, room))
    canvas.drawString(MARGIN, 8 * mm, fit(decor.rules_line, REGULAR, 7, width * 0.68))
    canvas.setFont(REGULAR, 7)
    canvas.drawRightString(page_width - MARGIN, 8 * mm, decor.evaluated_line)
    canvas.restoreState()


def numbered_canvas(decor: PageDecor) -> type[Canvas]:
    """A canvas class that writes the footer of every page once the page count is known."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._doc.pageCounter += 1
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            self._doc.pageCounter = 1
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                draw_footer(self, decor, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
