"""Start-up through the composition root: the window first, then the data; a second instance; bad data."""

from __future__ import annotations

import sqlite3

import pytest

from assistant import EXIT_FAILED, EXIT_USAGE
from assistant.app import StartupError, finish_start, start_window


def test_window_shows_then_fills(qtbot, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    from assistant.services.context import open_context

    ctx = open_context(data_paths, rulebook=rulebook)
    ctx.repository.create("Déjà là", "Org")
    ctx.close()
    session = start_window(data_paths)
    qtbot.addWidget(session.window)
    try:
        assert session.window.isVisible()
        assert not session.window.new_action.isEnabled()
        finish_start(session, data_paths)
        assert session.error is None
        assert session.window.model.rowCount() == 1
        assert session.window.new_action.isEnabled()
    finally:
        session.close()


def test_a_second_instance_on_the_same_folder_is_told(qtbot, data_paths) -> None:  # type: ignore[no-untyped-def]
    first = start_window(data_paths)
    qtbot.addWidget(first.window)
    try:
        with pytest.raises(StartupError, match="déjà ouvert") as caught:
            start_window(data_paths)
        assert caught.value.status == EXIT_FAILED
    finally:
        first.close()


def test_a_newer_database_stops_start_up_with_status_2(qtbot, data_paths, rulebook) -> None:  # type: ignore[no-untyped-def]
    from assistant.services.context import open_context

    open_context(data_paths, rulebook=rulebook).close()
    with sqlite3.connect(data_paths.database) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()
    before = data_paths.database.read_bytes()
    session = start_window(data_paths)
    qtbot.addWidget(session.window)
    try:
        finish_start(session, data_paths)
        assert session.error is not None and session.error.status == EXIT_USAGE
        assert "version plus récente" in str(session.error)
    finally:
        session.close()
    assert data_paths.database.read_bytes() == before


def test_an_invalid_rulebook_stops_start_up_with_a_clear_message(tmp_path, data_paths) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from assistant.app import open_data
    from assistant.paths import rules_dir
    from assistant.siteconfig import SiteConfig

    broken = tmp_path / "regles"
    shutil.copytree(rules_dir(), broken)
    (broken / "sources.yaml").write_text("sources: [", encoding="utf-8")
    with pytest.raises(StartupError, match=r"référentiel de règles .* est invalide") as caught:
        open_data(data_paths, site=SiteConfig(rulebook=broken))
    assert caught.value.status == EXIT_FAILED
    assert "sources.yaml" in str(caught.value)
    assert not data_paths.database.exists()
