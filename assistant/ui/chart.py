"""A grouped bar chart of the offers' scores per criterion, drawn with QPainter (no extra dependency).

Offers are told apart by more than colour: each has its own hatching (in the bars and the legend), and the
chart's accessible description lists every score in words."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from assistant.rulebook import format_number

PALETTE = ("#000091", "#e1000f", "#18753c", "#b34000", "#6a6af4", "#009081", "#a558a0", "#716043")
PATTERNS = (Qt.BrushStyle.NoBrush, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.CrossPattern,
            Qt.BrushStyle.FDiagPattern, Qt.BrushStyle.HorPattern, Qt.BrushStyle.VerPattern,
            Qt.BrushStyle.DiagCrossPattern, Qt.BrushStyle.Dense5Pattern)
"""White hatching drawn over each offer's colour: the first offer plain, the next ones hatched."""
LABEL_LINES = 3
MIN_LABEL_SCALE = 0.75


def fill(painter: QPainter, rect: QRectF, index: int) -> None:
    """An offer's bar or legend swatch: its colour, its hatching, a dark outline."""
    painter.fillRect(rect, QColor(PALETTE[index]))
    if PATTERNS[index] != Qt.BrushStyle.NoBrush:
        painter.fillRect(rect, QBrush(QColor("white"), PATTERNS[index]))
    painter.setPen(QPen(QColor("#161616"), 1))
    painter.drawRect(rect)


class ScoreChart(QWidget):
    """Scores 0-5 per criterion, one bar per offer; the legend names the offers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criteria: list[tuple[str, str]] = []
        self.offers: list[tuple[str, dict[str, float]]] = []
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Graphique comparant les notes des offres")

    def set_data(self, criteria: list[tuple[str, str]], offers: list[tuple[str, dict[str, float]]]) -> None:
        self.criteria = criteria
        self.offers = offers[: len(PALETTE)]
        labels = dict(criteria)
        self.setAccessibleDescription(" ".join(
            f"{name} : " + ", ".join(f"{labels.get(c, c)} {format_number(v)} sur 5" for c, v in scores.items()
                                      if c in labels) + "."
            for name, scores in self.offers
        ))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 260)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        if not self.offers or not self.criteria:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Ajoutez des offres notées pour les comparer.")
            return
        legend_x = 8.0
        for index, (name, _scores) in enumerate(self.offers):
            fill(painter, QRectF(legend_x, 6, line * 0.8, line * 0.8), index)
            painter.setPen(QColor("#161616"))
            painter.drawText(int(legend_x + line), int(6 + line * 0.75), name)
            legend_x += line * 1.5 + metrics.horizontalAdvance(name)
        top, bottom = line * 2.0, self.height() - line * (LABEL_LINES + 0.6)
        left, right = metrics.horizontalAdvance("5") + 12.0, self.width() - 8.0
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        for tick in range(6):
            y = bottom - (bottom - top) * tick / 5
            painter.drawLine(int(left), int(y), int(right), int(y))
            painter.setPen(QColor("#333333"))
            painter.drawText(2, int(y + line / 3), str(tick))
            painter.setPen(QPen(QColor("#bbbbbb"), 1))
        group = (right - left) / len(self.criteria)
        bar = max(2.0, group * 0.8 / len(self.offers))
        for c_index, (criterion, label) in enumerate(self.criteria):
            x0 = left + c_index * group + group * 0.1
            for o_index, (_name, scores) in enumerate(self.offers):
                value = scores.get(criterion)
                if value is None:
                    continue
                height = (bottom - top) * float(value) / 5
                fill(painter, QRectF(x0 + o_index * bar, bottom - height, bar - 1, height), o_index)
            painter.setPen(QColor("#333333"))
            rect = QRectF(left + c_index * group, bottom + 4, group, line * LABEL_LINES)
            self._label(painter, rect, label)
        painter.end()

    def _label(self, painter: QPainter, rect: QRectF, label: str) -> None:
        """A criterion's name, whole: wrapped at spaces, in a smaller type when a word is wider than its
        column, broken inside a word only as a last resort (never cut with « … »)."""
        font = QFont(painter.font())
        widest = max(QFontMetricsF(font).horizontalAdvance(word) for word in label.split())
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        if widest > rect.width() - 2:
            font.setPointSizeF(max(font.pointSizeF() * MIN_LABEL_SCALE,
                                   font.pointSizeF() * (rect.width() - 2) / widest))
            if QFontMetricsF(font).horizontalAdvance(max(label.split(), key=len)) > rect.width() - 2:
                flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWrapAnywhere
        painter.save()
        painter.setFont(font)
        painter.drawText(rect, int(flags), label)
        painter.restore()
