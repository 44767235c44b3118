"""The self-test passes, and nothing in start-up reaches for the network."""

from __future__ import annotations

import socket
import ssl  # noqa: F401  # imported before socket.socket is replaced: ssl subclasses it at import time
from pathlib import Path

import pytest

from assistant.cli import main


class NetworkForbiddenError(AssertionError):
    pass


def _forbidden(*_args: object, **_kwargs: object) -> None:
    raise NetworkForbiddenError("the self-test tried to open a socket")


def test_self_test_passes_without_any_socket(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # type: ignore[no-untyped-def]
    import assistant.services.context  # noqa: F401  (imports ssl through asyncio: before sockets are forbidden)

    monkeypatch.setattr(socket, "socket", _forbidden)
    monkeypatch.setattr(socket, "create_connection", _forbidden)
    monkeypatch.setattr(socket, "getaddrinfo", _forbidden)
    code = main(["--data-dir", str(tmp_path / "data"), "self-test"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "ÉCHEC" not in out
    for part in ("référentiel de règles", "stockage SQLite", "évaluation", "note de décision PDF", "fenêtre"):
        assert part in out
    assert "Autotest réussi." in out
    assert [p.name for p in (tmp_path / "data").iterdir() if p.name.startswith("autotest-")] == []


def test_a_database_from_a_newer_version_fails_the_self_test(tmp_path: Path, capsys, qapp) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from assistant.storage import open_database

    data = tmp_path / "data"
    open_database(data / "dossiers.sqlite3").close()
    with sqlite3.connect(data / "dossiers.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    code = main(["--data-dir", str(data), "self-test"])
    out = capsys.readouterr().out
    assert code == 1
    assert "version plus récente" in out and "Autotest réussi." not in out


@pytest.mark.parametrize("where", ["under-a-file", "read-only"])
def test_self_test_on_an_unwritable_data_folder_says_so_in_one_sentence(
        tmp_path: Path, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    import os

    if where == "under-a-file":
        (tmp_path / "fichier").write_text("pas un dossier")
        data = tmp_path / "fichier" / "donnees"
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        data = tmp_path / "lecture-seule"
        data.mkdir()
        data.chmod(0o555)
    code = main(["--data-dir", str(data), "self-test"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err
    [line] = captured.err.strip().splitlines()
    assert line.startswith(f"Le dossier de données {data} est inaccessible (")
