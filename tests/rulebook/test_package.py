"""Signed rule packages: keys, pack, verify, and every way a package is refused while unpacking."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from assistant.rulebook import load_rulebook
from assistant.rulebook.package import (
    MAX_ENTRIES,
    SIGNATURE_NAME,
    PackageError,
    open_package,
    pack,
    write_key_pair,
)
from tests.rulebook.packages import make_keys, members, rules_copy, signed_zip, write_zip


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return make_keys(tmp_path / "cles")


@pytest.fixture
def package(tmp_path: Path, keys: tuple[Path, Path]) -> Path:
    folder = rules_copy(tmp_path / "regles-2099", "2099.1")
    target = tmp_path / "maj.regles"
    pack(folder, target, keys[0], "Ministère des tests", "2026-12-01")
    return target


def test_keygen_writes_a_private_key_for_its_owner_only(tmp_path: Path) -> None:
    private, public, ident = write_key_pair(tmp_path / "editeur")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert public.read_text(encoding="ascii").startswith("-----BEGIN PUBLIC KEY-----")
    assert len(ident) == 16
    with pytest.raises(PackageError, match="existe déjà"):
        write_key_pair(tmp_path / "editeur")


def test_a_good_package_verifies_with_its_signer_version_and_digest(package: Path, keys: tuple[Path, Path],
                                                                  tmp_path: Path) -> None:
    expected = load_rulebook(tmp_path / "regles-2099")
    with open_package(package, [keys[1]]) as verified:
        assert verified.publisher == "Ministère des tests"
        assert verified.rulebook.version == "2099.1"
        assert verified.rulebook.digest == expected.digest
        assert verified.key_file == keys[1]
        unpacked = verified.folder
        assert (verified.rules_dir / "rulebook.yaml").is_file()
    assert not unpacked.exists()  # the temporary folder is gone


def test_pack_refuses_an_invalid_rulebook(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    folder = rules_copy(tmp_path / "casse", "2099.1")
    (folder / "procedure.yaml").write_text("stage: [", encoding="utf-8")
    with pytest.raises(PackageError, match="invalide"):
        pack(folder, tmp_path / "x.regles", keys[0], "X", "2026-12-01")
    assert not (tmp_path / "x.regles").exists()


def refused(package: Path, keys: list[Path], pattern: str) -> str:
    with pytest.raises(PackageError, match=pattern) as caught, open_package(package, keys):
        pass
    assert caught.value.status == 2
    return str(caught.value)


def test_unknown_key(package: Path, tmp_path: Path) -> None:
    _, other = make_keys(tmp_path / "autres", "inconnu")
    refused(package, [other], "clé inconnue")


def test_flipped_byte_in_the_data(package: Path, keys: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo("rules/procedure.yaml")
    data = bytearray(package.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + 10] ^= 0x01  # inside the compressed bytes
    package.write_bytes(bytes(data))
    refused(package, [keys[1]], "altéré ou tronqué")


def test_truncated_file(package: Path, keys: tuple[Path, Path]) -> None:
    package.write_bytes(package.read_bytes()[: package.stat().st_size // 2])
    refused(package, [keys[1]], "altéré ou tronqué")


def test_content_changed_and_signature_kept(package: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    entries = members(package)
    entries["rules/parameters.yaml"] = entries["rules/parameters.yaml"].replace(b"60000", b"90000")
    refused(write_zip(tmp_path / "modifie.regles", entries), [keys[1]], "ne correspond pas à sa signature")


def test_signed_statement_changed(package: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    entries = members(package)
    entries[SIGNATURE_NAME] = entries[SIGNATURE_NAME].replace("Ministère des tests".encode(), b"Quelqu'un d'autre")
    refused(write_zip(tmp_path / "signature.regles", entries), [keys[1]], "signature du paquet .* n'est pas valide")


def test_path_outside_its_folder(package: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    entries = {"rules/../../evil.yaml": b"x"} | members(package)
    message = refused(write_zip(tmp_path / "slip.regles", entries), [keys[1]], "sort de son dossier")
    assert "rules/../../evil.yaml" in message
    assert not (tmp_path / "evil.yaml").exists()


def test_absolute_path(package: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    entries = {"/tmp/evil.yaml": b"x"} | members(package)
    refused(write_zip(tmp_path / "abs.regles", entries), [keys[1]], "chemin absolu")


def test_symbolic_link(package: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    entries = members(package) | {"rules/lien.yaml": b"/etc/passwd"}
    refused(write_zip(tmp_path / "lien.regles", entries, links=("rules/lien.yaml",)), [keys[1]], "lien symbolique")


def test_zip_bomb(package: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    entries = members(package) | {"rules/bombe.yaml": b"\0" * (21 * 1024 * 1024)}
    bomb = write_zip(tmp_path / "bombe.regles", entries)
    assert bomb.stat().st_size < 1024 * 1024
    refused(bomb, [keys[1]], "dépasse 20 Mo")


def test_too_many_entries(package: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    entries = members(package) | {f"rules/tests/f{i}.yaml": b"a: 1\n" for i in range(MAX_ENTRIES)}
    refused(write_zip(tmp_path / "nombreux.regles", entries), [keys[1]], "entrées")


def test_entry_outside_rules(package: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    entries = members(package) | {"autre/lisez-moi.txt": b"x"}
    refused(write_zip(tmp_path / "autre.regles", entries), [keys[1]], "hors du dossier")


def test_invalid_rulebook_even_when_signed(package: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    entries = {n: d for n, d in members(package).items() if n != SIGNATURE_NAME}
    entries["rules/procedure.yaml"] = b"stage: procedure\nrules: 3\n"
    refused(signed_zip(tmp_path / "invalide.regles", entries, keys[0]), [keys[1]], "référentiel du paquet .* invalide")


def test_not_a_zip(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    fake = tmp_path / "faux.regles"
    fake.write_text("bonjour", encoding="utf-8")
    refused(fake, [keys[1]], "altéré ou tronqué")
    refused(tmp_path / "absent.regles", [keys[1]], "introuvable")
