"""The conclusion panel: hosting checks beside each requirement, unverified sources, the rulebook version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.engine import evaluate
from assistant.exchange import read_dossier_file
from assistant.rulebook import load_rulebook
from assistant.ui.conclusion import conclusion_html

EXAMPLES = Path(__file__).parents[1] / "fixtures" / "examples"


def test_panel_shows_hosting_check_unverified_sources_retained_offer_and_version() -> None:
    rulebook = load_rulebook()
    evaluation = evaluate(rulebook, read_dossier_file(EXAMPLES / "archives-cloud-interne.json"), date(2026, 11, 30))
    html = conclusion_html(evaluation, rulebook, why=False)
    assert "satisfaite par l'hébergement choisi" in html
    assert "href='source:decret-2026-272'" in html  # a conclusion resting on a source « à vérifier »
    assert "version 2026.12" in html
    dossier = read_dossier_file(EXAMPLES / "rendez-vous-commune.json")
    html = conclusion_html(evaluate(rulebook, dossier, date(2026, 11, 30)), rulebook, why=False)
    assert "Offre retenue" in html and "Agenda A (rang 1)" in html
