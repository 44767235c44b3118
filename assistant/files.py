"""Read a file a user or a packager names, safely: only a regular file, its size checked before reading.

A FIFO, a terminal or a device (``/dev/zero``, ``/dev/urandom``, or a link to one) is refused at once:
reading one would block forever or fill the memory. The file is opened without blocking and checked
again once open, so that a file swapped for a FIFO between the two checks is refused all the same.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assistant.domain.messages import french_os_error


class UnreadableFile(Exception):  # noqa: N818 - a plain reason, raised and caught like an OSError
    """Why a file was not read: a French phrase (« ce n'est pas un fichier ordinaire »...)."""

    def __init__(self, reason: str, *, too_large: bool = False, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large
        self.missing = missing


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "c'est un dossier, pas un fichier"
    if stat.S_ISFIFO(mode):
        return "c'est un tube nommé (FIFO), pas un fichier ordinaire"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "c'est un périphérique, pas un fichier ordinaire"
    if stat.S_ISSOCK(mode):
        return "c'est une prise réseau locale (socket), pas un fichier ordinaire"
    return "ce n'est pas un fichier ordinaire"


def _size_phrase(limit: int) -> str:
    if limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)}\u00a0Mo"
    return f"{limit // 1024}\u00a0Ko" if limit % 1024 == 0 else f"{limit}\u00a0octets"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes.

    Raises :class:`UnreadableFile` with a French reason otherwise (missing, a device, a FIFO, too large,
    unreadable); never blocks and never reads more than ``limit + 1`` bytes.
    """
    try:
        before = path.stat()
    except FileNotFoundError as exc:
        raise UnreadableFile(french_os_error(exc), missing=True) from exc
    except OSError as exc:
        raise UnreadableFile(french_os_error(exc)) from exc
    if not stat.S_ISREG(before.st_mode):
        raise UnreadableFile(_kind(before.st_mode))
    if before.st_size > limit:
        raise UnreadableFile(f"il dépasse {_size_phrase(limit)}", too_large=True)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableFile(french_os_error(exc)) from exc
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise UnreadableFile(_kind(opened.st_mode))
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise UnreadableFile(french_os_error(exc)) from exc
    finally:
        os.close(fd)
    if total > limit:  # the file grew while it was read
        raise UnreadableFile(f"il dépasse {_size_phrase(limit)}", too_large=True)
    return b"".join(chunks)
