"""The doctrine lives wholly in rules/: stage order, steps, note facts, default weight, vademecum pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Candidate, Dossier
from assistant.engine import evaluate
from assistant.paths import resources_dir
from assistant.rulebook import check_rulebook, default_rules_dir, load_rulebook
from assistant.rulebook.loader import vademecum_pages

AS_OF = date(2026, 11, 30)

NEW_STAGE = """\
# Une étape que personne n'a ajoutée à l'ordre d'exécution.
stage: archives
mode: first
default: none
rules:
  - id: archives.public
    when: {fact: buyer.kind, equals: state_administration}
    outcome: public
    explanation: "Les données d'un organisme public sont des archives publiques."
    sources: [circ-6519]
    page: index
"""


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


def test_a_stage_file_the_engine_never_runs_is_refused_with_its_file_and_line(rules_copy: Path) -> None:
    (rules_copy / "archives.yaml").write_text(NEW_STAGE, encoding="utf-8")
    problems = [str(p) for p in check_rulebook(rules_copy)]
    assert any(p.startswith("archives.yaml:") and "n'est jamais exécutée" in p for p in problems), problems
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "rules", "check", str(rules_copy)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 1
    assert "archives.yaml:2" in result.stdout or "archives.yaml:3" in result.stdout, result.stdout


def test_a_listed_stage_that_fills_no_evaluation_field_is_refused(rules_copy: Path) -> None:
    (rules_copy / "archives.yaml").write_text(NEW_STAGE, encoding="utf-8")
    meta = rules_copy / "rulebook.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "  - {stage: dinum_opinion}", "  - {stage: dinum_opinion}\n  - {stage: archives}"), encoding="utf-8")
    problems = [str(p) for p in check_rulebook(rules_copy)]
    assert any(p.startswith("rulebook.yaml:") and "ne remplit aucun champ" in p for p in problems), problems


def test_the_stage_order_is_data(rules_copy: Path) -> None:
    book = load_rulebook()
    assert [run.stage for run in book.stage_runs] == list(book.stages)
    meta = rules_copy / "rulebook.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("  - {stage: procedure}\n", ""), encoding="utf-8")
    problems = [str(p) for p in check_rulebook(rules_copy)]
    assert any("procedure" in p and "manque à la liste" in p for p in problems), problems


def test_steps_and_their_labels_come_from_the_rulebook(rules_copy: Path) -> None:
    book = load_rulebook()
    assert [s.id for s in book.steps] == ["besoin", "solutions", "donnees", "offres", "procedure", "synthese"]
    assert book.step("donnees") is not None and book.step("donnees").label == "Données et hébergement"  # type: ignore[union-attr]
    questions = rules_copy / "questions.yaml"
    questions.write_text(questions.read_text(encoding="utf-8").replace("step: besoin", "step: ailleurs", 1),
                         encoding="utf-8")
    assert any("ailleurs" in str(p) for p in check_rulebook(rules_copy))


def test_note_facts_must_be_known_facts(rules_copy: Path) -> None:
    meta = rules_copy / "rulebook.yaml"
    text = meta.read_text(encoding="utf-8").replace("      - need.users\n", "      - need.usagers\n")
    meta.write_text(text, encoding="utf-8")
    assert any("need.usagers" in str(p) for p in check_rulebook(rules_copy))


def test_the_default_weight_is_read_from_criteria(rules_copy: Path) -> None:
    criteria = rules_copy / "criteria.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("default_weight: 1", "default_weight: 0"),
                        encoding="utf-8")
    heavy = load_rulebook(rules_copy)
    assert heavy.default_weight == 0.0 and load_rulebook().default_weight == 1.0
    dossier = Dossier("Pondérations", facts={}, weights={"cost": 1},
                      candidates=[Candidate("A", scores={"cost": 4, "security": 0})])
    # With a default weight of 0 only the weighted criterion counts; with 1 both do.
    assert evaluate(heavy, dossier, AS_OF).candidates[0].score == 4
    assert evaluate(load_rulebook(), dossier, AS_OF).candidates[0].score == 2


def test_a_vademecum_page_added_as_a_file_can_be_cited(rules_copy: Path, tmp_path: Path) -> None:
    pages = tmp_path / "vademecum"
    shutil.copytree(resources_dir() / "vademecum", pages)
    path_rules = rules_copy / "path.yaml"
    path_rules.write_text(path_rules.read_text(encoding="utf-8").replace("page: ordre-de-preference",
                                                                          "page: nouvelle-page", 1),
                          encoding="utf-8")
    assert any("nouvelle-page" in str(p) for p in check_rulebook(rules_copy))
    (pages / "nouvelle-page.md").write_text("# Une nouvelle page\n\n## Sources\n\nAucune.\n", encoding="utf-8")
    assert "nouvelle-page" in vademecum_pages(pages)
    assert check_rulebook(rules_copy, vademecum_pages(pages)) == []
