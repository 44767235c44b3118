"""Signed rulebook packages (``.regles``): make keys, pack and sign a rules folder, unpack and verify one.

A package is a zip holding ``rules/`` (the rulebook's YAML files) and ``signature.json``. The signature is
Ed25519 (library ``cryptography``) over the canonical JSON of a statement that names the rulebook (id,
version, canonical digest from ``loader.digest_of``), the publisher, the key id and the SHA-256 of every
file of the package: nothing in the package can change without breaking it.

Unpacking is careful: no absolute path, no ``..``, no link, at most ``MAX_ENTRIES`` entries and
``MAX_UNPACKED_BYTES`` unpacked (declared sizes and bytes actually read are both checked), CRC errors and
truncation caught. Every refusal is a ``PackageError``: one French sentence, exit status 2.
"""

from __future__ import annotations

import base64
import hashlib
import json
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from assistant.domain.messages import french_os_error
from assistant.rulebook.loader import check_rulebook, load_rulebook
from assistant.rulebook.model import Rulebook, RulebookError
from assistant.rulebook.signing_keys import (
    PackageError,
    key_id,
    read_private_key,
    read_public_key,
    trusted_keys,
    write_key_pair,
)

FORMAT = "assistant-regles/1"
SUFFIX = ".regles"
SIGNATURE_NAME = "signature.json"
RULES_FOLDER = "rules"
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 500
_CHUNK = 64 * 1024
__all__ = ["PackageError", "VerifiedPackage", "key_id", "open_package", "pack", "read_private_key",
           "read_public_key", "trusted_keys", "write_key_pair"]


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _rule_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    for path in files:
        if path.is_symlink():
            raise PackageError(f"Le dossier {folder} contient un lien ({path}) : un paquet n'en contient jamais.")
    return files


