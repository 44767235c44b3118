"""The data-folder lock: a second instance is told clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.lock import DataFolderLock, FolderLockedError


def test_second_lock_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    with DataFolderLock(tmp_path / ".verrou"), pytest.raises(FolderLockedError, match="déjà ouvert"):
        DataFolderLock(tmp_path / ".verrou").acquire()
    second = DataFolderLock(tmp_path / ".verrou")
    second.acquire()
    second.release()
