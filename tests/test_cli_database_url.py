"""``--database-url`` before any sub-command selects the shared PostgreSQL base (team mode), and
``site.toml``'s ``database_url`` is checked: never a password, never another engine."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import create_engine, text

from assistant.cli import main
from assistant.siteconfig import load_site_config
from tests.conftest import EXAMPLES


def test_the_command_line_works_on_the_shared_base(pg_url, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "data")
    code = main(["--data-dir", data, "--database-url", pg_url, "dossier", "import",
                 str(EXAMPLES / "visio-prefecture.json")])
    assert code == 0
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "autre"), "--database-url", pg_url, "dossier", "list",
                 "--format", "json"]) == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["title"] == "Réunions à distance des services de la préfecture"
    assert not (tmp_path / "data" / "assistant.sqlite3").exists()


def test_a_newer_shared_base_is_refused_with_exit_2(pg_url, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", str(tmp_path), "--database-url", pg_url, "dossier", "list"]) == 0
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_futur'"))
    engine.dispose()
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "--database-url", pg_url, "dossier", "list"]) == 2
    err = capsys.readouterr().err
    assert "version plus récente" in err and "Traceback" not in err


def test_site_toml_names_the_shared_base_without_a_password(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_text('database_url = "postgresql+psycopg://srv-achats/achats?sslmode=verify-full"\n', encoding="utf-8")
    config = load_site_config([site])
    assert config.database_url == "postgresql+psycopg://srv-achats/achats?sslmode=verify-full"
    assert config.problems == []
    site.write_text('database_url = "postgresql+psycopg://achat:secret@srv/achats"\n', encoding="utf-8")
    config = load_site_config([site])
    assert config.database_url is None
    assert "mot de passe" in config.problems[0] and "secret" not in config.problems[0]
    site.write_text('database_url = "sqlite:///tmp/base"\n', encoding="utf-8")
    config = load_site_config([site])
    assert config.database_url is None and "postgresql+psycopg://" in config.problems[0]
