"""Rulebook YAML files: nesting, aliases and their expansion are bounded before anything is built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.domain import limits
from assistant.paths import rules_dir
from assistant.rulebook import check_rulebook
from assistant.rulebook.yamlsource import YamlError, load_yaml

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
)


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "labels.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_alias_bomb_is_refused_before_it_is_built(tmp_path: Path) -> None:
    with pytest.raises(YamlError, match="alias développés"):
        load_yaml(_file(tmp_path, BOMB))


def test_too_many_aliases_are_refused(tmp_path: Path) -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * (limits.YAML_ALIASES_MAX + 1)) + "]\n"
    with pytest.raises(YamlError, match="alias"):
        load_yaml(_file(tmp_path, text))


@pytest.mark.parametrize("depth", [limits.YAML_DEPTH_MAX + 1, 5000, 100_000])
def test_deep_nesting_is_refused(tmp_path: Path, depth: int) -> None:
    with pytest.raises(YamlError, match="imbrication trop profonde"):
        load_yaml(_file(tmp_path, "a: " + "[" * depth + "]" * depth + "\n"))
    block = "".join(" " * level + f"k{level}:\n" for level in range(min(depth, 2000))) + " " * 2000 + "fin\n"
    with pytest.raises(YamlError, match="imbrication trop profonde"):
        load_yaml(_file(tmp_path, block))


def test_a_few_aliases_are_still_read(tmp_path: Path) -> None:
    assert load_yaml(_file(tmp_path, "a: &a [1, 2]\nb: *a\n")) == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_rulebook_file_that_is_a_device_or_a_fifo_is_a_problem(tmp_path: Path, target: str) -> None:
    folder = tmp_path / "regles"
    shutil.copytree(rules_dir(), folder)
    (folder / "labels.yaml").unlink()
    if target == "fifo":
        os.mkfifo(folder / "labels.yaml")
    else:
        (folder / "labels.yaml").symlink_to(target)
    problems = [str(p) for p in check_rulebook(folder)]
    assert any("labels.yaml" in p and "pas un fichier ordinaire" in p for p in problems)


def test_rules_check_on_an_alias_bomb_answers_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "regles"
    shutil.copytree(rules_dir(), folder)
    with (folder / "labels.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\nbombe:\n" + "".join(f"  {line}\n" for line in BOMB.splitlines()))
    done = subprocess.run([sys.executable, "-m", "assistant", "rules", "check", str(folder)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert "alias développés" in done.stdout and "Traceback" not in done.stderr
