"""The command line: dossier list/show/export/import, exit statuses and French messages."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from assistant.cli import main
from tests.conftest import EXAMPLES


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_show_export(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "data")
    code, out, _ = run(capsys, "--data-dir", data, "dossier", "import", str(EXAMPLES / "visio-prefecture.json"))
    assert code == 0 and "numéro 1" in out
    code, out, _ = run(capsys, "--data-dir", data, "dossier", "list", "--format", "json")
    assert code == 0
    [item] = json.loads(out)
    assert item["id"] == 1
    assert item["title"] == "Réunions à distance des services de la préfecture"
    assert item["updated"]
    code, out, _ = run(capsys, "--data-dir", data, "dossier", "show", "1")
    assert code == 0 and json.loads(out)["facts"]["need.category"] == "videoconference"
    target = tmp_path / "export.json"
    code, _, _ = run(capsys, "--data-dir", data, "dossier", "export", "1", "-o", str(target))
    assert code == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    original = json.loads((EXAMPLES / "visio-prefecture.json").read_text(encoding="utf-8"))
    assert exported["facts"] == original["facts"]
    assert exported["format"] == "assistant-dossier/1"


def test_import_of_a_bad_file_writes_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "data")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "assistant-dossier/1", "title": 3, "candidates": {}}), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", data, "dossier", "import", str(bad))
    assert code == 2
    assert "title" in err and "candidates" in err and "Traceback" not in err
    code, out, _ = run(capsys, "--data-dir", data, "dossier", "list", "--format", "json")
    assert json.loads(out) == []


def test_newer_format_is_refused_with_a_clear_message(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "assistant-dossier/2", "title": "x"}), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "dossier", "import", str(newer))
    assert code == 2 and "plus récent" in err


def test_unknown_dossier_id_is_a_usage_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "dossier", "show", "99")
    assert code == 2 and "Aucun dossier" in err


def test_newer_database_exits_2_and_stays_identical(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "d"
    assert run(capsys, "--data-dir", str(data), "dossier", "list")[0] == 0
    db = data / "dossiers.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    conn.close()
    before = db.read_bytes()
    code, _, err = run(capsys, "--data-dir", str(data), "dossier", "list")
    assert code == 2 and "version plus récente" in err
    assert db.read_bytes() == before


def test_usage_errors_are_french_with_status_2(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as caught:
        main(["dossier", "export", "1"])
    assert caught.value.code == 2
    assert "arguments obligatoires manquants" in capsys.readouterr().err


def test_export_to_an_unwritable_place_fails_cleanly(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "dossier", "import", str(EXAMPLES / "site-commune.json"))
    code, _, err = run(capsys, "--data-dir", data, "dossier", "export", "1", "-o", str(tmp_path / "absent" / "x.json"))
    assert code == 1 and "Impossible d'écrire" in err


def test_cases_list_open_and_training_reset(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "data")
    code, out, _ = run(capsys, "cases", "list", "--format", "json")
    cases = json.loads(out)
    assert code == 0 and len(cases) >= 12
    name = cases[0]["name"]
    code, out, _ = run(capsys, "--data-dir", data, "cases", "open", name)
    assert code == 0 and "données de formation" in out
    code, out, _ = run(capsys, "--data-dir", data, "--training", "dossier", "list", "--format", "json")
    assert len(json.loads(out)) == 1
    code, out, _ = run(capsys, "--data-dir", data, "dossier", "list", "--format", "json")
    assert json.loads(out) == []  # never mixed with real dossiers
    code, _, err = run(capsys, "--data-dir", data, "training", "reset")
    assert code == 2 and "--yes" in err
    code, _, _ = run(capsys, "--data-dir", data, "training", "reset", "--yes")
    assert code == 0
    code, out, _ = run(capsys, "--data-dir", data, "--training", "dossier", "list", "--format", "json")
    assert json.loads(out) == []
    code, _, err = run(capsys, "--data-dir", data, "cases", "open", "inconnu")
    assert code == 2 and "Aucun cas nommé" in err


def test_print_config_says_what_is_in_force_and_where_from(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "--print-config")
    assert code == 0
    assert "Réglages en vigueur" in out and "origine" in out and "training" in out


def test_a_note_from_the_training_data_carries_the_watermark(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "cases", "open", "tchap-services-deconcentres")
    out = tmp_path / "note.pdf"
    code, _, err = run(capsys, "--data-dir", data, "--training", "report", "1", "-o", str(out))
    assert code == 0, err
    assert "FORMATION" in PdfReader(out).pages[0].extract_text()


def test_clauses_of_a_file_and_of_a_stored_dossier(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = str(EXAMPLES / "messagerie-operateur.json")
    code, out, _ = run(capsys, "clauses", source, "--format", "json")
    assert code == 0
    clauses = json.loads(out)
    assert {c["id"] for c in clauses} >= {"interoperability_proconnect", "reversibility_exit"}
    assert all(c["reasons"] and c["sources"] and c["section"] in ("cctp", "ccap") for c in clauses)
    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "dossier", "import", source)
    code, out, _ = run(capsys, "--data-dir", data, "clauses", "1")
    assert code == 0 and "== CCTP ==" in out and "Pourquoi\u00a0:" in out
    code, _, err = run(capsys, "clauses", str(tmp_path / "absent.json"))
    assert code == 2 and err.strip()


def test_report_picks_the_odt_format_from_the_extension(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "note.odt"
    code, _, _ = run(capsys, "report", str(EXAMPLES / "visio-prefecture.json"), "-o", str(out))
    assert code == 0
    assert zipfile.ZipFile(out).read("mimetype") == b"application/vnd.oasis.opendocument.text"


def test_clauses_alone_as_an_odt(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from odfdo import Document

    out = tmp_path / "clauses.odt"
    code, _, err = run(capsys, "clauses", str(EXAMPLES / "messagerie-operateur.json"), "--format", "odt")
    assert code == 2 and "-o" in err
    code, _, _ = run(capsys, "clauses", str(EXAMPLES / "messagerie-operateur.json"), "--format", "odt", "-o", str(out))
    assert code == 0
    headings = [h.text_recursive for h in Document(out).body.headers]
    assert any("Interopérabilité avec ProConnect" in h for h in headings)
