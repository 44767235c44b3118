"""The shared PostgreSQL base of team mode, on a real server started by the tests: migrations from empty to
the head, a newer schema refused untouched, two workstations migrating at once, a server that does not answer,
and URLs that are refused before any connection."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from assistant.storage.database import DatabaseError, DatabaseTooNewError, head_revision
from assistant.storage.engines import open_store
from assistant.storage.server import shown_url


def _revision(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar())
    finally:
        engine.dispose()


def test_an_empty_base_is_migrated_to_the_head_and_nothing_is_written_locally(pg_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    local = tmp_path / "assistant.sqlite3"
    database = open_store(local, tmp_path / "sauvegardes", pg_url)
    try:
        assert database.url == pg_url and database.file is None and not database.read_only
        assert _revision(pg_url) == head_revision()
    finally:
        database.close()
    assert not local.exists() and not (tmp_path / "sauvegardes").exists()
    open_store(local, None, pg_url).close()  # at the head already: opens again
    assert _revision(pg_url) == head_revision()


def test_a_base_of_a_newer_schema_is_refused_and_left_untouched(pg_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_store(tmp_path / "a.sqlite3", None, pg_url).close()
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_futur'"))
    engine.dispose()
    with pytest.raises(DatabaseTooNewError) as refused:
        open_store(tmp_path / "a.sqlite3", None, pg_url)
    assert refused.value.status == 2
    assert "version plus récente" in str(refused.value) and "9999_futur" in str(refused.value)
    assert _revision(pg_url) == "9999_futur"


def test_two_workstations_starting_at_once_migrate_the_base_once(pg_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def start(number: int) -> None:
        try:
            open_store(tmp_path / f"{number}.sqlite3", None, pg_url).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _revision(pg_url) == head_revision()


def test_a_server_that_does_not_answer_is_one_french_sentence(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"postgresql+psycopg://personne@/achats?host={tmp_path}&port=5999&connect_timeout=2"
    with pytest.raises(DatabaseError) as refused:
        open_store(tmp_path / "a.sqlite3", None, url)
    assert refused.value.status == 1
    assert str(refused.value).startswith("Le serveur de la base partagée")
    assert "dossier de données local" in str(refused.value)


@pytest.mark.parametrize("url", ["postgresql+psycopg://achat:secret@srv/achats", "mysql://srv/achats"])
def test_a_url_with_a_password_or_another_engine_is_refused_before_connecting(url: str, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as refused:
        open_store(tmp_path / "a.sqlite3", None, url)
    assert refused.value.status == 2
    assert "secret" not in str(refused.value)


def test_messages_never_show_a_password() -> None:
    assert "secret" not in shown_url("postgresql+psycopg://achat:secret@srv/achats")


def test_a_test_server_that_cannot_start_skips_but_fails_the_run_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.tools.postgres import _unavailable

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="indisponible"):
        _unavailable("initdb introuvable")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="indisponible"):
        _unavailable("initdb introuvable")


def test_the_window_names_the_shared_base_and_its_server_in_words() -> None:
    from assistant.storage.server import place

    assert place("postgresql+psycopg://srv-achats/achats?sslmode=verify-full") == "«\u00a0achats\u00a0» sur srv-achats"
    assert place("postgresql+psycopg://marie@/achats?host=/run/postgresql") == (
        "«\u00a0achats\u00a0» sur /run/postgresql")
