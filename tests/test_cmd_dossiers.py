"""``dossier list`` streamed in json, csv and text with --search and --limit; ``dossier import`` of a folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from assistant.cli import main
from tests.conftest import EXAMPLES, example_files


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_folder_import_then_list_in_every_format(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "data")
    folder = tmp_path / "lot"
    folder.mkdir()
    for path in example_files():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "mauvais.json").write_text('{"format": "assistant-dossier/1", "title": 3}', encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data, "dossier", "import", str(folder), "--batch-size", "2")
    count = len(example_files())
    assert code == 2  # one file refused
    assert f"{count} dossier(s) importé(s), 1 fichier(s) refusé(s)" in out
    assert "mauvais.json" in err and "title" in err and "Traceback" not in err

    code, out, _ = run(capsys, "--data-dir", data, "dossier", "list", "--format", "json")
    items = json.loads(out)
    assert code == 0 and len(items) == count
    assert out == json.dumps(items, ensure_ascii=False, indent=2) + "\n"  # the same bytes as before streaming

    code, out, _ = run(capsys, "--data-dir", data, "dossier", "list", "--format", "csv", "--search", "PREFECTURE")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["title"] for r in rows] == ["Réunions à distance des services de la préfecture"]

    code, out, _ = run(capsys, "--data-dir", data, "dossier", "list", "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 2

    code, out, _ = run(capsys, "--data-dir", data, "dossier", "list", "--format", "json", "--search", "zzzz")
    assert out == "[]\n"
    code, out, _ = run(capsys, "--data-dir", data, "dossier", "list", "--search", "zzzz")
    assert out == "Aucun dossier.\n"


def test_import_of_a_missing_path_is_a_usage_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "dossier", "import",
                       str(EXAMPLES / "site-commune.json"), str(tmp_path / "absent"))
    assert code == 2 and "n'existe pas" in err