def pack(folder: Path, output: Path, private_key: Path, publisher: str, signed_on: str) -> dict[str, Any]:
    """Check ``folder`` (a rulebook), then write the signed package ``output`` atomically; returns the
    signed statement."""
    problems = [p for p in check_rulebook(folder) if p.severity == "error"]
    if problems:
        raise PackageError(
            f"Le référentiel {folder} est invalide ({len(problems)} problème(s)) : {problems[0]} ; "
            f"lancez « assistant rules check {folder} » pour la liste complète.")
    key = read_private_key(private_key)
    book = load_rulebook(folder)
    members = {f"{RULES_FOLDER}/{p.relative_to(folder).as_posix()}": p.read_bytes() for p in _rule_files(folder)}
    statement: dict[str, Any] = {
        "format": FORMAT,
        "rulebook": book.id,
        "version": book.version,
        "digest": book.digest,
        "publisher": publisher,
        "key_id": key_id(key.public_key()),
        "signed": signed_on,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(members.items())},
    }
    signature = base64.b64encode(key.sign(_canonical(statement))).decode("ascii")
    document = json.dumps(statement | {"signature": signature}, ensure_ascii=False, indent=2, sort_keys=True)
    partial = output.with_name(output.name + ".partiel")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in sorted(members.items()):
                archive.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), data,
                                 zipfile.ZIP_DEFLATED)
            archive.writestr(zipfile.ZipInfo(SIGNATURE_NAME, date_time=(2000, 1, 1, 0, 0, 0)),
                             document.encode("utf-8"), zipfile.ZIP_DEFLATED)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PackageError(f"Impossible d'écrire le paquet {output} ({french_os_error(exc)}).") from exc
    return statement


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose signature, content and rulebook were all checked, unpacked in ``folder``."""

    source: Path
    folder: Path
    rulebook: Rulebook
    publisher: str
    key_id: str
    key_file: Path
    signed: str

    @property
    def rules_dir(self) -> Path:
        return self.folder / RULES_FOLDER


def _entry_name(info: zipfile.ZipInfo, source: Path) -> PurePosixPath:
    name = info.filename
    where = f"Le paquet {source} contient l'entrée « {name} »"
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise PackageError(f"{where}, un chemin absolu : il est refusé.")
    path = PurePosixPath(name)
    if any(part in ("..", "") for part in name.rstrip("/").split("/")):
        raise PackageError(f"{where}, qui sort de son dossier : il est refusé.")
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        raise PackageError(f"{where}, un lien symbolique : il est refusé.")
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise PackageError(f"{where}, qui n'est pas un fichier ordinaire : il est refusé.")
    if name != SIGNATURE_NAME and path.parts[0] != RULES_FOLDER:
        raise PackageError(f"{where}, hors du dossier « {RULES_FOLDER}/ » : il est refusé.")
    return path


def _too_big(source: Path) -> PackageError:
    return PackageError(f"Le paquet {source} dépasse {MAX_UNPACKED_BYTES // (1024 * 1024)} Mo une fois décompressé : "
                        "il est refusé.")


def _extract(archive: zipfile.ZipFile, source: Path, target: Path) -> dict[str, str]:
    """Unpack every entry under ``target``; returns name → SHA-256 of each file."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PackageError(f"Le paquet {source} contient {len(infos)} entrées (au plus {MAX_ENTRIES}) : il est refusé.")
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise _too_big(source)
    hashes: dict[str, str] = {}
    total = 0
    for info in infos:
        path = _entry_name(info, source)
        if info.is_dir():
            continue
        if info.filename in hashes:
            raise PackageError(f"Le paquet {source} contient deux fois l'entrée « {info.filename} » : il est refusé.")
        destination = target.joinpath(*path.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with archive.open(info) as stream, destination.open("xb") as out:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > info.file_size or total > MAX_UNPACKED_BYTES:
                    raise _too_big(source)
                digest.update(chunk)
                out.write(chunk)
        hashes[info.filename] = digest.hexdigest()
    return hashes


def _statement(target: Path, source: Path) -> dict[str, Any]:
    file = target / SIGNATURE_NAME
    if not file.is_file():
        raise PackageError(f"Le paquet {source} n'a pas de signature ({SIGNATURE_NAME}) : il est refusé.")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackageError(f"La signature du paquet {source} est illisible : il est refusé.") from exc
    fields = ("format", "rulebook", "version", "digest", "publisher", "key_id", "signed", "signature")
    if not isinstance(data, dict) or any(not isinstance(data.get(k), str) for k in fields) or not isinstance(
            data.get("files"), dict):
        raise PackageError(f"La signature du paquet {source} est incomplète : il est refusé.")
    if data["format"] != FORMAT:
        raise PackageError(f"Le paquet {source} est au format « {data['format']} », que cette version de "
                           f"l'application ne sait pas lire (format attendu : {FORMAT}).")
    return data


def _check_signature(data: dict[str, Any], hashes: dict[str, str], source: Path,
                     keys: dict[str, tuple[Ed25519PublicKey, Path]]) -> Path:
    trusted = keys.get(data["key_id"])
    if trusted is None:
        raise PackageError(f"Le paquet {source} est signé par « {data['publisher']} » avec une clé inconnue "
                           f"de ce poste (identifiant {data['key_id']}) : il est refusé.")
    statement = {k: v for k, v in data.items() if k != "signature"}
    try:
        trusted[0].verify(base64.b64decode(data["signature"], validate=True), _canonical(statement))
    except (InvalidSignature, ValueError) as exc:
        raise PackageError(f"La signature du paquet {source} n'est pas valide : le paquet a été modifié "
                           "après sa signature, il est refusé.") from exc
    listed = dict(data["files"])
    hashes = {k: v for k, v in hashes.items() if k != SIGNATURE_NAME}
    if listed != hashes:
        raise PackageError(f"Le contenu du paquet {source} ne correspond pas à sa signature : il est refusé.")
    return trusted[1]


@contextmanager
def open_package(source: Path, key_files: list[Path]) -> Iterator[VerifiedPackage]:
    """Unpack ``source`` into a temporary folder and verify everything; yield the verified package.

    The temporary folder is removed when the ``with`` block ends. Raises ``PackageError``.
    """
    if not source.is_file():
        raise PackageError(f"Le paquet {source} est introuvable.")
    with TemporaryDirectory(prefix="assistant-regles-") as temp:
        target = Path(temp)
        try:
            with zipfile.ZipFile(source) as archive:
                hashes = _extract(archive, source, target)
        except PackageError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, KeyError,
                UnicodeDecodeError) as exc:
            raise PackageError(f"Le paquet {source} est altéré ou tronqué (archive illisible) : il est refusé."
                               ) from exc
        except OSError as exc:
            raise PackageError(f"Le paquet {source} est illisible ({french_os_error(exc)}).") from exc
        data = _statement(target, source)
        key_file = _check_signature(data, hashes, source, trusted_keys(key_files))
        try:
            book = load_rulebook(target / RULES_FOLDER)
        except RulebookError as exc:
            raise PackageError(f"Le référentiel du paquet {source} est invalide ({len(exc.problems)} problème(s)) : "
                               f"{exc.problems[0]} ; il est refusé.") from exc
        if (book.id, book.version, book.digest) != (data["rulebook"], data["version"], data["digest"]):
            raise PackageError(f"Le référentiel du paquet {source} ne correspond pas à sa signature : il est refusé.")
        yield VerifiedPackage(source, target, book, data["publisher"], data["key_id"], key_file, data["signed"])
