"""``assistant rules keygen|pack|verify|install|history|rollback`` on real packages built by the command line;
every refusal exits 2 with one French sentence and leaves the data folder byte-identical."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from assistant.cli import main
from assistant.rulebook.package import SIGNATURE_NAME
from tests.rulebook.packages import members, rules_copy, signed_zip, snapshot, write_zip

CASE = Path(__file__).resolve().parents[1] / "resources" / "cases" / "visio-depart-justifie.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def station(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A workstation: a publisher's key pair made with ``rules keygen``, trusted by the site's ``site.toml``."""
    code, _, err = run(capsys, "rules", "keygen", "-o", str(tmp_path / "cles" / "ministere"))
    assert code == 2 and "inexistant" in err
    (tmp_path / "cles").mkdir()
    code, out, _ = run(capsys, "rules", "keygen", "-o", str(tmp_path / "cles" / "ministere"))
    assert code == 0 and "identifiant" in out
    config = tmp_path / "etc" / "assistant-achat-numerique"
    config.mkdir(parents=True)
    (config / "site.toml").write_text(f'trusted_keys = ["{tmp_path / "cles" / "ministere.pub"}"]\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc"))
    return tmp_path


def packed(capsys: pytest.CaptureFixture[str], base: Path, version: str, *, no_publicity: int | None = None) -> Path:
    folder = rules_copy(base / f"regles-{version}", version, no_publicity=no_publicity)
    target = base / f"doctrine-{version}.regles"
    code, out, err = run(capsys, "rules", "pack", str(folder), "-o", str(target), "--key",
                         str(base / "cles" / "ministere.key"), "--publisher", "Ministère des tests")
    assert code == 0, err
    assert "signées par" in out
    return target


def with_dossiers(capsys: pytest.CaptureFixture[str], base: Path, amounts: tuple[int, ...]) -> str:
    data = str(base / "données")
    case = json.loads(CASE.read_text(encoding="utf-8"))
    for amount in amounts:
        case["facts"]["procurement.estimated_amount_eur_ht"] = amount
        case["title"] = f"Visio {amount}"
        file = base / f"visio-{amount}.json"
        file.write_text(json.dumps(case), encoding="utf-8")
        code, _, err = run(capsys, "--data-dir", data, "dossier", "import", str(file))
        assert code == 0, err
    return data


def test_round_trip(station: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--print-config")
    assert "trusted_keys = " + str(station / "cles" / "ministere.pub") in out
    package = packed(capsys, station, "2099.1", no_publicity=25000)
    code, out, _ = run(capsys, "rules", "verify", str(package))
    assert code == 0
    assert "Ministère des tests" in out and "version 2099.1" in out and "sha256:" in out
    data = with_dossiers(capsys, station, (20000, 30000, 45000))

    before = snapshot(Path(data))
    code, out, _ = run(capsys, "--data-dir", data, "rules", "install", str(package), "--dry-run")
    assert code == 0
    assert "3 dossier(s) réévalué(s)\u00a0: 2 dont les conclusions changent." in out
    assert out.index("Procédure\u00a0: 2 dossier(s)") < out.index("Dossier 2 «\u00a0Visio 30000\u00a0»")
    assert "rien n'a été installé" in out
    assert snapshot(Path(data)) == before

    code, _, err = run(capsys, "--data-dir", data, "rules", "install", str(package))
    assert code == 2 and "--yes" in err and snapshot(Path(data)) == before
    code, out, _ = run(capsys, "--data-dir", data, "rules", "install", str(package), "--yes")
    assert code == 0 and "installées et en vigueur" in out
    code, out, _ = run(capsys, "--data-dir", data, "rules", "show")
    assert "version 2099.1" in out and "Ministère des tests" in out
    code, out, _ = run(capsys, "--data-dir", data, "rules", "install", str(package))
    assert code == 0 and "déjà en vigueur" in out

    note = station / "note.pdf"
    code, _, err = run(capsys, "--data-dir", data, "report", "2", "-o", str(note))
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(note).pages)
    assert "2099.1" in text

    code, out, _ = run(capsys, "--data-dir", data, "rules", "history")
    assert code == 0 and "Installation de la version 2099.1" in out and "Ministère des tests" in out
    code, out, _ = run(capsys, "--data-dir", data, "rules", "rollback")
    assert code == 0 and "2099.1" not in out
    code, out, err = run(capsys, "--data-dir", data, "rules", "rollback")
    assert code == 2 and "déjà en vigueur" in err
    code, out, _ = run(capsys, "--data-dir", data, "rules", "rollback", "2099.1")
    assert code == 0 and "version 2099.1" in out


def _flip(package: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo("rules/parameters.yaml")
    data = bytearray(package.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + 20] ^= 0x40
    package.write_bytes(bytes(data))
    return package


def _truncate(package: Path) -> Path:
    package.write_bytes(package.read_bytes()[:-200])
    return package


def _slip(package: Path) -> Path:
    return write_zip(package, {"rules/../../../evil.yaml": b"x"} | members(package))


def _link(package: Path) -> Path:
    return write_zip(package, members(package) | {"rules/lien.yaml": b"../../etc"}, links=("rules/lien.yaml",))


def _bomb(package: Path) -> Path:
    return write_zip(package, members(package) | {"rules/tests/bombe.yaml": b" " * (25 * 1024 * 1024)})


def _invalid(package: Path) -> Path:
    entries = {n: d for n, d in members(package).items() if n != SIGNATURE_NAME}
    entries["rules/rulebook.yaml"] = b"format: rulebook/1\nid: doctrine-etat\n"
    return signed_zip(package, entries, package.parent / "cles" / "ministere.key")


def _unknown_key(package: Path) -> Path:
    from tests.rulebook.packages import make_keys

    private, _ = make_keys(package.parent / "pirate", "pirate")
    entries = {n: d for n, d in members(package).items() if n != SIGNATURE_NAME}
    return signed_zip(package, entries, private)


@pytest.mark.parametrize(("spoil", "words"), [
    (_flip, "altéré"), (_truncate, "tronqué"), (_slip, "sort de son dossier"), (_link, "lien symbolique"),
    (_bomb, "20 Mo"), (_invalid, "invalide"), (_unknown_key, "clé inconnue"),
])
def test_refusals_change_nothing(station: Path, capsys: pytest.CaptureFixture[str],
                                 spoil: Callable[[Path], Path], words: str) -> None:
    data = with_dossiers(capsys, station, (45000,))
    package = spoil(packed(capsys, station, "2099.1"))
    before = snapshot(Path(data))
    for action in (("verify",), ("install", "--yes"), ("install", "--dry-run")):
        code, out, err = run(capsys, "--data-dir", data, "rules", action[0], str(package), *action[1:])
        assert code == 2, (action, out, err)
        assert words in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    assert snapshot(Path(data)) == before


def test_downgrade_refused_then_allowed(station: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = with_dossiers(capsys, station, (45000,))
    code, _, err = run(capsys, "--data-dir", data, "rules", "install", str(packed(capsys, station, "2099.2")), "--yes")
    assert code == 0, err
    older = packed(capsys, station, "2099.1")
    before = snapshot(Path(data))
    code, _, err = run(capsys, "--data-dir", data, "rules", "install", str(older), "--yes")
    assert code == 2 and "plus ancienne" in err and "--allow-downgrade" in err
    assert snapshot(Path(data)) == before
    code, _, err = run(capsys, "--data-dir", data, "rules", "install", str(older), "--yes", "--allow-downgrade")
    assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", data, "rules", "history")
    assert out.count("Installation") == 2
