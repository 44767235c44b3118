"""The offers chart, drawn with reportlab's own graphics: criterion scores and weighted total per offer."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from assistant.reports.fonts import REGULAR
from assistant.reports.page import fit

PALETTE = ("#000091", "#e1000f", "#18753c", "#b34000", "#6a6af4", "#009081", "#a558a0", "#716043",
           "#417dc4", "#1b1b35")
GROUPED_LIMIT = 8
"""Above this number of offers, only the weighted totals are drawn."""


def grouped_chart(offers: list[str], series: list[tuple[str, list[float]]], width: float) -> Drawing:
    """One group of bars per offer, one bar per criterion (and the weighted total)."""
    rows = 4
    legend_height = 11.0 * min(rows, len(series))
    height = 150.0 + legend_height
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, legend_height + 24
    chart.width, chart.height = width - 40, height - legend_height - 40
    chart.data = [values for _, values in series]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 5, 1
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [fit(name, REGULAR, 7.5, chart.width / max(1, len(offers)) - 4)
                                        for name in offers]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.barSpacing = 0.5
    chart.groupSpacing = 8
    for index in range(len(series)):
        chart.bars[index].fillColor = colors.HexColor(PALETTE[index % len(PALETTE)])
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 30, legend_height + 2
    legend.alignment = "right"
    legend.fontName = REGULAR
    legend.fontSize = 7
    legend.columnMaximum = rows
    legend.dx = legend.dy = 6
    legend.deltay = 11
    legend.deltax = (width - 40) / 3
    legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), name)
                             for i, (name, _) in enumerate(series)]
    drawing.add(legend)
    drawing.add(String(0, height - 8, "Notes sur 5", fontName=REGULAR, fontSize=7))
    return drawing


def totals_chart(offers: list[str], totals: list[float], width: float) -> Drawing:
    """One horizontal bar per offer: its weighted total."""
    bar = 11.0
    height = 30 + bar * len(offers)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 110, 18
    chart.width, chart.height = width - 120, height - 24
    chart.data = [totals]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 5, 1
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [fit(name, REGULAR, 7, 100) for name in offers]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.reverseDirection = 1
    chart.bars[0].fillColor = colors.HexColor(PALETTE[0])
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    drawing.add(String(110, 2, "Total pondéré (sur 5)", fontName=REGULAR, fontSize=7))
    return drawing
