"""Run the shipped ``installer/team-roles.sql`` with psql on the test server, and make people's login roles.

Roles are cluster-wide: each call gets names of its own so that tests never share them.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from tests.tools.postgres import PORT, PostgresServer, _binaries

SCRIPT = Path(__file__).resolve().parents[2] / "installer" / "team-roles.sql"
_numbers = count(1)


@dataclass(frozen=True)
class Team:
    """The names the script was run with, and the server."""

    server: PostgresServer
    base: str
    owner: str
    buyers: str
    controllers: str

    def url(self, user: str) -> str:
        return self.server.url(self.base, user)

    def person(self, name: str, group: str) -> str:
        """A login role member of ``group`` (the way the packager's guide says to make one); its URL."""
        self.server.admin(f'CREATE ROLE "{name}" LOGIN IN ROLE "{group}"')
        return self.url(name)


def names() -> dict[str, str]:
    number = f"{os.getpid()}_{next(_numbers)}"
    return {"base": f"equipe_{number}", "proprietaire": f"proprio_{number}",
            "acheteurs": f"acheteurs_{number}", "controleurs": f"controleurs_{number}"}


def run_script(server: PostgresServer, variables: dict[str, str]) -> str:
    """Run the real script through psql as the superuser, the way an administrator does; its output."""
    psql = _binaries()
    assert psql is not None
    command = [str(psql / "psql"), "-X", "-q", "-h", str(server.socket_dir), "-p", str(PORT), "-U", server.superuser,
               "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-f", str(SCRIPT)]
    for name, value in variables.items():
        command[1:1] = ["-v", f"{name}={value}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def make_team(server: PostgresServer) -> Team:
    variables = names()
    run_script(server, variables)
    return Team(server, variables["base"], variables["proprietaire"], variables["acheteurs"],
                variables["controleurs"])
