"""The live list's feed: another workstation's change (PostgreSQL ``LISTEN/NOTIFY``), or one made by the
command line in another process (SQLite's commit counter), is reported with its author."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from assistant.services import library
from assistant.services.context import open_context
from assistant.services.live import LiveFeed, News, news_sentence
from tests.conftest import EXAMPLES


def wait_for_news(feed: LiveFeed, seconds: float = 5.0) -> News:
    """Check as the window's timer does until something is reported (or ``seconds`` pass)."""
    deadline = time.monotonic() + seconds
    while True:
        news = feed.check()
        if news.changed or news.problem or time.monotonic() > deadline:
            return news
        time.sleep(feed.interval_ms / 1000)


def test_another_workstations_change_is_reported_with_its_author(both_ctx, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier_id = library.create_dossier(both_ctx, "Messagerie", "Préfecture")
    feed = LiveFeed(both_ctx)
    assert feed.check().changed == {}
    other = open_context(data_paths, rulebook=rulebook, site=both_ctx.site)
    try:
        other.repository.author = "acheteuse.b"
        library.rename(other, dossier_id, "Messagerie sécurisée", "Préfecture")
        news = wait_for_news(feed)
    finally:
        other.close()
        feed.close()
    assert news.changed == {dossier_id: "acheteuse.b"}
    assert news.problem is None
    assert news_sentence(news, {dossier_id: "Messagerie sécurisée"}) == (
        "Le dossier «\u00a0Messagerie sécurisée\u00a0» vient d'être modifié par acheteuse.b.")


def test_nothing_is_reported_when_nothing_changed(both_ctx) -> None:  # type: ignore[no-untyped-def]
    library.create_dossier(both_ctx, "Messagerie", "")
    feed = LiveFeed(both_ctx)
    try:
        assert [feed.check().changed for _ in range(25)] == [{}] * 25  # past the safety re-reads too
    finally:
        feed.close()


def test_exporting_a_note_is_not_a_change_of_the_list(both_ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = library.create_dossier(both_ctx, "Messagerie", "")
    feed = LiveFeed(both_ctx)
    try:
        both_ctx.repository.log(dossier_id, "reported", {"file": "note.pdf"})
        assert wait_for_news(feed, 1.5).changed == {}
    finally:
        feed.close()


def test_a_change_made_by_the_command_line_reaches_an_open_sqlite_window(ctx, data_paths) -> None:  # type: ignore[no-untyped-def]
    feed = LiveFeed(ctx)
    try:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        done = subprocess.run(
            [sys.executable, "-m", "assistant", "--data-dir", str(data_paths.data_dir), "dossier", "import",
             str(EXAMPLES / "visio-prefecture.json")], check=False, env=env, capture_output=True, text=True,
            timeout=120)
        assert done.returncode == 0, done.stderr
        news = wait_for_news(feed)
    finally:
        feed.close()
    [(dossier_id, author)] = news.changed.items()
    assert library.summary(ctx, dossier_id).title == "Réunions à distance des services de la préfecture"
    assert author == ctx.database.author


def test_several_changes_are_counted_in_one_sentence() -> None:
    news = News(changed={1: "a.martin", 2: "b.durand", 3: "a.martin"})
    assert news_sentence(news, {}) == "3 dossiers viennent d'être modifiés par a.martin, b.durand."


def test_a_clause_choice_reaches_the_other_windows(both_ctx, other_buyer) -> None:  # type: ignore[no-untyped-def]
    from assistant.services import editing

    dossier_id = library.create_dossier(both_ctx, "Messagerie", "")
    feed = LiveFeed(both_ctx)
    try:
        editing.set_clause_in_annex(other_buyer, library.get_dossier(other_buyer, dossier_id), dossier_id, "c1", False)
        assert wait_for_news(feed).changed == {dossier_id: "acheteuse.b"}
    finally:
        feed.close()
    assert library.journal(both_ctx, dossier_id)[-1].detail == "Clauses gardées hors de l'annexe de la note"


def test_the_training_data_never_open_the_shared_base(data_paths, rulebook, pg_url) -> None:  # type: ignore[no-untyped-def]
    from assistant.siteconfig import SiteConfig

    training = open_context(data_paths, rulebook=rulebook, site=SiteConfig(database_url=pg_url), training=True)
    try:
        assert training.database.url is None and training.database.file is not None
    finally:
        training.close()
