"""Who made a dossier's last change (``dossier.updated_by``, the list's « Modifié par »), on both engines: kept
by every write, read by the list's SQL, sorted by, and filled by migration 0006 from the journal."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from assistant.domain import Candidate
from assistant.services import editing, library
from assistant.services.library import ListQuery
from assistant.storage import Repository
from assistant.storage.database import _alembic_config
from assistant.storage.engines import open_store


def test_every_write_records_its_author_and_the_list_shows_it(both_ctx) -> None:  # type: ignore[no-untyped-def]
    me = both_ctx.database.author
    assert me
    dossier_id = library.create_dossier(both_ctx, "Messagerie", "Préfecture")
    assert library.summary(both_ctx, dossier_id).updated_by == me
    other = Repository(both_ctx.database.sessions, author="Marie Curie")  # another buyer on the same base
    writes = (
        lambda: other.set_fact(dossier_id, "personal_data", True),
        lambda: other.set_justification(dossier_id, "personal_data", "Annuaire des agents"),
        lambda: other.rename(dossier_id, "Messagerie sécurisée", "Préfecture"),
        lambda: other.set_offers(dossier_id, [Candidate("Offre A")], {"cost": 1.0}),
        lambda: other.set_retained(dossier_id, "Offre A"),
        lambda: other.set_extra(dossier_id, "clauses_left_out", ["x"]),
        lambda: other.replace_answers(dossier_id, other.get(dossier_id), "essai"),
    )
    for number, write in enumerate(writes):
        editing.answer(both_ctx, dossier_id, "need.users", number + 1)  # a change of mine first
        assert library.summary(both_ctx, dossier_id).updated_by == me
        write()
        assert library.summary(both_ctx, dossier_id).updated_by == "Marie Curie"
    assert [s.updated_by for s in library.page_of_dossiers(both_ctx, ListQuery(), 0, 10)] == ["Marie Curie"]
    assert other.summary(dossier_id).updated_by == "Marie Curie"


def test_the_list_sorts_by_author(both_ctx) -> None:  # type: ignore[no-untyped-def]
    ids = {}
    for author in ("bruno", "alice", "chloé"):
        ids[author] = Repository(both_ctx.database.sessions, author=author).create(f"Dossier de {author}")
    ordered = library.page_of_dossiers(both_ctx, ListQuery(sort="updated_by", descending=False), 0, 10)
    assert [s.updated_by for s in ordered] == ["alice", "bruno", "chloé"]
    reverse = library.page_of_dossiers(both_ctx, ListQuery(sort="updated_by", descending=True), 0, 2)
    assert [s.id for s in reverse] == [ids["chloé"], ids["bruno"]]
    for author in ("alice", "chloé"):
        library.trash(both_ctx, ids[author])
    trashed = library.page_of_dossiers(both_ctx, ListQuery(sort="updated_by", trash=True), 0, 10)
    assert [s.updated_by for s in trashed] == ["chloé", "alice"]  # trashing is not a change of the dossier


SORT_INDEX = "ix_dossier_list_updated_by"
EVENT = ("INSERT INTO event (dossier_id, dossier_uid, kind, at, detail, author) "
         "VALUES (:d, :u, :kind, '2026-01-01 10:00:00', '', :author)")


def test_migration_0006_fills_the_author_from_the_journal(engine_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "base.sqlite3"
    url = engine_site.database_url or f"sqlite:///{path}"
    engine = create_engine(url)
    with engine.begin() as connection:  # a base as the release before this one left it
        command.upgrade(_alembic_config(connection), "0004")
        for number in range(1, 4):
            connection.execute(text(
                "INSERT INTO dossier (id, uid, title, organisation, facts, justifications, weights, extra, status, "
                "current_step, created_at, updated_at, conclusion, search_text, version) VALUES (:d, :u, :t, '', "
                "'{}', '{}', '{}', '{}', 'draft', '', '2026-01-01 10:00:00', '2026-01-01 10:00:00', '', '', 1)"),
                {"d": number, "u": f"uid-{number}", "t": f"Dossier {number}"})
        for dossier, kind, author in ((1, "created", "alice"), (1, "answered", "bruno"), (1, "exported", "chloé"),
                                      (2, "created", ""), (2, "answered", "")):
            connection.execute(text(EVENT), {"d": dossier, "u": f"uid-{dossier}", "kind": kind, "author": author})
    engine.dispose()
    database = open_store(path, None, engine_site.database_url)  # migrates to the head
    try:
        with database.engine.connect() as connection:
            found = dict(connection.execute(text("SELECT id, updated_by FROM dossier ORDER BY id")).all())
        assert found == {1: "bruno", 2: "", 3: ""}  # the last change, not the export; no author, no journal
        assert SORT_INDEX in {index["name"] for index in inspect(database.engine).get_indexes("dossier")}
    finally:
        database.close()
