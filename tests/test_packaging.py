"""The wheel carries everything: rules, resources, fonts, migrations. Built, installed apart, self-tested."""

from __future__ import annotations

import os
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
