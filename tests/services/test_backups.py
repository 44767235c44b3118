"""Backup use cases: the confirmation's counts, the lock of an open window, a damaged base."""

from __future__ import annotations

import pytest

from assistant.domain.messages import UserError
from assistant.lock import DataFolderLock
from assistant.services.backups import backups, create_backup, latest_backup, plan_restore, restore_backup


def test_the_question_gives_the_dossiers_on_each_side(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.repository.create("Un")
    info = create_backup(ctx.paths)
    ctx.repository.create("Deux")
    ctx.repository.create("Trois")
    question = plan_restore(ctx.paths, info.name).question()
    assert f"{info.name} (1 dossier(s))" in question and "contient 3 dossier(s)" in question
    assert latest_backup(ctx.paths) == backups(ctx.paths)[0]


def test_restore_waits_for_the_window_to_let_the_folder_go(ctx) -> None:  # type: ignore[no-untyped-def]
    info = create_backup(ctx.paths)
    before = ctx.paths.database.read_bytes()
    lock = DataFolderLock(ctx.paths.lock_file)
    lock.acquire()
    try:
        with pytest.raises(UserError, match="déjà ouvert"):
            restore_backup(ctx.paths, info.name)
    finally:
        lock.release()
    assert ctx.paths.database.read_bytes() == before


def test_a_copy_of_a_damaged_base_is_refused_with_the_way_to_restore(ctx) -> None:  # type: ignore[no-untyped-def]
    for i in range(60):
        ctx.repository.create(f"Dossier {i} " + "x" * 300)
    ctx.close()
    path = ctx.paths.database
    with path.open("r+b") as handle:
        handle.seek((path.stat().st_size // 4096 // 2) * 4096)
        handle.write(b"\xa5" * 8192)
    with pytest.raises(UserError, match="endommagée") as caught:
        create_backup(ctx.paths)
    assert caught.value.status == 2
    assert not [p for p in ctx.paths.backups_dir.iterdir() if "manuelle" in p.name or p.name.startswith(".")]
