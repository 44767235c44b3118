"""The list read from SQL: the 0001 → head migration fills the search text and the FTS index; search through
the FTS5 trigram index (SQLite) or the pg_trgm index (PostgreSQL) gives exactly what a plain accent-folding
scan gives, on both engines; sorting and trash."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.domain.folding import fold
from assistant.storage import Repository, open_database
from assistant.storage.database import Database, head_revision
from assistant.storage.engines import open_store
from assistant.storage.listing import Listing, Selection, like_pattern

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema-0001.sqlite3"
WORDS = ["Préfecture", "préfecture", "ÉCOLE", "école", "Hôpital", "Mairie", "Cœur", "Œuvre", "visio", "messagerie",
         "Établissement", "santé", "Ça", "naïve", "Noël", "données", "Î", "a", "x%_", 'guil"let', "a\\b", "50%"]


def test_migration_of_the_released_schema_fills_search_text_and_fts(tmp_path: Path) -> None:
    path = tmp_path / "base.sqlite3"
    shutil.copy(FIXTURE, path)
    db = open_database(path)
    try:
        with db.engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT title, search_text FROM dossier ORDER BY id").fetchall()
            assert rows[0] == ("Dossier « 0001 » éàç", "dossier « 0001 » eac\nprefecture")
            fts = connection.exec_driver_sql(
                "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH '\"prefec\"'").fetchall()
            assert fts == [(1,)]
        listing = Listing(db.engine)
        assert [s.title for s in listing.page(Selection(("eac",)), 0, 10)] == ["Dossier « 0001 » éàç"]
        assert [s.title for s in listing.page(Selection(trash=True), 0, 10)] == ["Dans la corbeille"]
        repo = Repository(db.sessions)
        repo.rename(1, "Visioconférence", "Mairie")  # the triggers keep the index in step
        assert [s.id for s in listing.page(Selection(("mairie",)), 0, 10)] == [1]
        assert listing.count(Selection(("prefecture",))) == 0
    finally:
        db.close()


def _scan(rows: list[tuple[int, str, str, bool]], words: tuple[str, ...], trash: bool = False) -> set[int]:
    return {i for i, title, org, deleted in rows
            if deleted == trash and all(w in fold(f"{title}\n{org}") for w in words)}


@pytest.fixture(params=["sqlite", "postgresql"])
def any_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database at head on each engine: the data folder's file, then a fresh shared base."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    database = open_store(tmp_path / "base.sqlite3", url=url)
    yield database
    database.close()


def test_search_equals_a_plain_folding_scan_on_both_engines(any_database: Database) -> None:
    """Accents, case, short words, ``%``, ``_`` and ``\\`` in the words, the trash: the same on both engines."""
    db = any_database
    repo = Repository(db.sessions)
    rng = random.Random(14)
    rows = []
    for _ in range(300):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
        org = rng.choice([*WORDS, ""])
        dossier_id = repo.create(title, org)
        deleted = rng.random() < 0.1
        if deleted:
            repo.delete(dossier_id)
        rows.append((dossier_id, title, org, deleted))
    listing = Listing(db.engine)
    queries = [(fold(w),) for w in WORDS] + [("prefecture", "ecole"), ("ur",), ("ai", "sante"), ("oeuvre",),
                                               ("cœur",), ("%",), ("_",), ('"',), ("zzz",), ("\\",),
                                               ("a\\b",), ("0%",), ("x%_",), ("%_",), ("_x",), ("a_b",)]
    for words in queries:
        for trash in (False, True):
            found = {s.id for s in listing.stream(Selection(words, trash=trash))}
            assert found == _scan(rows, words, trash), words
            total = listing.count(Selection(words, trash=trash))
            assert total == len(found)
            # the page led by the matching ids (few matches) gives the same as the ordered walk (stream)
            assert [s.id for s in listing.page(Selection(words, trash=trash), 0, 1000, total)] == [
                s.id for s in listing.stream(Selection(words, trash=trash))]


def test_a_word_may_match_a_conclusion_and_sorting_happens_in_sql(tmp_path: Path) -> None:
    db = open_database(tmp_path / "base.sqlite3")
    try:
        repo = Repository(db.sessions)
        for title in ("bravo", "Alpha", "écluse", "Delta"):
            repo.create(title)
        repo.record_evaluation(2, "v", "d", "buy_market", log=False)
        listing = Listing(db.engine)
        assert [s.title for s in listing.page(Selection(sort="title", descending=False), 0, 10)] == [
            "Alpha", "bravo", "Delta", "écluse"]
        assert [s.title for s in listing.page(Selection(("marche",), (("buy_market",),)), 0, 10)] == ["Alpha"]
        assert [s.title for s in listing.page(Selection(sort="title", descending=False), 1, 2)] == ["bravo", "Delta"]
        by_conclusion = listing.page(Selection(sort="conclusion", conclusion_order=("buy_market", "")), 0, 10)
        assert by_conclusion[-1].title == "Alpha"
    finally:
        db.close()


@pytest.mark.skipif(sqlite3.sqlite_version_info < (3, 34, 0), reason="no trigram tokenizer")
def test_the_search_uses_the_fts_index(tmp_path: Path) -> None:
    db = open_database(tmp_path / "base.sqlite3")
    try:
        with db.engine.connect() as connection:
            plan = connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM dossier d WHERE d.deleted_at IS NULL AND d.id IN "
                "(SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH 'abc')").fetchall()
        assert any("dossier_fts" in str(row[-1]) for row in plan)
    finally:
        db.close()


def test_a_large_migration_keeps_its_copy_first_and_reports_progress(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "base.sqlite3"
    shutil.copy(FIXTURE, path)
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT * FROM dossier WHERE id = 1").fetchone()
        width = len(row)
        db.executemany(f"INSERT INTO dossier VALUES ({', '.join('?' * width)})",
                       [(None, f"uid-{i}", f"Généré {i}", "Préfecture", *row[4:]) for i in range(20_000)])
    db.close()
    database = open_database(path, tmp_path / "sauvegardes")
    try:
        assert database.backup is not None
        with sqlite3.connect(database.backup) as copy:
            assert copy.execute("SELECT count(*) FROM dossier").fetchone()[0] == 20_002
        copy.close()
        assert "20002 / 20002 dossiers" in capsys.readouterr().err
        assert Listing(database.engine).count(Selection(("genere", "prefecture"))) == 20_000
    finally:
        database.close()


def test_like_pattern_escapes_the_words_own_wildcards() -> None:
    assert like_pattern("prefecture") == "%prefecture%"
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


def _many_dossiers(db: Database, count: int, title: str) -> None:
    """``count`` copies of the first dossier titled ``title`` plus a number (a realistic size, quickly)."""
    with db.engine.begin() as connection:
        names = [row[0] for row in connection.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'dossier' "
            "AND column_name NOT IN ('id', 'uid', 'title', 'search_text')")]
        kept = ", ".join(names)
        connection.exec_driver_sql(
            f"INSERT INTO dossier (uid, title, search_text, {kept}) "
            f"SELECT md5(n::text), '{title} ' || n, lower('{title} ') || n, {kept} "
            "FROM dossier, generate_series(1, %(count)s) AS n WHERE id = 1", {"count": count})
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE dossier")  # what autovacuum does after a bulk load


def _plan_of(db: Database, words: tuple[str, ...]) -> str:
    """PostgreSQL's plan of the list's count for ``words`` (the statement the listing runs)."""
    from sqlalchemy import text

    from assistant.storage.listing import _plan

    plan = _plan(Selection(words), False, server=True)
    with db.engine.connect() as connection:
        rows = connection.execute(text(f"EXPLAIN SELECT count(*) FROM dossier d WHERE {plan.where}"),
                                  plan.params).fetchall()
    return "\n".join(str(row[0]) for row in rows)


def test_the_server_search_uses_the_trigram_index(pg_url: str, tmp_path: Path) -> None:
    db = open_store(tmp_path / "base.sqlite3", url=pg_url)
    try:
        repo = Repository(db.sessions)
        repo.create("Marché de visioconférence", "Préfecture de la Somme")
        _many_dossiers(db, 5000, "Dossier")
        assert "ix_dossier_search_trgm" in _plan_of(db, ("visioconference",))  # one match in 5 001
        assert Listing(db.engine).count(Selection(("visioconference",))) == 1
        assert "ix_dossier_search_trgm" not in _plan_of(db, ("vi",))  # no trigram: a scan
        assert Listing(db.engine).count(Selection(("vi",))) == 1
    finally:
        db.close()


def test_without_the_right_to_create_pg_trgm_the_upgrade_succeeds_and_the_search_scans(
        postgres, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    name = f"sans_trgm_{tmp_path.name[-20:]}".replace("-", "_")
    postgres.admin(f'CREATE DATABASE "{name}"')
    postgres.admin("DO $$ BEGIN CREATE ROLE acheteur_sans_droits LOGIN; EXCEPTION WHEN duplicate_object THEN "
                   "NULL; END $$")
    admin_url = postgres.url(name).replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin_url, autocommit=True) as connection:  # may create tables, not extensions
        connection.execute("GRANT CREATE ON SCHEMA public TO acheteur_sans_droits")
    db = open_store(tmp_path / "base.sqlite3", url=postgres.url(name, "acheteur_sans_droits"))
    try:
        assert "Index de recherche pg_trgm non créé (permission denied" in capsys.readouterr().err
        repo = Repository(db.sessions)
        repo.create("Marché de visioconférence", "Préfecture de la Somme")
        repo.create("Messagerie", "")
        assert [s.title for s in Listing(db.engine).page(Selection(("visio",)), 0, 10)] == [
            "Marché de visioconférence"]
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT to_regclass('ix_dossier_search_trgm')").scalar() is None
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
        # what installer/README.md tells the server's administrator to run afterwards
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            connection.execute("CREATE INDEX IF NOT EXISTS ix_dossier_search_trgm ON dossier "
                               "USING gin (search_text gin_trgm_ops)")
        assert Listing(db.engine).count(Selection(("visio",))) == 1
    finally:
        db.close()


def test_the_server_reads_each_sorted_first_page_from_an_index(pg_url: str, tmp_path: Path) -> None:
    """The list's orders on PostgreSQL walk a partial index of the live dossiers (migration 0008) instead of
    sorting the table for one page."""
    from sqlalchemy import text

    from assistant.storage.listing import COLUMNS, SERVER_SORTS, _order

    db = open_store(tmp_path / "base.sqlite3", url=pg_url)
    try:
        Repository(db.sessions).create("Marché de visioconférence", "Préfecture de la Somme")
        _many_dossiers(db, 5000, "Dossier")
        for sort in ("title", "organisation", "updated"):
            for descending in (False, True):
                params: dict[str, object] = {}
                order = _order(Selection(sort=sort, descending=descending), params, SERVER_SORTS)
                with db.engine.connect() as connection:
                    plan = "\n".join(str(row[0]) for row in connection.execute(text(
                        f"EXPLAIN SELECT {COLUMNS} FROM dossier d WHERE d.deleted_at IS NULL "
                        f"ORDER BY {order} LIMIT 100"), params))
                assert "ix_dossier_live_" in plan and "Sort" not in plan, (sort, plan)
        assert Listing(db.engine).page(Selection(sort="title", descending=False), 0, 1)[0].title == "Dossier 1"
    finally:
        db.close()
