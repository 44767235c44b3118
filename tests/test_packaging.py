"""The wheel carries everything: rules, resources, fonts, migrations. Built, installed apart, self-tested."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installed_wheel_passes_its_self_test_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels),
         str(ROOT)], check=True, capture_output=True)
    [wheel] = wheels.glob("*.whl")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen")
    where = subprocess.run([sys.executable, "-c", "import assistant, assistant.paths as p; "
                            "print(assistant.__file__); print(p.rules_dir()); print(p.resources_dir())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert all(line.startswith(str(site)) for line in where), where
    assert (Path(where[2]) / "keys" / "assistant-achat-numerique.pub").is_file()  # the project's public key
    result = subprocess.run([sys.executable, "-m", "assistant", "--data-dir", str(tmp_path / "data"), "self-test"],
                            check=False, cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Autotest réussi." in result.stdout
    assert result.stderr == ""


def _gather_licences():  # installer/gather_licences.py, a build script beside the spec (not a package)
    sys.path.insert(0, str(ROOT / "installer"))
    import gather_licences

    return gather_licences


def test_every_library_psycopg_binary_ships_has_its_licence_in_the_bundle() -> None:
    """Team mode: each library of psycopg_binary.libs (libpq, OpenSSL...) is named in the licence index."""
    import importlib.metadata as md

    dist = md.distribution("psycopg-binary")
    shipped = sorted({Path(str(f)).name for f in dist.files or [] if str(f).startswith("psycopg_binary.libs/")})
    assert any(name.startswith("libpq-") for name in shipped)
    folder = ROOT / "installer" / "licences" / "psycopg" / "libpq"
    index = (folder / "LISEZMOI.txt").read_text(encoding="utf-8")
    for name in shipped:
        stem = name.split("-", 1)[0]  # auditwheel's « libssl-6a9b88ec.so.3 » → libssl
        assert stem in index, f"{name} : licence absente de {folder / 'LISEZMOI.txt'}"
    for text in re.findall(r"(?:\.\./)?[\w-][\w.-]*\.(?:txt|copyright)\b", index):
        assert (folder / text).is_file(), text


def test_gathered_licences_ship_psycopg_lgpl_notice_and_libpq_licences(tmp_path: Path) -> None:
    import importlib.metadata as md

    gather = _gather_licences()
    dists = {"psycopg": md.distribution("psycopg"), "psycopg-binary": md.distribution("psycopg-binary")}
    lines = gather.psycopg_licences(tmp_path, dists)
    notice = (tmp_path / "psycopg" / "psycopg-LGPL-NOTICE.txt").read_text(encoding="utf-8")
    assert "LGPL-3.0-only" in notice and "_internal/psycopg_binary.libs/" in notice
    assert "PostgreSQL Global Development Group" in (tmp_path / "psycopg" / "libpq" / "PostgreSQL.txt").read_text()
    assert "Apache License" in (tmp_path / "psycopg" / "libpq" / "Apache-2.0.txt").read_text()
    assert f"psycopg {md.version('psycopg')}" in lines[0] and "psycopg/psycopg-LGPL-NOTICE.txt" in lines[0]
