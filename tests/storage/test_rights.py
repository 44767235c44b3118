"""Team mode's rights, with the shipped ``installer/team-roles.sql`` run by psql on a real server and only
non-superuser roles: the owner's first start creates the schema, a buyer works, a controller reads; the
journal stays append-only; whatever the order of the script and the first start, the rights are the same."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from assistant.cli import main
from assistant.domain import Candidate
from assistant.services import editing, library
from assistant.services.context import open_context
from assistant.siteconfig import SiteConfig
from assistant.storage.database import DatabaseError, head_revision
from assistant.storage.engines import open_store
from assistant.storage.repository import StorageError
from assistant.storage.server import place
from tests.tools.team_roles import Team, make_team, names, run_script

TABLES = ("dossier", "candidate", "event", "alembic_version")
PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")


def _rights(team: Team, role: str) -> dict[str, set[str]]:
    with psycopg.connect(team.server.url(team.base).replace("postgresql+psycopg", "postgresql"),
                         autocommit=True) as connection:
        return {table: {p for p in PRIVILEGES if connection.execute(
            "SELECT has_table_privilege(%s, %s, %s)", (role, table, p)).fetchone()[0]} for table in TABLES}


def _superuser(team: Team, role: str) -> bool:
    with psycopg.connect(team.server.url(team.base).replace("postgresql+psycopg", "postgresql")) as connection:
        return bool(connection.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (role,)).fetchone()[0])


EXPECTED_BUYERS = {"dossier": {"SELECT", "INSERT", "UPDATE"}, "candidate": {"SELECT", "INSERT", "UPDATE", "DELETE"},
                   "event": {"SELECT", "INSERT"}, "alembic_version": {"SELECT"}}
EXPECTED_CONTROLLERS = {table: {"SELECT"} for table in TABLES}


def test_owner_creates_the_schema_a_buyer_works_and_a_controller_reads(postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = make_team(postgres)
    owner = team.url(team.owner)
    buyer = team.person(f"marie_{team.base}", team.buyers)
    controller = team.person(f"paul_{team.base}", team.controllers)
    for role in (team.owner, f"marie_{team.base}", f"paul_{team.base}"):
        assert not _superuser(team, role)
    open_store(tmp_path / "p.sqlite3", None, owner).close()  # the owner's first start creates the schema
    assert _rights(team, team.buyers) == EXPECTED_BUYERS
    assert _rights(team, team.controllers) == EXPECTED_CONTROLLERS

    ctx = open_context(_paths(tmp_path, "marie"), site=SiteConfig(database_url=buyer))
    try:
        assert not ctx.database.read_only and ctx.warnings == []
        dossier_id = library.create_dossier(ctx, "Messagerie", "DINUM")
        editing.answer(ctx, dossier_id, "data.personal", True)
        editing.set_offers(ctx, dossier_id, [Candidate(name="A"), Candidate(name="B")], {})
        editing.set_offers(ctx, dossier_id, [Candidate(name="B")], {})  # replacing offers deletes offer rows
        library.rename(ctx, dossier_id, "Messagerie collaborative", "DINUM")
        library.trash(ctx, dossier_id)
        library.restore(ctx, dossier_id)
        library.trash(ctx, dossier_id)
        with pytest.raises(StorageError) as refused:  # erasing for good is the owner's
            library.empty_trash(ctx)
        assert str(refused.value).startswith("Le serveur a refusé de vider la corbeille")
        assert "Traceback" not in str(refused.value) and len(refused.value.args) == 1
        library.restore(ctx, dossier_id)  # one refused action leaves the others possible
        authors = {entry.author for entry in ctx.repository.events(dossier_id)}
        assert authors == {f"marie_{team.base}"}
    finally:
        ctx.close()
    for statement in ("UPDATE event SET detail = ''", "DELETE FROM event", "TRUNCATE event",
                      "DELETE FROM dossier", "UPDATE alembic_version SET version_num = '0001'"):
        with psycopg.connect(buyer.replace("postgresql+psycopg", "postgresql")) as connection, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(statement)

    ctx = open_context(_paths(tmp_path, "paul"), site=SiteConfig(database_url=controller))
    try:
        assert ctx.database.read_only
        assert ctx.warnings == [f"Votre rôle «\u00a0paul_{team.base}\u00a0» n'a que le droit de lire la base "
                                f"partagée {place(controller)}\u00a0: elle est ouverte en lecture seule et "
                                "aucune modification n'est possible."]
        assert [s.title for s in library.list_dossiers(ctx)] == ["Messagerie collaborative"]
        assert library.get_dossier(ctx, dossier_id).facts == {"data.personal": True}
        assert library.journal(ctx, dossier_id)
        with pytest.raises(StorageError) as refused:
            library.create_dossier(ctx, "Interdit")
        assert str(refused.value).startswith("Impossible d'enregistrer le dossier\u00a0: la base partagée est "
                                             "ouverte en lecture seule")
        with pytest.raises(StorageError, match="renommer le dossier"):
            library.rename(ctx, dossier_id, "Autre", "")
        editing.evaluate_and_record(ctx, dossier_id, library.get_dossier(ctx, dossier_id))  # reading still works
        library.set_current_step(ctx, dossier_id, "offres")  # bookkeeping is skipped, not refused
    finally:
        ctx.close()
    with psycopg.connect(controller.replace("postgresql+psycopg", "postgresql")) as connection, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute("INSERT INTO event (dossier_id, dossier_uid, kind, at, detail, author) "
                           "VALUES (1, 'x', 'x', now(), '', '')")


def _paths(tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    from assistant.paths import AppPaths

    return AppPaths(tmp_path / name)


def test_the_script_run_after_the_first_start_gives_the_same_rights(postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    variables = names()
    postgres.admin(f'CREATE ROLE "{variables["proprietaire"]}" LOGIN')
    postgres.admin(f'CREATE DATABASE "{variables["base"]}" OWNER "{variables["proprietaire"]}"')
    team = Team(postgres, variables["base"], variables["proprietaire"], variables["acheteurs"],
                variables["controleurs"])
    open_store(tmp_path / "p.sqlite3", None, team.url(team.owner)).close()  # first start, no group yet
    output = run_script(postgres, variables)
    assert "appartient au rôle" not in output  # every table is the owner's
    assert _rights(team, team.buyers) == EXPECTED_BUYERS
    assert _rights(team, team.controllers) == EXPECTED_CONTROLLERS
    run_script(postgres, variables)  # a second run changes nothing and fails on nothing
    assert _rights(team, team.buyers) == EXPECTED_BUYERS


def test_a_buyer_never_creates_nor_migrates_the_schema(postgres, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    team = make_team(postgres)
    buyer = team.person(f"marie_{team.base}", team.buyers)
    with pytest.raises(DatabaseError) as refused:  # the owner has not started the application yet
        open_store(tmp_path / "m.sqlite3", None, buyer)
    assert refused.value.status == 2
    assert f"doit d'abord être mise à jour par son propriétaire (rôle «\u00a0{team.owner}\u00a0»)" in str(refused.value)
    assert main(["--data-dir", str(tmp_path / "cli"), "--database-url", buyer, "dossier", "list"]) == 2
    err = capsys.readouterr().err
    assert "par son propriétaire" in err and "Traceback" not in err
    engine = create_engine(team.url(team.owner))
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar() == 0
        open_store(tmp_path / "p.sqlite3", None, team.url(team.owner)).close()
        with engine.begin() as connection:  # as if the base were left behind by an older version
            connection.execute(text("UPDATE alembic_version SET version_num = '0003'"))
        with pytest.raises(DatabaseError) as refused:
            open_store(tmp_path / "m.sqlite3", None, buyer)
        assert refused.value.status == 2 and f"«\u00a0{team.owner}\u00a0»" in str(refused.value)
        assert f"votre rôle «\u00a0marie_{team.base}\u00a0»" in str(refused.value)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
        with engine.begin() as connection:
            connection.execute(text(f"UPDATE alembic_version SET version_num = '{head_revision()}'"))
    finally:
        engine.dispose()


def test_a_write_the_server_refuses_mid_session_is_a_french_sentence(postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = make_team(postgres)
    open_store(tmp_path / "p.sqlite3", None, team.url(team.owner)).close()
    buyer = team.person(f"marie_{team.base}", team.buyers)
    ctx = open_context(_paths(tmp_path, "marie"), site=SiteConfig(database_url=buyer))
    try:
        dossier_id = library.create_dossier(ctx, "Visio")
        postgres.admin(f'REVOKE "{team.buyers}" FROM "marie_{team.base}"')  # the rights change meanwhile
        with pytest.raises(StorageError) as refused:
            library.rename(ctx, dossier_id, "Visio 2", "")
        assert str(refused.value) == (f"Le serveur a refusé de renommer le dossier\u00a0: votre rôle «\u00a0marie_"
                                      f"{team.base}\u00a0» n'en a pas le droit sur la base partagée, rien n'a été "
                                      "modifié.")
        with pytest.raises(StorageError, match=r"^Le serveur a refusé d'enregistrer la réponse"):
            editing.answer(ctx, dossier_id, "data.personal", True)
    finally:
        ctx.close()


def test_the_script_names_tables_another_role_created(postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = postgres.new_database()  # the first start was made by the superuser: the owner could not migrate
    open_store(tmp_path / "s.sqlite3", None, url).close()
    variables = names()
    variables["base"] = url.split("@/", 1)[1].split("?", 1)[0]
    output = run_script(postgres, variables)
    assert f"La table dossier appartient au rôle {postgres.superuser} : ALTER TABLE dossier OWNER TO" in output
