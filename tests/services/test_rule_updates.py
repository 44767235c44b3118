"""Rule updates, the use cases: install into the data folder, the rules in force, history, roll-back, and the
impact preview checked dossier by dossier against a re-evaluation done here by hand."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from assistant.domain import Dossier
from assistant.engine import evaluate
from assistant.paths import AppPaths
from assistant.rulebook import load_rulebook
from assistant.rulebook.package import PackageError, pack
from assistant.services.context import open_data_folder, rulebook_for_site
from assistant.services.installed_rules import rulebook_origin
from assistant.services.rule_impact import impact_lines, preview_impact
from assistant.services.rule_updates import history, install_update, preview_update, rollback
from assistant.siteconfig import SiteConfig
from tests.rulebook.packages import make_keys, rules_copy, snapshot

CASE = Path(__file__).resolve().parents[2] / "resources" / "cases" / "visio-depart-justifie.json"


@pytest.fixture
def site(tmp_path: Path) -> SiteConfig:
    _, public = make_keys(tmp_path / "cles")
    return SiteConfig(trusted_keys=(public,))


def build(tmp_path: Path, version: str, *, no_publicity: int | None = None) -> Path:
    folder = rules_copy(tmp_path / f"regles-{version}", version, no_publicity=no_publicity)
    target = tmp_path / f"doctrine-{version}.regles"
    pack(folder, target, tmp_path / "cles" / "ministere.key", "Ministère des tests", "2026-12-01")
    return target


def dossier(amount: int, title: str) -> Dossier:
    data = json.loads(CASE.read_text(encoding="utf-8"))
    facts = dict(data["facts"]) | {"procurement.estimated_amount_eur_ht": amount}
    return Dossier(title=title, organisation="Préfecture", facts=facts, justifications=data["justifications"])


def test_install_puts_the_rules_in_force_keeps_history_and_rolls_back(
        tmp_path: Path, data_paths: AppPaths, site: SiteConfig) -> None:
    bundled = rulebook_for_site(site, data_paths)
    first = install_update(data_paths, site, build(tmp_path, "2099.1"))
    assert first.version == "2099.1"
    assert rulebook_for_site(site, data_paths).version == "2099.1"
    assert "signé par «\u00a0Ministère des tests\u00a0»" in rulebook_origin(data_paths, site)
    second = install_update(data_paths, site, build(tmp_path, "2099.2"))
    assert rulebook_for_site(site, data_paths).digest == second.digest
    current, events = history(data_paths)
    assert current is not None and current.startswith("2099.2-")
    assert [(e["event"], e["version"], e["previous"]["version"]) for e in events] == [
        ("installation", "2099.1", bundled.version), ("installation", "2099.2", "2099.1")]
    assert events[0]["publisher"] == "Ministère des tests" and events[0]["file"].endswith("doctrine-2099.1.regles")

    assert rollback(data_paths, site).version == "2099.1"
    assert rollback(data_paths, site).digest == bundled.digest
    assert rulebook_origin(data_paths, site) == "Référentiel livré avec l'application."
    with pytest.raises(PackageError, match="déjà en vigueur"):
        rollback(data_paths, site)
    assert rollback(data_paths, site, "2099.2").version == "2099.2"
    folders = sorted(p.name for p in data_paths.installed_rules_dir.iterdir() if p.is_dir())
    assert len(folders) == 2  # nothing was deleted


def test_training_folder_uses_the_rules_installed_in_its_parent(
        tmp_path: Path, data_paths: AppPaths, site: SiteConfig) -> None:
    install_update(data_paths, site, build(tmp_path, "2099.1"))
    assert rulebook_for_site(site, data_paths.training()).version == "2099.1"


def test_site_pinned_rulebook_wins_over_installed(tmp_path: Path, data_paths: AppPaths, site: SiteConfig) -> None:
    install_update(data_paths, site, build(tmp_path, "2099.1"))
    pinned = rules_copy(tmp_path / "epinglee", "2000.1")
    site_pinned = replace(site, rulebook=pinned)
    assert rulebook_for_site(site_pinned, data_paths).version == "2000.1"
    assert "site.toml" in rulebook_origin(data_paths, site_pinned)


def test_an_installed_folder_changed_afterwards_is_refused(
        tmp_path: Path, data_paths: AppPaths, site: SiteConfig) -> None:
    install_update(data_paths, site, build(tmp_path, "2099.1"))
    current, _ = history(data_paths)
    params = data_paths.installed_rules_dir / str(current) / "rules" / "parameters.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("60000", "61000"), encoding="utf-8")
    with pytest.raises(Exception, match="modifié depuis son installation"):
        rulebook_for_site(site, data_paths)
    assert rollback(data_paths, site).digest == load_rulebook().digest  # the way out still works
    assert history(data_paths)[1][-1]["previous"]["version"] == "?"


def test_downgrade_is_refused_unless_allowed(tmp_path: Path, data_paths: AppPaths, site: SiteConfig) -> None:
    install_update(data_paths, site, build(tmp_path, "2099.2"))
    older = build(tmp_path, "2099.1")
    before = snapshot(data_paths.data_dir)
    with pytest.raises(PackageError, match="plus ancienne") as caught:
        install_update(data_paths, site, older)
    assert caught.value.status == 2
    assert snapshot(data_paths.data_dir) == before
    assert install_update(data_paths, site, older, allow_downgrade=True).version == "2099.1"


def test_preview_lists_the_dossiers_whose_procedure_flips(tmp_path: Path, data_paths: AppPaths,
                                                           site: SiteConfig) -> None:
    package = build(tmp_path, "2099.1", no_publicity=25000)
    new_book = load_rulebook(tmp_path / "regles-2099.1")
    ctx = open_data_folder(data_paths, site)
    try:
        ids = {amount: ctx.repository.add(dossier(amount, f"Visio {amount}")) for amount in (20000, 30000, 45000,
                                                                                                100000)}
        ctx.repository.delete(ctx.repository.add(dossier(40000, "À la corbeille")))
        preview = preview_update(ctx, package)
        impact = preview.impact
        assert impact.evaluated == 4
        by_hand = {}
        for dossier_id in ids.values():
            stored = ctx.repository.get(dossier_id)
            old = evaluate(ctx.rulebook, stored, date.today())
            new = evaluate(new_book, stored, date.today())
            if old.procedure != new.procedure:
                by_hand[dossier_id] = (ctx.rulebook.label("procedure", old.procedure),
                                       new_book.label("procedure", new.procedure))
        listed = {item.id: [(c.old, c.new) for c in item.changes if c.field == "procedure"] for item in impact.dossiers}
        assert listed == {k: [v] for k, v in by_hand.items()}
        assert set(listed) == {ids[30000], ids[45000]}
        assert impact.counts == {"procedure": 2}
        [change] = impact.dossiers[0].changes
        assert "procedure.no_publicity" in change.rules
        lines = impact_lines(impact)
        assert lines[0].startswith("4 dossier(s) réévalué(s)\u00a0: 2 dont les conclusions changent.")
        assert any("Procédure adaptée" in line and "→" in line for line in lines)
        assert ctx.rulebook.version != "2099.1"  # a preview installs nothing
        assert not data_paths.installed_rules_dir.exists()
        assert preview_impact(ctx, ctx.rulebook).dossiers == ()
    finally:
        ctx.close()


def test_newer_shipped_rules_win_over_an_older_install_unless_chosen_on_purpose(
        tmp_path: Path, data_paths: AppPaths, site: SiteConfig) -> None:
    from assistant.rulebook.installed import read_state, write_state

    bundled = load_rulebook()
    install_update(data_paths, site, build(tmp_path, "2000.1"), allow_downgrade=True)
    assert rulebook_for_site(site, data_paths).version == "2000.1"  # chosen on purpose: it stays
    state = read_state(data_paths.installed_rules_dir)
    state.history[-1]["explicit"] = False  # as if installed before the application shipped newer rules
    write_state(data_paths.installed_rules_dir, state)
    assert rulebook_for_site(site, data_paths).digest == bundled.digest
    assert f"version {bundled.version}), plus récent que la version 2000.1" in rulebook_origin(data_paths, site)
    assert rollback(data_paths, site, "2000.1").version == "2000.1"  # a roll-back is a choice
    assert rulebook_for_site(site, data_paths).version == "2000.1"
    assert history(data_paths)[1][-1]["version"] == "2000.1"
