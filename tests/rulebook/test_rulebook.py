"""The bundled rulebook is valid; broken copies are caught with file and line; digest and parameters."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.domain import Candidate, Dossier
from assistant.rulebook import (
    RulebookError,
    check_dossier_facts,
    check_rulebook,
    default_rules_dir,
    describe_rulebook,
    format_date,
    format_eur,
    load_rulebook,
    render_rulebook_text,
)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bundled_rulebook_has_no_problem() -> None:
    assert check_rulebook(default_rules_dir()) == []
    rulebook = load_rulebook()
    assert (rulebook.id, rulebook.version) == ("doctrine-etat", "2026.12")
    assert rulebook.digest.startswith("sha256:") and len(rulebook.digest) == 71


def test_every_rule_parameter_and_solution_cites_existing_sources() -> None:
    rulebook = load_rulebook()
    cited = [rule.sources for rule in rulebook.rules] + [r.sources for r in rulebook.requirements]
    cited += [p.sources for param in rulebook.parameters.values() for p in param.periods]
    cited += [s.sources for s in rulebook.catalogue] + [q.sources for q in rulebook.questions]
    for sources in cited:
        assert sources and all(s in rulebook.sources for s in sources)
    for rule in rulebook.rules:
        assert rule.page in rulebook.pages and rule.explanation


def test_to_verify_statuses_follow_the_doctrine_notes() -> None:
    rulebook = load_rulebook()
    assert rulebook.sources["decret-2026-272"].status == "to_verify"
    assert rulebook.sources["arrete-2026-08-12"].status == "to_verify"
    assert rulebook.source_title("decret-2026-272").endswith("(à vérifier)")
    assert all(s.status == "to_verify" for s in rulebook.catalogue if s.circle is not None)
    assert rulebook.sources["sren-art31"].status == "to_verify"  # the statute itself was never read
    assert rulebook.sources["communique-suite-2026"].status == "confirmed"  # its text is in the knowledge base


def test_parameters_in_force_by_date() -> None:
    rulebook = load_rulebook()
    assert rulebook.parameter("no_publicity_supplies_services", date(2026, 3, 31)).value == 40000  # type: ignore[union-attr]
    assert rulebook.parameter("no_publicity_supplies_services", date(2026, 4, 1)).value == 60000  # type: ignore[union-attr]
    assert rulebook.parameter("innovative_exemption", date(2026, 6, 1)).value == 100000  # type: ignore[union-attr]
    assert rulebook.parameter("eu_threshold_central", date(2025, 6, 1)).value == 143000  # type: ignore[union-attr]
    assert rulebook.parameter("eu_threshold_other", date(2027, 12, 31)).value == 216000  # type: ignore[union-attr]
    assert rulebook.parameter("eu_threshold_works", date(2028, 1, 1)) is None
    value = rulebook.parameter("dinum_opinion_threshold", date(2026, 11, 30))
    assert value is not None and value.value == 9_000_000 and value.unit == "eur_ttc" and value.sources


def test_broken_copy_is_caught_with_file_and_line(copy: Path) -> None:
    _edit(copy / "sources.yaml", "  - id: circ-6282\n", "  - id: circ-6404\n")  # duplicate id
    _edit(copy / "path.yaml", "sources: [circ-6519, communique-suite-2026]", "sources: [foo]")
    _edit(
        copy / "hosting.yaml", "{fact: data.personal, equals: true}", "{fact: data.personnal, equals: true}"
    )
    _edit(copy / "parameters.yaml", '{from: "2026-04-01", value: 60000', '{from: "2026-03-01", value: 60000')
    _edit(
        copy / "procedure.yaml",
        "{fact: procurement.central_purchasing, equals: true}",
        "{fact: procurement.central_purchasing, equalz: true}",
    )
    _edit(copy / "dinum.yaml", "page: avis-dinum", "page: page-inexistante")
    problems = check_rulebook(copy)
    text = [str(p) for p in problems]
    assert any(p.file == "sources.yaml" and p.line and "double" in p.message for p in problems), text
    assert any(
        s.startswith("path.yaml:") and "(path.reuse_mutualised) : source inconnue « foo »" in s for s in text
    ), text
    assert any(p.file == "hosting.yaml" and p.line and "data.personnal" in p.message for p in problems), text
    assert any(p.file == "parameters.yaml" and p.line and "chevauchent" in p.message for p in problems), text
    assert any(p.file == "procedure.yaml" and p.line and "mal formée" in p.message for p in problems), text
    assert any(p.file == "dinum.yaml" and "page-inexistante" in p.message for p in problems), text
    with pytest.raises(RulebookError) as info:
        load_rulebook(copy)
    assert len(info.value.problems) >= 6


def test_unknown_option_value_and_yaml_syntax_error(copy: Path) -> None:
    _edit(copy / "path.yaml", "in: [fits, fits_with_adaptation]}", "in: [fits, fits_well]}")
    (copy / "labels.yaml").write_text("path: [unclosed\n", encoding="utf-8")
    text = [str(p) for p in check_rulebook(copy)]
    assert any("fits_well" in s and s.startswith("path.yaml:") for s in text), text
    assert any(s.startswith("labels.yaml:") for s in text), text


def test_digest_is_independent_of_formatting(copy: Path) -> None:
    original = load_rulebook(copy).digest
    for file in copy.glob("*.yaml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        file.write_text(
            "# reformaté\n" + yaml.safe_dump(data, allow_unicode=True, width=60, indent=4), encoding="utf-8"
        )
    assert load_rulebook(copy).digest == original
    _edit(copy / "parameters.yaml", "value: 60000", "value: 60001")
    assert load_rulebook(copy).digest != original


def test_dossier_fact_types_are_checked() -> None:
    rulebook = load_rulebook()
    dossier = Dossier(
        title="x",
        facts={
            "need.users": "abc",
            "need.category": "teleportation",
            "data.breach_impacts": ["public_order"],
            "mystery.fact": 1,
            "procurement.consultation_date": "2026-13-01",
        },
        candidates=[Candidate("A", {"secnumcloud": True}, {"security": 7, "beauty": 3})],
        weights={"cost": -1},
    )
    problems = {p.item: p for p in check_dossier_facts(rulebook, dossier)}
    assert (
        str(problems["facts.need.users"]) == "facts.need.users : un nombre entier est attendu, « abc » reçu"
    )
    assert problems["facts.need.category"].severity == "error"
    assert "facts.data.breach_impacts" not in problems
    assert problems["facts.mystery.fact"].severity == "warning"
    assert problems["facts.procurement.consultation_date"].severity == "error"
    assert problems["candidates[0].facts.secnumcloud"].severity == "error"
    assert problems["candidates[0].scores.security"].severity == "error"
    assert problems["candidates[0].scores.beauty"].severity == "warning"
    assert problems["weights.cost"].severity == "error"


def test_labels_and_french_formats() -> None:
    rulebook = load_rulebook()
    assert rulebook.label("path", "reuse_mutualised").startswith("Réutiliser")
    assert rulebook.fact_label("need.users") == "Combien d'utilisateurs\u202f?"
    assert rulebook.value_label("procurement.estimated_amount_eur_ht", 60000) == "60\u202f000\u00a0€\u00a0HT"
    assert rulebook.value_label("buyer.kind", "gip").startswith("Groupement")
    assert format_eur(1234567) == "1\u202f234\u202f567\u00a0€"
    assert format_date("2026-02-05") == "5\u00a0février 2026"
    assert format_date("2026-04-01") == "1er\u00a0avril 2026"


def test_describe_rulebook() -> None:
    rulebook = load_rulebook()
    data = describe_rulebook(rulebook, date(2026, 3, 1))
    params = {p["id"]: p["value"] for p in data["parameters"]}
    assert params["no_publicity_supplies_services"] == 40000
    assert "Sources" in render_rulebook_text(rulebook, date(2026, 6, 1))
