"""Helpers for tests of signed rule packages: keys, rulebook copies with another version, raw zips."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

from assistant.paths import rules_dir
from assistant.rulebook.package import FORMAT, SIGNATURE_NAME, key_id, read_private_key, write_key_pair


def make_keys(folder: Path, name: str = "ministere") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    private, public, _ = write_key_pair(folder / name)
    return private, public


def rules_copy(target: Path, version: str, *, no_publicity: int | None = None) -> Path:
    """A copy of the bundled rulebook with ``version``, and optionally another no-publicity threshold."""
    shutil.copytree(rules_dir(), target)
    index = target / "rulebook.yaml"
    index.write_text(re.sub(r'version: "[^"]*"', f'version: "{version}"', index.read_text(encoding="utf-8")),
                     encoding="utf-8")
    if no_publicity is not None:
        params = target / "parameters.yaml"
        text = params.read_text(encoding="utf-8")
        text = text.replace('{from: "2026-04-01", value: 60000,', f'{{from: "2026-04-01", value: {no_publicity},')
        params.write_text(text, encoding="utf-8")
    return target


def members(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(target: Path, entries: dict[str, bytes], *, links: tuple[str, ...] = ()) -> Path:
    """A zip with these entries (no check at all); names in ``links`` are stored as symbolic links."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.create_system = 3
                info.external_attr = (0o120777 << 16)
            archive.writestr(info, data)
    return target


def signed_zip(target: Path, entries: dict[str, bytes], private_key: Path, *, rulebook: str = "doctrine-etat",
               version: str = "2099.1", digest: str = "sha256:0") -> Path:
    """A package whose signature is valid over whatever ``entries`` hold (even an invalid rulebook)."""
    key = read_private_key(private_key)
    statement = {"format": FORMAT, "rulebook": rulebook, "version": version, "digest": digest,
                 "publisher": "Test", "key_id": key_id(key.public_key()), "signed": "2026-12-01",
                 "files": {n: hashlib.sha256(d).hexdigest() for n, d in sorted(entries.items())}}
    canonical = json.dumps(statement, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    signature = base64.b64encode(key.sign(canonical)).decode("ascii")
    document = json.dumps(statement | {"signature": signature}).encode("utf-8")
    return write_zip(target, entries | {SIGNATURE_NAME: document})


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under ``folder``: equal snapshots mean nothing changed."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}
