"""The change watch reads the journal's new events; on PostgreSQL it is woken by ``NOTIFY`` (not by its
safety re-read), on SQLite by the file's commit counter."""

from __future__ import annotations

import time

from sqlalchemy import create_engine

from assistant.storage import open_database
from assistant.storage.changes import SAFETY_POLLS, ChangeWatch
from assistant.storage.engines import open_store
from assistant.storage.repository import Repository


def test_a_notification_wakes_the_watch_at_its_first_check(pg_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = open_store(tmp_path / "local.sqlite3", url=pg_url)
    watch = ChangeWatch(database.engine)
    try:
        writer = Repository(database.sessions, author="acheteur.a")
        dossier_id = writer.create("Visio", "DINUM")
        time.sleep(0.3)  # the notification travels from the server to the listening connection
        [event] = watch.check()
        assert (event.dossier_id, event.kind, event.author) == (dossier_id, "created", "acheteur.a")
        assert watch.check() == []
    finally:
        watch.close()
        database.close()


def test_the_trigger_sends_one_notification_per_statement(pg_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    database = open_store(tmp_path / "local.sqlite3", url=pg_url)
    database.close()
    url = create_engine(pg_url).url
    with psycopg.connect(host=url.query["host"], port=int(url.query["port"]), user=url.username,
                         dbname=url.database, autocommit=True) as listener:
        listener.execute("LISTEN assistant_changes")
        with psycopg.connect(host=url.query["host"], port=int(url.query["port"]), user=url.username,
                             dbname=url.database) as writer:
            writer.execute("INSERT INTO event (dossier_id, dossier_uid, kind, at, detail, author) "
                           "SELECT n, 'u' || n, 'created', now(), '', 'x' FROM generate_series(1, 50) AS n")
            writer.commit()
        received = list(listener.notifies(timeout=2, stop_after=1))
        time.sleep(0.2)
        received += list(listener.notifies(timeout=0))
    assert [n.channel for n in received] == ["assistant_changes"]


def test_sqlite_commits_of_another_connection_are_seen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "base.sqlite3"
    database = open_database(path)
    watch = ChangeWatch(database.engine)
    other = open_database(path)
    try:
        assert watch.check() == []
        dossier_id = Repository(other.sessions, author="poste-b").create("Visio", "")
        [event] = watch.check()
        assert (event.dossier_id, event.author) == (dossier_id, "poste-b")
        assert [watch.check() for _ in range(SAFETY_POLLS + 1)] == [[]] * (SAFETY_POLLS + 1)
    finally:
        watch.close()
        other.close()
        database.close()


def test_ids_committed_out_of_order_on_the_server_are_still_reported(pg_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A long transaction takes an id, another commits a higher one first: both are reported; and when the
    late one lies below the re-read window, the watch says it missed something (the list is read again)."""
    from sqlalchemy import text

    from assistant.storage.changes import WINDOW

    database = open_store(tmp_path / "local.sqlite3", url=pg_url)
    watch = ChangeWatch(database.engine)
    writer = Repository(database.sessions, author="b")
    insert = text("INSERT INTO event (dossier_id, dossier_uid, kind, at, detail, author) "
                  "VALUES (:d, 'u', 'answered', now(), '', 'long')")
    try:
        with database.engine.connect() as long:
            long.execute(insert, {"d": 999})  # id taken, not committed
            first = writer.create("Visio", "")
            time.sleep(0.3)
            assert [e.dossier_id for e in watch.check()] == [first]
            long.commit()
        time.sleep(0.3)
        assert [(e.dossier_id, e.author) for e in watch.check()] == [(999, "long")]
        assert not watch.missed
        with database.engine.connect() as long:
            long.execute(insert, {"d": 998})
            for _ in range(WINDOW + 5):
                writer.create("Messagerie", "")
            time.sleep(0.3)
            assert len(watch.check()) == WINDOW + 5
            long.commit()
        time.sleep(0.3)
        assert watch.check() == [] and watch.missed
    finally:
        watch.close()
        database.close()
