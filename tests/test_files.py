"""Reading a file a user names: only a regular file, its size checked first, never blocking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.files import UnreadableFile, read_regular_file


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_and_links_to_them_are_refused(tmp_path: Path, device: str) -> None:
    link = tmp_path / "lien.json"
    link.symlink_to(device)
    for path in (Path(device), link):
        with pytest.raises(UnreadableFile, match="périphérique"):
            read_regular_file(path, 1000)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.json"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match="tube nommé"):
        read_regular_file(fifo, 1000)


def test_too_large_missing_and_folder(tmp_path: Path) -> None:
    big = tmp_path / "gros.json"
    big.write_bytes(b"x" * 2049)
    with pytest.raises(UnreadableFile) as caught:
        read_regular_file(big, 2048)
    assert caught.value.too_large and "2\u00a0Ko" in caught.value.reason
    with pytest.raises(UnreadableFile) as caught:
        read_regular_file(tmp_path / "absent.json", 10)
    assert caught.value.missing
    with pytest.raises(UnreadableFile, match="dossier"):
        read_regular_file(tmp_path, 10)
