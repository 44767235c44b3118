"""The list read from SQL: the 0001 → head migration fills the search text and the FTS index; search through
the FTS5 trigram index gives exactly what a plain accent-folding scan gives; sorting and trash."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from assistant.domain.folding import fold
from assistant.storage import Repository, open_database
from assistant.storage.listing import Listing, Selection

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema-0001.sqlite3"
WORDS = ["Préfecture", "préfecture", "ÉCOLE", "école", "Hôpital", "Mairie", "Cœur", "Œuvre", "visio", "messagerie",
         "Établissement", "santé", "Ça", "naïve", "Noël", "données", "Î", "a", "x%_", 'guil"let']


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


def test_fts_search_equals_a_plain_folding_scan(tmp_path: Path) -> None:
    db = open_database(tmp_path / "base.sqlite3")
    try:
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
                                                   ("cœur",), ("%",), ("_",), ('"',), ("zzz",)]
        for words in queries:
            for trash in (False, True):
                found = {s.id for s in listing.stream(Selection(words, trash=trash))}
                assert found == _scan(rows, words, trash), words
                total = listing.count(Selection(words, trash=trash))
                assert total == len(found)
                # the page led by the matching ids (few matches) gives the same as the ordered walk (stream)
                assert [s.id for s in listing.page(Selection(words, trash=trash), 0, 1000, total)] == [
                    s.id for s in listing.stream(Selection(words, trash=trash))]
    finally:
        db.close()


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
