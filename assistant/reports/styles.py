"""Paragraph and table styles of the decision note, and the escaping of every text a user typed."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from assistant.domain.limits import printable
from assistant.reports.fonts import BOLD, ITALIC, REGULAR

INK = colors.HexColor("#1b1b35")
BLUE = colors.HexColor("#000091")
LIGHT = colors.HexColor("#eef0fb")
WARN_BG = colors.HexColor("#fff4e5")
WARN_INK = colors.HexColor("#8a3c00")
GRID = colors.HexColor("#9a9ab0")
MUTED = colors.HexColor("#555566")


def esc(text: object) -> str:
    """Escape text for reportlab's mini-markup; line breaks become ``<br/>``.

    reportlab's Paragraph counts the narrow no-break space (U+202F) as breakable white space and prints a
    plain space there, so an amount could be cut across two lines: it becomes a no-break space (U+00A0),
    which Paragraph keeps whole. Text drawn straight on the canvas (header, footer) keeps U+202F.
    """
    text = escape(str(text)).replace("\u202f", "\u00a0").replace("\r\n", "\n").replace("\t", " ")
    if not text.isprintable():  # a control character or a lone surrogate stored by an older version
        text = "\n".join(printable(line) for line in text.split("\n"))
    return text.replace("\n", "<br/>")


def cell_fonts(styles: Styles, bold_columns: tuple[int, ...] = ()) -> list[tuple[object, ...]]:
    """Table style commands giving bare-string cells the look of the ``cell`` paragraphs."""
    cell = styles.cell
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), cell.textColor),
    ]
    commands += [("FONT", (c, 0), (c, -1), styles.cell_bold.fontName, cell.fontSize, cell.leading)
                 for c in bold_columns]
    return commands


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    quote: ParagraphStyle
    warning: ParagraphStyle
    centered: ParagraphStyle


def make_styles() -> Styles:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=4)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=17, leading=21, textColor=BLUE,
                             spaceAfter=4),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=14, textColor=MUTED),
        h1=ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=13, leading=16, textColor=BLUE,
                          spaceBefore=12, spaceAfter=6, keepWithNext=1),
        h2=ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=10.5, leading=13.5, spaceBefore=6,
                          spaceAfter=3, keepWithNext=1),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED, spaceAfter=2),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=BOLD, fontSize=8.5, leading=10.5,
                                 spaceAfter=0),
        quote=ParagraphStyle("quote", parent=body, fontName=ITALIC, leftIndent=14, rightIndent=8,
                             borderPadding=(3, 6, 3, 6), borderColor=GRID, borderWidth=0, spaceAfter=6),
        warning=ParagraphStyle("warning", parent=body, textColor=WARN_INK, leftIndent=10, bulletIndent=0),
        centered=ParagraphStyle("centered", parent=body, alignment=TA_CENTER),
    )
