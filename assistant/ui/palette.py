"""Colours with AA contrast (text ≥ 4.5:1, controls and focus ≥ 3:1), the application palette built from
them, and the style sheet of focus rings and check/radio indicators.

Every colour the style sheets of ``assistant/ui`` use is listed here; ``tests/ui/test_palette.py`` computes
each pair's contrast ratio.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

WHITE = "#ffffff"
WINDOW = "#efefef"
"""Background of windows and pages (the Fusion style's default, kept)."""
TEXT = "#161616"
MUTED = "#444444"
"""Help texts under a question."""
PLACEHOLDER = "#666666"
ACCENT = "#000091"
"""Focus ring, links, selection (the State's blue)."""
WARNING = "#b34000"
OUTLINE = "#666666"
"""Outline of radio buttons and check boxes (non-text: 3:1 needed)."""
DISABLED_OUTLINE = "#929292"
DISABLED_FILL = "#e5e5e5"
TRAINING = "#7a1f00"
"""Background of the FORMATION banner (white text on it)."""
READ_ONLY = "#fff1cc"
"""Background of the « Lecture seule » banner (text colour on it, a WARNING border)."""

TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("texte", TEXT, WHITE), ("texte sur la fenêtre", TEXT, WINDOW), ("aide", MUTED, WHITE),
    ("aide sur la fenêtre", MUTED, WINDOW), ("texte indicatif", PLACEHOLDER, WHITE),
    ("lien", ACCENT, WHITE), ("lien sur la fenêtre", ACCENT, WINDOW), ("avertissement", WARNING, WHITE),
    ("avertissement sur la fenêtre", WARNING, WINDOW), ("sélection", WHITE, ACCENT),
    ("bandeau formation", WHITE, TRAINING), ("bandeau lecture seule", TEXT, READ_ONLY),
    ("réponse en lecture seule", MUTED, WHITE), ("réponse en lecture seule sur la fenêtre", MUTED, WINDOW),
)
"""(what, foreground, background) pairs of text: each needs 4.5:1."""

NON_TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("anneau de focus", ACCENT, WHITE), ("anneau de focus sur la fenêtre", ACCENT, WINDOW),
    ("contour des cases", OUTLINE, WHITE), ("contour des cases sur la fenêtre", OUTLINE, WINDOW),
    ("case cochée", ACCENT, WINDOW), ("case cochée en lecture seule", MUTED, WINDOW),
    ("bord du bandeau lecture seule", WARNING, READ_ONLY),
)
"""(what, foreground, background) pairs of controls and focus indicators: each needs 3:1."""


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i: i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio, from 1 to 21."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def apply_palette(app: QApplication) -> QPalette:
    """Placeholder text, selection and links in AA colours, in every colour group (active or not)."""
    palette = app.palette()
    roles = {
        QPalette.ColorRole.PlaceholderText: PLACEHOLDER,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: WHITE,
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Base: WHITE,
        QPalette.ColorRole.Window: WINDOW,
    }
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in roles.items():
            palette.setColor(group, role, QColor(colour))
    app.setPalette(palette)
    return palette


def style_sheet(icons: Path) -> str:
    """Focus rings and indicators; ``icons`` holds ``check.svg``."""
    check = (icons / "check.svg").as_posix()
    return f"""
QWidget:focus {{ outline: none; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QSpinBox:focus,
QDoubleSpinBox:focus, QDateEdit:focus, QTableView:focus, QListWidget:focus, QTreeWidget:focus,
QTextBrowser:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:focus, QToolButton:focus, QRadioButton:focus, QCheckBox:focus {{ border: 2px solid {ACCENT}; }}
QPushButton {{ padding: 4px 12px; }}
QRadioButton::indicator, QCheckBox::indicator {{
    width: 14px; height: 14px; border: 2px solid {OUTLINE}; background: {WHITE}; }}
QRadioButton::indicator {{ border-radius: 9px; }}
QRadioButton::indicator:checked {{ border-color: {ACCENT}; background: qradialgradient(cx:0.5, cy:0.5,
    radius:0.5, fx:0.5, fy:0.5, stop:0 {ACCENT}, stop:0.55 {ACCENT}, stop:0.65 {WHITE}, stop:1 {WHITE}); }}
QCheckBox::indicator:checked {{ border-color: {ACCENT}; background: {ACCENT}; image: url("{check}"); }}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{
    border-color: {DISABLED_OUTLINE}; background: {DISABLED_FILL}; }}
QCheckBox::indicator:checked:disabled {{ border-color: {MUTED}; background: {MUTED}; image: url("{check}"); }}
QRadioButton::indicator:checked:disabled {{ border-color: {MUTED}; background: qradialgradient(cx:0.5, cy:0.5,
    radius:0.5, fx:0.5, fy:0.5, stop:0 {MUTED}, stop:0.55 {MUTED}, stop:0.65 {WHITE}, stop:1 {WHITE}); }}
"""
