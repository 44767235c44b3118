"""``assistant dossier migrate --to URL``: the report in French, a second run copying nothing, and one French
sentence with exit 2 for a target that cannot be used (nothing changed)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import create_engine, text

from assistant.cli import main
from assistant.cmd_team import summary_lines
from assistant.services.team_migration import MigrationResult
from assistant.storage.transfer import TransferReport
from tests.conftest import EXAMPLES, example_files


def _run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_migrate_reports_in_french_and_copies_once(tmp_path: Path, pg_url, capsys) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "poste")
    files = [str(path) for path in example_files()]
    assert _run(capsys, "--data-dir", data, "dossier", "import", *files)[0] == 0
    count = len(files)
    database = tmp_path / "poste" / "dossiers.sqlite3"
    before = hashlib.sha256(database.read_bytes()).hexdigest()

    code, out, err = _run(capsys, "--data-dir", data, "dossier", "migrate", "--to", pg_url)
    assert code == 0 and err == ""
    shown = pg_url.split("?")[0]
    assert out.startswith(f"{count} dossiers copiés dans la base partagée {shown}")
    assert f"0 déjà présent (non modifié), {2 * count} événements du journal copiés.\n" in out

    code, out, _ = _run(capsys, "--data-dir", data, "dossier", "migrate", "--to", pg_url)
    assert code == 0
    assert out.startswith("0 dossier copié dans la base partagée")
    assert f"{count} déjà présents (non modifiés), 0 événement du journal copié." in out
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before

    code, out, _ = _run(capsys, "--data-dir", str(tmp_path / "autre"), "--database-url", pg_url, "dossier", "list")
    assert code == 0 and len(out.splitlines()) == count


def test_unusable_targets_give_one_sentence_and_exit_2(tmp_path: Path, pg_url, capsys) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "poste")
    assert _run(capsys, "--data-dir", data, "dossier", "import", str(EXAMPLES / "visio-prefecture.json"))[0] == 0
    assert _run(capsys, "--data-dir", str(tmp_path / "autre"), "--database-url", pg_url, "dossier", "list")[0] == 0
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_futur'"))
    engine.dispose()
    for url, words in ((pg_url, "version plus récente"),
                       (f"postgresql+psycopg://personne@/rien?host={tmp_path}&port=5432", "ne répond pas"),
                       ("postgresql+psycopg://achat:secret@srv/achats", "mot de passe")):
        code, out, err = _run(capsys, "--data-dir", data, "dossier", "migrate", "--to", url)
        assert (code, out) == (2, "")
        assert words in err and len(err.strip().splitlines()) == 1
        assert "Traceback" not in err and "secret" not in err
    code, _, err = _run(capsys, "--data-dir", str(tmp_path / "vide"), "dossier", "migrate", "--to", pg_url)
    assert code == 2 and "rien n'a été copié" in err
    code, _, err = _run(capsys, "--data-dir", data, "--training", "dossier", "migrate", "--to", pg_url)
    assert code == 2 and "mode formation" in err and "Traceback" not in err
    assert not (tmp_path / "vide").exists()


def test_the_report_agrees_in_number_and_names_each_conflict() -> None:
    lines = summary_lines(MigrationResult(TransferReport(1, 1, 1, ["Messagerie"], 1), "postgresql+psycopg://srv/achats"))
    assert lines[0] == ("1 dossier copié dans la base partagée postgresql+psycopg://srv/achats (dont 1 dans la "
                        "corbeille), 1 déjà présent (non modifié), 1 événement du journal copié.")
    assert lines[1].startswith("1 dossier déjà présent a été modifié sur ce poste depuis sa copie")
    assert lines[2] == "  Conflit\u00a0: «\u00a0Messagerie\u00a0»"
    many = summary_lines(MigrationResult(TransferReport(12, 0, 3, ["A", "B"], 148), "u"))
    assert many[0] == ("12 dossiers copiés dans la base partagée u, 3 déjà présents (non modifiés), "
                       "148 événements du journal copiés.")
    assert many[1].startswith("2 dossiers déjà présents ont été modifiés") and len(many) == 4


def test_progress_is_printed_past_a_thousand_dossiers_about_once_a_tenth() -> None:
    import io

    from assistant.cmd_team import PROGRESS_FROM, _Progress

    small, large = io.StringIO(), io.StringIO()
    for done in range(100, 901, 100):
        _Progress(small)(done, 900)
    progress = _Progress(large)
    total = PROGRESS_FROM * 5
    for done in range(500, total + 1, 500):
        progress(done, total)
    assert small.getvalue() == ""
    lines = large.getvalue().splitlines()
    assert lines[0] == f"Copie dans la base partagée\u00a0: 500/{total} dossiers" and len(lines) == 10
