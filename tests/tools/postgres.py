"""A real PostgreSQL server for the tests, started by the test set-up itself (team mode).

Debian's ``postgresql`` package provides ``initdb`` and ``pg_ctl`` (``installer/testdeps.sh`` installs it
when missing). The cluster lives in a temporary folder, listens on a Unix socket only (no TCP port to clash
with another run on the same machine) and trusts local connections. PostgreSQL refuses to run as root, and
the tests run as root here: the cluster then belongs to the ``postgres`` system user the package creates and
is run with ``runuser -u postgres``. Each test gets a fresh, empty database of its own.

When the server cannot start the tests that need it are skipped with the reason, except under ``CI=true``
where the run fails instead.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

PORT = 5432
"""Only names the socket file: the socket folder is private to this run."""
_numbers = count(1)


@dataclass
class PostgresServer:
    socket_dir: Path
    superuser: str
    control: tuple[str, ...] = ()
    """``pg_ctl -D <data>`` (run as the cluster's owner): stops and starts this server."""
    options: str = ""
    log: Path | None = None

    def stop(self) -> None:
        """Stop the server now (``-m immediate``: as a crash or a power cut would)."""
        subprocess.run([*self.control, "-m", "immediate", "-w", "stop"], check=True, capture_output=True,
                       timeout=60)

    def start(self) -> None:
        subprocess.run([*self.control, "-l", str(self.log), "-o", self.options, "-w", "start"], check=True,
                       capture_output=True, timeout=120)

    def url(self, database: str, user: str | None = None) -> str:
        return f"postgresql+psycopg://{user or self.superuser}@/{database}?host={self.socket_dir}&port={PORT}"

    def admin(self, sql: str) -> None:
        """Run one statement as the superuser on the maintenance database (autocommit)."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=PORT, user=self.superuser, dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(sql.encode())

    def new_database(self) -> str:
        name = f"essai_{os.getpid()}_{next(_numbers)}"
        self.admin(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[4]))
    return found[-1].parent if found else None


def _unavailable(reason: str) -> None:
    import pytest

    message = f"Serveur PostgreSQL de test indisponible : {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class ServerUnavailable(Exception):
    """The server cannot start here; the message says why (French)."""


def launch() -> tuple[PostgresServer, Callable[[], None]]:
    """Start a throw-away cluster: the server and the function that stops it and removes its folder.

    Plain Python (no pytest): the test fixture and ``tests/bench/bench_scale.py`` both use it. Raises
    ``ServerUnavailable`` when it cannot start."""
    bin_dir = _binaries()
    if bin_dir is None:
        raise ServerUnavailable("initdb introuvable (paquet Debian « postgresql », voir installer/testdeps.sh)")
    root = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
    data, sockets, log = root / "data", root / "sockets", root / "server.log"
    sockets.mkdir()
    prefix: list[str] = []
    superuser = pwd.getpwuid(os.getuid()).pw_name
    if os.getuid() == 0:  # PostgreSQL never runs as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            raise ServerUnavailable(
                "les tests tournent en root et l'utilisateur système « postgres » n'existe pas") from None
        root.chmod(0o755)  # the socket folder must be reachable by the tests' own user
        for path in (root, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        prefix, superuser = ["runuser", "-u", "postgres", "--"], "postgres"
    try:
        subprocess.run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", superuser,
                        "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8"],
                       check=True, capture_output=True, text=True, timeout=120)
        options = f"-k {sockets} -p {PORT} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                        "-w", "start"], check=True, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        shutil.rmtree(root, ignore_errors=True)
        raise ServerUnavailable(f"{exc} {detail}".strip()) from exc

    def stop() -> None:
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, check=False, timeout=60)
        shutil.rmtree(root, ignore_errors=True)

    control = (*prefix, str(bin_dir / "pg_ctl"), "-D", str(data))
    return PostgresServer(sockets, superuser, control, options, log), stop


def start_server() -> Iterator[PostgresServer]:
    """The session fixture's body: skipped (failed under ``CI=true``) when the server cannot start."""
    try:
        server, stop = launch()
    except ServerUnavailable as exc:
        _unavailable(str(exc))
        return
    try:
        yield server
    finally:
        stop()
