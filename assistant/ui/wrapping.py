"""Radio buttons and check boxes whose text wraps to the width they are given (Qt's do not wrap), so that
a long option is never cut at the right edge of the page when the text is enlarged."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton, QSizePolicy, QStyle, QWidget

EXTRA = 10
"""Room around the text: the focus border (2 × 2 px) and the style's margins."""


def wrap_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """Split ``text`` at spaces into lines no wider than ``width`` (a longer word gets its own line)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def _indent(button: QAbstractButton, metric: QStyle.PixelMetric) -> int:
    style = button.style()
    return (style.pixelMetric(metric, None, button)
            + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, button) + EXTRA)


def _height(button: QAbstractButton, lines: int) -> int:
    return lines * button.fontMetrics().lineSpacing() + EXTRA


def _prepare(button: QAbstractButton) -> None:
    policy = button.sizePolicy()
    policy.setHeightForWidth(True)
    policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
    policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)  # Fixed (Qt's default) would cap it at one line
    button.setSizePolicy(policy)


class _WrappingText:
    """The wrapping behaviour shared by the radio button and the check box below (``METRIC`` is the width of
    the indicator drawn before the text)."""

    METRIC: QStyle.PixelMetric
    _full: str

    def _init_wrapping(self, text: str) -> None:
        self._full = text
        _prepare(self)  # type: ignore[arg-type]

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        return _size_hint(self, self._full, self.METRIC)  # type: ignore[arg-type]

    def minimumSizeHint(self) -> QSize:
        return _minimum_size_hint(self, self._full, self.METRIC)  # type: ignore[arg-type]

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return _height(self, len(_lines(self, self._full, self.METRIC, width)))  # type: ignore[arg-type]

    def resizeEvent(self, event: QResizeEvent) -> None:
        _rewrap(self, self._full, self.METRIC, event.size().width())  # type: ignore[arg-type]
        super().resizeEvent(event)  # type: ignore[misc]


class WrapRadioButton(_WrappingText, QRadioButton):
    """A radio button whose text wraps to its width."""

    METRIC = QStyle.PixelMetric.PM_ExclusiveIndicatorWidth

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        QRadioButton.__init__(self, text, parent)
        self._init_wrapping(text)


class WrapCheckBox(_WrappingText, QCheckBox):
    """A check box whose text wraps to its width."""

    METRIC = QStyle.PixelMetric.PM_IndicatorWidth

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        QCheckBox.__init__(self, text, parent)
        self._init_wrapping(text)


def _lines(button: QAbstractButton, text: str, metric: QStyle.PixelMetric, width: int) -> list[str]:
    return wrap_lines(text, button.fontMetrics(), max(40, width - _indent(button, metric)))


def _size_hint(button: QAbstractButton, text: str, metric: QStyle.PixelMetric) -> QSize:
    return QSize(button.fontMetrics().horizontalAdvance(text) + _indent(button, metric), _height(button, 1))


def _minimum_size_hint(button: QAbstractButton, text: str, metric: QStyle.PixelMetric) -> QSize:
    widest = max(button.fontMetrics().horizontalAdvance(word) for word in text.split(" "))
    return QSize(min(widest, 160) + _indent(button, metric), _height(button, 1))


def _rewrap(button: QAbstractButton, text: str, metric: QStyle.PixelMetric, width: int) -> None:
    wrapped = "\n".join(_lines(button, text, metric, width))
    if wrapped != button.text():
        button.setText(wrapped)
