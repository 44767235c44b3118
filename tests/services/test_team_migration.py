"""Moving to the team base against a real PostgreSQL server: a workstation's SQLite dossiers, their offers and
their journals copied once (a second run copies nothing), trash kept, conflicts named, the local file never
written, and a failure half-way leaving the shared base as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from assistant.domain import Candidate
from assistant.domain.messages import UserError
from assistant.paths import AppPaths
from assistant.services import editing, library
from assistant.services.context import open_context
from assistant.services.team_migration import migrate_to_team_base, workstation_name
from assistant.siteconfig import SiteConfig


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _workstation(paths: AppPaths, rulebook) -> None:  # type: ignore[no-untyped-def]
    """A workstation's base: two buyers' answers and offers, a dossier in the trash, one erased from it."""
    ctx = open_context(paths, rulebook=rulebook)
    try:
        ctx.repository.author = "alice"
        mail = library.create_dossier(ctx, "Messagerie du ministère", "DNUM")
        editing.answer(ctx, mail, "need.users", 1200)
        editing.set_offers(ctx, mail, [Candidate("Offre A", scores={"cost": 3}), Candidate("Offre B")], {"cost": 2})
        ctx.repository.author = "bob"
        library.rename(ctx, mail, "Messagerie du ministère (lot 1)", "DNUM")
        gone = library.create_dossier(ctx, "Effacé")
        library.trash(ctx, gone)
        library.empty_trash(ctx)
        library.create_dossier(ctx, "Archivage", "SGAMI")  # takes the erased dossier's id again
        visio = library.create_dossier(ctx, "Visioconférence", "Préfecture")
        library.trash(ctx, visio)
    finally:
        ctx.close()


def _shared(paths: AppPaths, url: str, rulebook):  # type: ignore[no-untyped-def]
    return open_context(paths, rulebook=rulebook, site=SiteConfig(database_url=url))


def test_migrating_twice_copies_once_with_journals_authors_offers_and_trash(
        data_paths, rulebook, pg_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _workstation(data_paths, rulebook)
    local = open_context(data_paths, rulebook=rulebook)
    local_journals = {s.title: library.journal(local, s.id) for s in
                      library.list_dossiers(local) + library.list_dossiers(local, trash=True)}
    local.close()
    # the erased dossier's id was given again (SQLite), but its journal is not the new dossier's
    assert [e.kind for e in local_journals["Archivage"]] == ["created"]

    before = _digest(data_paths.database)
    first = migrate_to_team_base(data_paths, pg_url, batch_size=2).report
    assert (first.copied, first.copied_in_trash, first.present, first.conflicts) == (3, 1, 0, [])
    assert first.events == sum(len(entries) for entries in local_journals.values())

    second = migrate_to_team_base(data_paths, pg_url).report
    assert (second.copied, second.present, second.events, second.conflicts) == (0, 3, 0, [])
    assert _digest(data_paths.database) == before  # the local file was only read

    shared = _shared(AppPaths(tmp_path / "autre"), pg_url, rulebook)
    try:
        assert sorted(s.title for s in library.list_dossiers(shared)) == ["Archivage",
                                                                           "Messagerie du ministère (lot 1)"]
        [trashed] = library.list_dossiers(shared, trash=True)
        assert trashed.title == "Visioconférence"
        mail = next(s for s in library.list_dossiers(shared) if s.title.startswith("Messagerie"))
        assert mail.updated_by == "bob"  # « Modifié par » comes along
        dossier = library.get_dossier(shared, mail.id)
        assert [c.name for c in dossier.candidates] == ["Offre A", "Offre B"]
        assert dossier.candidates[0].scores == {"cost": 3} and dossier.facts == {"need.users": 1200}
        for summary in [*library.list_dossiers(shared), trashed]:
            entries = library.journal(shared, summary.id)
            *copied, mark = entries
            assert [(e.at, e.kind, e.detail, e.author) for e in copied] == [
                (e.at, e.kind, e.detail, e.author) for e in local_journals[summary.title]]
            assert mark.kind == "migrated" and mark.label == "Copie dans la base partagée"
            assert mark.detail == f"copié depuis le poste {workstation_name()}"
            assert mark.author == shared.database.author and mark.author
        authors = [e.author for e in library.journal(shared, mail.id)]
        assert authors[:4] == ["alice", "alice", "alice", "bob"]
        archive = next(s for s in library.list_dossiers(shared) if s.title == "Archivage")
        assert [e.kind for e in library.journal(shared, archive.id)] == ["created", "migrated"]
    finally:
        shared.close()


def test_a_dossier_changed_on_both_sides_is_a_conflict_and_never_overwritten(
        data_paths, rulebook, pg_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _workstation(data_paths, rulebook)
    migrate_to_team_base(data_paths, pg_url)
    shared = _shared(AppPaths(tmp_path / "autre"), pg_url, rulebook)
    try:
        ids = {s.title: s.id for s in library.list_dossiers(shared)}
        library.rename(shared, ids["Archivage"], "Archivage (base partagée)", "SGAMI")  # changed there only
        library.rename(shared, ids["Messagerie du ministère (lot 1)"], "Messagerie (serveur)", "DNUM")
    finally:
        shared.close()
    local = open_context(data_paths, rulebook=rulebook)
    try:
        mail = next(s.id for s in library.list_dossiers(local) if s.title.startswith("Messagerie"))
        editing.answer(local, mail, "need.users", 1500)  # changed here too: a conflict
    finally:
        local.close()

    report = migrate_to_team_base(data_paths, pg_url).report
    assert (report.copied, report.present, report.conflicts) == (0, 2, ["Messagerie du ministère (lot 1)"])
    shared = _shared(AppPaths(tmp_path / "autre"), pg_url, rulebook)
    try:
        titles = sorted(s.title for s in library.list_dossiers(shared))
        assert titles == ["Archivage (base partagée)", "Messagerie (serveur)"]
        mail = next(s.id for s in library.list_dossiers(shared) if s.title == "Messagerie (serveur)")
        assert library.get_dossier(shared, mail).facts == {"need.users": 1200}
    finally:
        shared.close()


def _count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_a_failure_half_way_leaves_the_shared_base_unchanged(data_paths, rulebook, pg_url, tmp_path: Path
                                                             ) -> None:  # type: ignore[no-untyped-def]
    _workstation(data_paths, rulebook)
    ctx = open_context(data_paths, rulebook=rulebook)
    library.create_dossier(ctx, "Piège")  # the last one read: earlier batches are written when it fails
    ctx.close()
    _shared(AppPaths(tmp_path / "autre"), pg_url, rulebook).close()  # the schema, then a trap on it
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text(
            "CREATE FUNCTION trap() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.title = 'Piège' THEN RAISE EXCEPTION 'piège posé par le test'; END IF; RETURN NEW; END $$"))
        connection.execute(text("CREATE TRIGGER trap BEFORE INSERT ON dossier FOR EACH ROW EXECUTE FUNCTION trap()"))
    engine.dispose()
    before = _digest(data_paths.database)

    with pytest.raises(UserError) as caught:
        migrate_to_team_base(data_paths, pg_url, batch_size=1)
    message = str(caught.value)
    assert caught.value.status == 1
    assert "piège posé par le test" in message and "la base partagée n'a pas été modifiée" in message
    assert len(message.splitlines()) == 1 and message.endswith(".")
    assert (_count(pg_url, "dossier"), _count(pg_url, "candidate"), _count(pg_url, "event")) == (0, 0, 0)
    assert _digest(data_paths.database) == before


def test_a_base_of_an_older_schema_is_copied_without_being_migrated(tmp_path: Path, pg_url, rulebook
                                                                    ) -> None:  # type: ignore[no-untyped-def]
    paths = AppPaths(tmp_path / "ancien")
    paths.data_dir.mkdir()
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schema-0001.sqlite3", paths.database)
    before = _digest(paths.database)
    report = migrate_to_team_base(paths, pg_url).report
    assert (report.copied, report.copied_in_trash) == (2, 1)
    assert _digest(paths.database) == before
    assert sorted(p.name for p in paths.data_dir.iterdir()) == [paths.database.name]
    shared = _shared(AppPaths(tmp_path / "autre"), pg_url, rulebook)
    try:
        [summary] = library.list_dossiers(shared)
        assert library.get_dossier(shared, summary.id).title == "Dossier « 0001 » éàç"
    finally:
        shared.close()


def test_no_local_base_and_unusable_targets_change_nothing(tmp_path: Path, data_paths, rulebook, pg_url
                                                           ) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as caught:
        migrate_to_team_base(AppPaths(tmp_path / "vide"), pg_url)
    assert caught.value.status == 2 and "rien n'a été copié" in str(caught.value)
    assert not (tmp_path / "vide").exists()
    _workstation(data_paths, rulebook)
    before = _digest(data_paths.database)
    for url, words in (("postgresql+psycopg://achat:secret@srv/achats", "mot de passe"),
                       ("sqlite:///tmp/base", "postgresql+psycopg://"),
                       (f"postgresql+psycopg://personne@/rien?host={tmp_path}&port=5432", "ne répond pas")):
        with pytest.raises(UserError) as caught:
            migrate_to_team_base(data_paths, url)
        assert caught.value.status == 2 and words in str(caught.value) and "secret" not in str(caught.value)
    assert _count(pg_url, "pg_tables WHERE schemaname = 'public'") == 0
    assert _digest(data_paths.database) == before


def test_changes_of_a_window_still_open_on_the_folder_are_copied(data_paths, rulebook, pg_url, tmp_path: Path
                                                                 ) -> None:  # type: ignore[no-untyped-def]
    window = open_context(data_paths, rulebook=rulebook)  # holds the file, its changes in the write-ahead log
    try:
        library.create_dossier(window, "Saisi dans la fenêtre ouverte")
        assert Path(f"{data_paths.database}-wal").stat().st_size > 0
        report = migrate_to_team_base(data_paths, pg_url).report
        assert report.copied == 1
        library.create_dossier(window, "Saisi ensuite")  # the window keeps writing normally
    finally:
        window.close()
    shared = _shared(AppPaths(tmp_path / "autre"), pg_url, rulebook)
    try:
        assert [s.title for s in library.list_dossiers(shared)] == ["Saisi dans la fenêtre ouverte"]
    finally:
        shared.close()
