"""Bad input on every command a user can type: one French sentence and its exit status, quickly, with the
base unchanged. What could hang (a FIFO, a device) runs in a child process with a time limit, so that a
hang fails instead of blocking; the rest runs in the test's process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.exchange import dumps_dossier
from tests.conftest import example_files

LIMIT_S = 60
"""A generous bound for the child process: a hang fails the test instead of blocking the suite."""


def _run(data: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", "--data-dir", str(data), *args],
                          capture_output=True, text=True, timeout=LIMIT_S, check=False,
                          env={**os.environ, **(env or {})})


def _main(capsys, data: Path, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _snapshot(data: Path) -> list[tuple[str, str]]:
    from assistant.paths import AppPaths
    from assistant.services.context import open_context

    ctx = open_context(AppPaths(data))
    try:
        return [(s.title, dumps_dossier(ctx.repository.get(s.id))) for s in ctx.repository.list()]
    finally:
        ctx.close()


@pytest.fixture
def data(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "données"
    code, _, err = _main(capsys, folder, "dossier", "import", str(example_files()[0]))
    assert code == 0, err
    return folder


def _bad(tmp_path: Path, name: str) -> Path:
    base = json.loads(example_files()[0].read_text(encoding="utf-8"))
    texts = {
        "entier": json.dumps(base).replace('"facts": {', '"facts": {"autre.n": ' + "9" * 5000 + ", ", 1),
        "surrogate": json.dumps({**base, "justifications": {"existing.mutualised_fit": "a\ud800"}}),
        "date": json.dumps({**base, "updated": "9999-12-31T23:30:00Z"}),
        "version": json.dumps({**base, "format": "assistant-dossier/²"}, ensure_ascii=False),
        "controle": json.dumps({**base, "title": "Titre \x1b]0;piège\x07\x00"}),
        "long": json.dumps({**base, "organisation": "O" * 100_000}),
    }
    path = tmp_path / f"{name}.json"
    path.write_text(texts[name], encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["entier", "surrogate", "date", "version", "controle", "long"])
def test_a_bad_file_is_refused_by_import_evaluate_and_report(capsys, data: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             name: str) -> None:
    path = _bad(tmp_path, name)
    before = _snapshot(data)
    for args in (("dossier", "import", str(path)), ("evaluate", str(path)),
                 ("report", str(path), "-o", str(tmp_path / "note.pdf"))):
        code, _, err = _main(capsys, data, *args)
        assert code == 2, (args, err)
        assert "n'est pas un dossier valide" in err
        assert "\x1b" not in err and "\x00" not in err
    assert _snapshot(data) == before
    assert not (tmp_path / "note.pdf").exists()


@pytest.mark.parametrize(("command", "target"), [("import", "fifo"), ("import", "link"), ("evaluate", "/dev/urandom")])
def test_devices_and_fifos_are_refused_at_once(data: Path, tmp_path: Path, command: str, target: str) -> None:
    path = Path(target)
    if target == "link":
        path = tmp_path / "lien.json"
        path.symlink_to("/dev/zero")
    elif target == "fifo":
        path = tmp_path / "tube.json"
        os.mkfifo(path)
    before = _snapshot(data)
    done = _run(data, *(("dossier", "import") if command == "import" else ("evaluate",)), str(path))
    assert done.returncode == 2
    assert "pas un fichier ordinaire" in done.stderr and "Traceback" not in done.stderr
    assert _snapshot(data) == before


def test_what_an_older_version_stored_is_listed_shown_and_exported_safely(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from assistant.domain import Dossier
    from assistant.paths import AppPaths
    from assistant.services.context import open_context

    folder = tmp_path / "données"
    ctx = open_context(AppPaths(folder))
    try:  # as an older version, which checked none of this, could have stored them
        ctx.repository.add(Dossier(title="Titre \x1b[2J\x00", organisation="Org\x9b",
                                   justifications={"existing.mutualised_fit": "a\ud800b"},
                                   updated="9999-12-31T23:30:00+00:00"))
        ctx.repository.add(Dossier(title="Ordinaire"))
    finally:
        ctx.close()
    done = _run(folder, "dossier", "list", env={"TZ": "Europe/Paris"})  # the local time would be year 10000
    assert done.returncode == 0, done.stderr
    assert "Ordinaire" in done.stdout and "Titre" in done.stdout
    assert "\x1b" not in done.stdout and "\x00" not in done.stdout and "\x9b" not in done.stdout
    code, out, _ = _main(capsys, folder, "dossier", "list", "--format", "json")
    assert code == 0 and json.loads(out)[0]["title"] == "Titre \x1b[2J\x00"
    code, out, _ = _main(capsys, folder, "dossier", "show", "1")
    assert code == 0 and "\\ud800" in out and "\x1b" not in out
    code, _, err = _main(capsys, folder, "dossier", "export", "1", "-o", str(tmp_path / "export.json"))
    assert code == 0, err
    code, _, err = _main(capsys, folder, "dossier", "import", str(tmp_path / "export.json"))
    assert code == 2 and "title" in err  # its own limits, now enforced
    code, _, err = _main(capsys, folder, "report", "1", "-o", str(tmp_path / "note.pdf"))
    assert code == 0, err


def test_a_deeply_nested_site_toml_keeps_the_defaults(capsys, data: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "xdg" / "assistant-achat-numerique"
    config.mkdir(parents=True)
    (config / "site.toml").write_text("a = " + "[" * 4000 + "]" * 4000 + "\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    code, out, err = _main(capsys, data, "dossier", "list")
    assert code == 0 and out
    assert "imbriqué trop profondément" in err


@pytest.mark.parametrize("content", ["deep", "bomb", "zero"])
def test_a_site_rulebook_that_is_hostile_is_refused_in_one_sentence(capsys, data: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    content: str) -> None:
    import shutil

    from assistant.paths import rules_dir
    from tests.rulebook.test_yamlsource import BOMB

    folder = tmp_path / "regles"
    shutil.copytree(rules_dir(), folder)
    labels = folder / "labels.yaml"
    if content == "zero":
        labels.unlink()
        labels.symlink_to("/dev/zero")
    else:
        extra = "\nx: " + "[" * 5000 + "]" * 5000 if content == "deep" else "\n" + BOMB
        labels.write_text(labels.read_text(encoding="utf-8") + extra + "\n", encoding="utf-8")
    config = tmp_path / "xdg" / "assistant-achat-numerique"
    config.mkdir(parents=True)
    (config / "site.toml").write_text(f'rulebook = "{folder}"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    before = _snapshot(data)
    code, _, err = _main(capsys, data, "dossier", "list")
    assert code == 1
    assert f"Le référentiel de règles {folder} est invalide" in err and "labels.yaml" in err
    assert _snapshot(data) == before
