"""A lock on the data folder so that a second window does not write beside the first."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from assistant.domain.messages import UserError


class FolderLockedError(UserError, RuntimeError):
    """Another instance holds the data folder; the message is a French sentence."""


class DataFolderLock:
    """An exclusive, non-blocking OS lock on ``path``, released when the process ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.seek(0)
            owner = handle.read().strip() or "inconnu"
            handle.close()
            raise FolderLockedError(
                f"L'Assistant est déjà ouvert sur le dossier de données {self.path.parent} "
                f"(processus {owner}) : utilisez cette fenêtre, ou fermez-la avant d'en ouvrir une autre."
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> DataFolderLock:
        self.acquire()
        return self

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.release()
