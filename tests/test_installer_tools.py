"""The build's helpers (installer/): the glibc floor, the manual page, the SBOM's licence ids."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))

import glibc_floor  # noqa: E402
import make_manpage  # noqa: E402
import sbom_extra  # noqa: E402


@pytest.mark.skipif(shutil.which("objdump") is None or not sys.platform.startswith("linux"), reason="objdump")
def test_glibc_floor_of_real_libraries_is_at_most_the_running_glibc(tmp_path: Path) -> None:
    import _ctypes

    library = Path(_ctypes.__file__)  # an extension module of this interpreter, linked against glibc
    (tmp_path / "lib").mkdir()
    shutil.copy(library, tmp_path / "lib" / library.name)
    (tmp_path / "lib" / "notes.txt").write_text("pas un ELF")
    best, needing = glibc_floor.floor(tmp_path)
    running = tuple(int(p) for p in os.confstr("CS_GNU_LIBC_VERSION").split()[1].split("."))  # type: ignore[union-attr]
    assert (2, 2) <= best <= running
    assert needing == [tmp_path / "lib" / library.name]
    printed = subprocess.run([sys.executable, str(ROOT / "installer" / "glibc_floor.py"), str(tmp_path)],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert printed == ".".join(str(p) for p in best)


def test_manual_page_lists_every_command_from_the_parser() -> None:
    from assistant.cli import build_parser

    page = make_manpage.manpage("2026-12-02")
    assert page.startswith('.TH "ASSISTANT-ACHAT-NUMERIQUE" "1" "2026-12-02"')
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    assert commands
    for name in commands:
        escaped = name.replace("-", "\\-")
        assert f"assistant\\-achat\\-numerique {escaped}" in page
    for section in (".SH NOM", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDES", ".SH FICHIERS"):
        assert section in page
    assert "\\fB\\-\\-print\\-config\\fR" in page


@pytest.mark.skipif(shutil.which("man") is None, reason="man")
def test_manual_page_renders_without_warnings(tmp_path: Path) -> None:
    page = tmp_path / "assistant-achat-numerique.1"
    page.write_text(make_manpage.manpage("2026-12-02"), encoding="utf-8")
    result = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", str(page)], capture_output=True,
                            text=True, check=False, env=dict(os.environ, MANWIDTH="80", MANPAGER="cat"))
    assert result.returncode == 0
    assert result.stderr == ""
    assert "COMMANDES" in result.stdout


@pytest.mark.parametrize(("debian", "spdx"), [
    ("MIT", "MIT"),
    ("BSD-3-clause or GPL-2", "(BSD-3-Clause OR GPL-2.0-only)"),
    ("GPL-2+ or AFL-2.1, and Expat and Tcl-BSDish", "(GPL-2.0-or-later OR AFL-2.1) AND MIT AND LicenseRef-Tcl-BSDish"),
    ("public-domain", "LicenseRef-public-domain"),
])
def test_debian_licence_names_become_spdx_expressions(debian: str, spdx: str) -> None:
    assert sbom_extra._debian_expression(debian) == spdx
