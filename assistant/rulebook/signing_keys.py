"""Ed25519 key pairs of rule publishers: write them (``rules keygen``), read them, name them by a key id.

Keys are PEM files, readable by ``openssl pkey``: the private key in PKCS#8 (mode 0600), the public key in
SubjectPublicKeyInfo. The key id is the first 16 hexadecimal digits of the SHA-256 of the raw public key.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import cast

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from assistant.domain.messages import EXIT_USAGE, UserError, french_os_error


class PackageError(UserError):
    """A key or package refused: its message is one French sentence; exit status 2, nothing installed."""

    status = EXIT_USAGE


def key_id(public: Ed25519PublicKey) -> str:
    """The first 16 hexadecimal digits of the SHA-256 of the raw public key."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def write_key_pair(stem: Path) -> tuple[Path, Path, str]:
    """Write ``STEM.key`` (PEM PKCS#8, mode 0600) and ``STEM.pub`` (PEM); refuse to overwrite either."""
    private_path, public_path = stem.with_name(stem.name + ".key"), stem.with_name(stem.name + ".pub")
    for path in (private_path, public_path):
        if path.exists():
            raise PackageError(f"Le fichier {path} existe déjà ; choisissez un autre nom, rien n'a été écrit.")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    try:
        descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(descriptor, private_pem)
        finally:
            os.close(descriptor)
        public_path.write_bytes(public_pem)
    except OSError as exc:
        raise PackageError(f"Impossible d'écrire la paire de clés {stem} ({french_os_error(exc)}).") from exc
    return private_path, public_path, key_id(key.public_key())


def _read_key(path: Path, kind: str, load: Callable[[bytes], object], wanted: type) -> object:
    """A PEM key file of type ``wanted``; every failure is one French sentence naming the file."""
    try:
        key = load(path.read_bytes())
    except OSError as exc:
        raise PackageError(f"La clé {kind} {path} est illisible ({french_os_error(exc)}).") from exc
    except (ValueError, TypeError) as exc:
        raise PackageError(f"Le fichier {path} n'est pas une clé {kind} Ed25519 au format PEM.") from exc
    if not isinstance(key, wanted):
        raise PackageError(f"Le fichier {path} n'est pas une clé {kind} Ed25519.")
    return key


def read_private_key(path: Path) -> Ed25519PrivateKey:
    return cast(Ed25519PrivateKey, _read_key(
        path, "privée", lambda data: serialization.load_pem_private_key(data, password=None), Ed25519PrivateKey))


def read_public_key(path: Path) -> Ed25519PublicKey:
    return cast(Ed25519PublicKey, _read_key(path, "publique", serialization.load_pem_public_key, Ed25519PublicKey))


def trusted_keys(files: list[Path]) -> dict[str, tuple[Ed25519PublicKey, Path]]:
    """Key id → (key, file) for every readable public key among ``files`` (unreadable ones are skipped)."""
    keys: dict[str, tuple[Ed25519PublicKey, Path]] = {}
    for file in files:
        try:
            key = read_public_key(file)
        except PackageError:
            continue
        keys.setdefault(key_id(key), (key, file))
    return keys
