"""The offers' chart: offers told apart by hatching as well as colour, every score given in words."""

from __future__ import annotations

from assistant.ui.chart import PALETTE, PATTERNS, ScoreChart


def test_each_offer_has_its_own_hatching() -> None:
    assert len(set(PATTERNS)) == len(PATTERNS) == len(PALETTE)


def test_the_scores_are_in_the_accessible_description(qtbot, rulebook) -> None:  # type: ignore[no-untyped-def]
    chart = ScoreChart()
    qtbot.addWidget(chart)
    criteria = [(c.id, c.label) for c in rulebook.criteria]
    chart.set_data(criteria, [("Offre A", {criteria[0][0]: 4}), ("Offre B", {criteria[0][0]: 2.5})])
    chart.resize(360, 260)
    chart.show()
    description = chart.accessibleDescription()
    assert f"Offre A\u00a0: {criteria[0][1]} 4 sur 5" in description
    assert f"Offre B\u00a0: {criteria[0][1]} 2,5 sur 5" in description
    image = chart.grab().toImage()
    assert not image.isNull() and image.width() == 360
