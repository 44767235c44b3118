"""Contrast, computed: every colour pair the palette and the style sheets use reaches AA (4.5:1 for text,
3:1 for controls and the focus ring), and the application's live palette is the one checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from assistant.ui import palette
from assistant.ui.chart import PALETTE as CHART
from assistant.ui.palette import NON_TEXT_PAIRS, TEXT_PAIRS, contrast_ratio

UI = Path(__file__).resolve().parents[2] / "assistant" / "ui"


def test_the_contrast_formula_gives_the_known_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(("what", "foreground", "background"), TEXT_PAIRS)
def test_text_colours_reach_4_5(what: str, foreground: str, background: str) -> None:
    assert contrast_ratio(foreground, background) >= 4.5, what


@pytest.mark.parametrize(("what", "foreground", "background"), NON_TEXT_PAIRS)
def test_controls_and_focus_reach_3(what: str, foreground: str, background: str) -> None:
    assert contrast_ratio(foreground, background) >= 3.0, what


def test_every_colour_in_the_window_code_is_a_checked_one() -> None:
    """A colour written in a style sheet or rich text of ``assistant/ui`` must be one of the palette's."""
    checked = {c.lower() for _w, f, b in TEXT_PAIRS + NON_TEXT_PAIRS for c in (f, b)}
    checked |= {palette.DISABLED_OUTLINE, palette.DISABLED_FILL, "#e8f5e9"}
    found: dict[str, str] = {}
    for path in UI.glob("*.py"):
        if path.name in ("palette.py", "chart.py"):
            continue
        for colour in re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", path.read_text(encoding="utf-8")):
            full = colour.lower() if len(colour) == 7 else "#" + "".join(c * 2 for c in colour[1:]).lower()
            found[full] = path.name
    unchecked = {c: f for c, f in found.items() if c not in checked}
    assert unchecked == {}


def test_the_light_green_of_corrections_keeps_text_readable() -> None:
    assert contrast_ratio(palette.TEXT, "#e8f5e9") >= 4.5


def test_chart_bars_stand_out_from_the_white_background() -> None:
    for colour in CHART:
        assert contrast_ratio(colour, "#ffffff") >= 3.0, colour


def test_the_running_application_uses_these_colours(qapp: QApplication) -> None:
    live = qapp.palette()

    def colour(role: QPalette.ColorRole, group: QPalette.ColorGroup = QPalette.ColorGroup.Active) -> str:
        return live.color(group, role).name()

    role = QPalette.ColorRole
    assert contrast_ratio(colour(role.PlaceholderText), colour(role.Base)) >= 4.5
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        assert contrast_ratio(colour(role.HighlightedText, group), colour(role.Highlight, group)) >= 4.5
    assert contrast_ratio(colour(role.Text), colour(role.Base)) >= 4.5
    assert contrast_ratio(colour(role.WindowText), colour(role.Window)) >= 4.5
    assert contrast_ratio(colour(role.Highlight), colour(role.Base)) >= 3.0
    sheet = qapp.styleSheet()
    assert f"border: 2px solid {palette.ACCENT}" in sheet
    assert f"border: 2px solid {palette.OUTLINE}" in sheet
