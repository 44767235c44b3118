"""The offers chart, drawn with reportlab's own graphics: criterion scores and weighted total per offer.

Plain shapes (rectangles, lines, strings) rather than the chart widgets: the same picture for a fraction
of the layout time (the widgets expand into hundreds of nodes on every draw).
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from assistant.reports.fonts import REGULAR
from assistant.reports.page import fit

PALETTE = ("#000091", "#e1000f", "#18753c", "#b34000", "#6a6af4", "#009081", "#a558a0", "#716043",
           "#417dc4", "#1b1b35")
GROUPED_LIMIT = 8
"""Above this number of offers, only the weighted totals are drawn."""
GRID = colors.HexColor("#bbbbbb")


def _axis(drawing: Drawing, left: float, bottom: float, length: float, size: float, *, vertical: bool) -> None:
    """Grid lines and labels 0 to 5 along the value axis."""
    for tick in range(6):
        offset = length * tick / 5
        if vertical:
            drawing.add(Line(left, bottom + offset, left + size, bottom + offset, strokeColor=GRID, strokeWidth=0.4))
            drawing.add(String(left - 4, bottom + offset - 2.5, str(tick), fontName=REGULAR, fontSize=7,
                               textAnchor="end"))
        else:
            drawing.add(Line(left + offset, bottom, left + offset, bottom + size, strokeColor=GRID, strokeWidth=0.4))
            drawing.add(String(left + offset, bottom - 9, str(tick), fontName=REGULAR, fontSize=7,
                               textAnchor="middle"))


APART = colors.HexColor("#b0b0b0")
"""The colour of the bars of offers that are not eligible (drawn apart, never like an eligible one)."""


def grouped_chart(
    offers: list[str], series: list[tuple[str, list[float]]], width: float, apart_from: int | None = None
) -> Drawing:
    """One group of bars per offer, one bar per criterion (and the weighted total), with a legend. Offers
    from index ``apart_from`` on are not eligible: grey bars after a dashed separator."""
    rows = 4
    columns = max(1, -(-len(series) // rows))
    legend_height = 11.0 * min(rows, len(series))
    height = 150.0 + legend_height
    drawing = Drawing(width, height)
    left, bottom = 30.0, legend_height + 24
    plot_width, plot_height = width - 40, height - legend_height - 40
    _axis(drawing, left, bottom, plot_height, plot_width, vertical=True)
    group = plot_width / max(1, len(offers))
    bar = (group - 8) / max(1, len(series))
    for index, name in enumerate(offers):
        x0 = left + index * group + 4
        out = apart_from is not None and index >= apart_from
        if out and index == apart_from:
            drawing.add(Line(x0 - 4, bottom - 12, x0 - 4, bottom + plot_height, strokeColor=colors.black,
                             strokeWidth=0.6, strokeDashArray=[3, 2]))
        for s_index, (_label, values) in enumerate(series):
            value = values[index] if index < len(values) else 0
            if value:
                fill = APART if out else colors.HexColor(PALETTE[s_index % len(PALETTE)])
                drawing.add(Rect(x0 + s_index * bar, bottom, max(bar - 0.5, 0.5), plot_height * value / 5,
                                 fillColor=fill, strokeColor=None))
        drawing.add(String(left + index * group + group / 2, bottom - 10, fit(name, REGULAR, 7.5, group - 4),
                           fontName=REGULAR, fontSize=7.5, textAnchor="middle"))
    column_width = (width - 40) / max(3, columns)
    for s_index, (label, _values) in enumerate(series):
        x = left + (s_index // rows) * column_width
        y = legend_height - 9 - (s_index % rows) * 11
        drawing.add(Rect(x, y, 6, 6, fillColor=colors.HexColor(PALETTE[s_index % len(PALETTE)]), strokeColor=None))
        drawing.add(String(x + 9, y, fit(label, REGULAR, 7, column_width - 12), fontName=REGULAR, fontSize=7))
    drawing.add(String(0, height - 8, "Notes sur 5", fontName=REGULAR, fontSize=7))
    return drawing


def totals_chart(offers: list[str], totals: list[float], width: float, apart_from: int | None = None) -> Drawing:
    """One horizontal bar per offer: its weighted total; offers from ``apart_from`` on in grey."""
    bar = 11.0
    height = 30 + bar * len(offers)
    drawing = Drawing(width, height)
    left, bottom = 110.0, 18.0
    plot_width, plot_height = width - 120, height - 24
    _axis(drawing, left, bottom, plot_width, plot_height, vertical=False)
    for index, (name, total) in enumerate(zip(offers, totals, strict=False)):
        y = bottom + plot_height - (index + 1) * bar
        out = apart_from is not None and index >= apart_from
        fill = APART if out else colors.HexColor(PALETTE[0])
        drawing.add(Rect(left, y + 1.5, plot_width * total / 5, bar - 3, fillColor=fill, strokeColor=None))
        drawing.add(String(left - 4, y + 3, fit(name, REGULAR, 7, 100), fontName=REGULAR, fontSize=7,
                           textAnchor="end"))
    drawing.add(String(left, 2, "Total pondéré (sur 5)", fontName=REGULAR, fontSize=7))
    return drawing
