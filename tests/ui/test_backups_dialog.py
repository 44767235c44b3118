"""The « Sauvegardes » dialog and the start-up offer to restore a damaged base (real widgets, real files)."""

from __future__ import annotations

from pathlib import Path

from assistant.app import finish_start, restored_after_damage, start_window
from assistant.storage.backups import count_dossiers
from assistant.ui.backups_dialog import BackupsDialog
from assistant.ui.main_window import MainWindow
from tests.conftest import answer_next_box


def _corrupt_middle(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek((size // 4096 // 2) * 4096)
        handle.write(b"\xa5" * 4096 * 2)


def _damaged_base(data_paths, rulebook) -> bytes:  # type: ignore[no-untyped-def]
    """A base of 80 dossiers with its daily copy, then pages overwritten in its middle; its damaged bytes."""
    from assistant.services.context import open_context

    ctx = open_context(data_paths, rulebook=rulebook)  # makes the daily copy, with no dossier
    for i in range(80):
        ctx.repository.create(f"Dossier {i} " + "x" * 300, "Org")
    ctx.close()
    _corrupt_middle(data_paths.database)
    return data_paths.database.read_bytes()


def test_the_dialog_lists_copies_and_restores_one_with_both_counts(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from assistant.services.backups import create_backup

    ctx.repository.create("Premier", "Org")
    create_backup(ctx.paths)
    ctx.repository.create("Deuxième", "Org")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 2
    dialog = BackupsDialog(ctx.paths, window, release=window._release_data, reopen=window._reopen_data)
    qtbot.addWidget(dialog)
    counts = [dialog.table.item(row, 3).text() for row in range(dialog.table.rowCount())]
    assert "1" in counts  # the copy made with one dossier (the daily copy was made before any)
    manual = next(i for i, item in enumerate(dialog.items) if item.label == "manuelle")
    dialog.table.selectRow(manual)
    seen = answer_next_box("Oui", "Yes")
    assert dialog.restore_selected()
    assert "(1 dossier(s))" in seen[0] and "contient 2 dossier(s)" in seen[0]
    assert window.model.rowCount() == 1  # the window reopened the restored base
    [aside] = ctx.paths.backups_dir.glob("dossiers-remplacee-*.sqlite3")
    assert count_dossiers(aside) == 2
    window.ctx.close()


def test_restore_cancelled_changes_nothing(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from assistant.services.backups import create_backup

    create_backup(ctx.paths)
    ctx.repository.create("Gardé", "Org")
    dialog = BackupsDialog(ctx.paths)
    qtbot.addWidget(dialog)
    answer_next_box("Annuler", "Cancel")
    assert not dialog.restore_selected()
    assert [s.title for s in ctx.repository.list()] == ["Gardé"]


def test_a_damaged_base_at_start_is_explained_and_the_latest_copy_restored(qtbot, data_paths, rulebook
                                                                        ) -> None:  # type: ignore[no-untyped-def]
    from assistant.storage import DatabaseDamagedError

    damaged = _damaged_base(data_paths, rulebook)
    session = start_window(data_paths)
    qtbot.addWidget(session.window)
    try:
        finish_start(session, data_paths)
        assert session.error is not None and isinstance(session.error.__cause__, DatabaseDamagedError)
        assert session.window.model.rowCount() == 0 and not session.window.new_action.isEnabled()
        seen = answer_next_box("Restaurer la plus récente")
        assert restored_after_damage(session, data_paths)
        assert "endommagée" in seen[0] and "assistant backup restore" in seen[0]
        session.error = None
        finish_start(session, data_paths)
        assert session.error is None and session.window.new_action.isEnabled()
    finally:
        session.close()
    [aside] = data_paths.backups_dir.glob("dossiers-remplacee-*.sqlite3")
    assert aside.read_bytes() == damaged  # the damaged file is kept, unchanged


def test_quitting_the_offer_leaves_the_damaged_base_untouched(qtbot, data_paths, rulebook
                                                              ) -> None:  # type: ignore[no-untyped-def]
    damaged = _damaged_base(data_paths, rulebook)
    session = start_window(data_paths)
    qtbot.addWidget(session.window)
    try:
        finish_start(session, data_paths)
        answer_next_box("Quitter")
        assert not restored_after_damage(session, data_paths)
    finally:
        session.close()
    assert data_paths.database.read_bytes() == damaged
