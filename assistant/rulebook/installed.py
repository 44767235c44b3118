"""Rulebooks installed in a data folder: ``regles/<version>-<digest12>/`` folders and ``installed.json``.

``installed.json`` holds which installed rulebook is in force (``current``: a folder name, or null for the
one shipped with the application) and the history of installs and roll-backs, each with who, when, from
which file, signed by whom, and the previous rulebook. Nothing is ever deleted; every write is atomic.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.domain.messages import UserError, french_os_error

STATE_NAME = "installed.json"
STATE_FORMAT = "assistant-regles-installees/1"
BUNDLED = "livré"
"""How the history names the rulebook shipped with the application."""


def folder_name(version: str, digest: str) -> str:
    """``<version>-<12 hex digits of the digest>``, with anything unsafe in a file name replaced."""
    safe = re.sub(r"[^0-9A-Za-z._-]", "_", version).strip(".") or "version"
    return f"{safe}-{digest.partition(':')[2][:12] or digest[:12]}"


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Order versions like ``2026.11`` < ``2026.12`` < ``2027.1``: numbers as numbers, words as words."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\-_ ]+", version.strip()) if p)


@dataclass
class InstallState:
    """The content of ``installed.json``."""

    current: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"format": STATE_FORMAT, "current": self.current, "history": self.history}


def read_state(folder: Path) -> InstallState:
    """The install state of ``folder`` (``<data>/regles``); an absent file is an empty state."""
    file = folder / STATE_NAME
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return InstallState()
    except OSError as exc:
        raise UserError(f"Le fichier {file} est illisible ({french_os_error(exc)}).") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise UserError(f"Le fichier {file} est abîmé (JSON invalide) ; corrigez-le ou restaurez-le.") from exc
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT or not isinstance(data.get("history"), list):
        raise UserError(f"Le fichier {file} n'est pas un historique de règles installées lisible.")
    current = data.get("current")
    return InstallState(current if isinstance(current, str) else None, list(data["history"]))


def write_state(folder: Path, state: InstallState) -> None:
    """Write ``installed.json`` atomically (temporary file, flush, rename)."""
    file = folder / STATE_NAME
    partial = folder / (STATE_NAME + ".partiel")
    text = json.dumps(state.to_dict(), ensure_ascii=False, indent=2) + "\n"
    try:
        with partial.open("w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        partial.replace(file)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(f"Impossible d'écrire {file} ({french_os_error(exc)}) ; rien n'a été changé.") from exc


def current_rules_dir(folder: Path) -> Path | None:
    """The ``rules/`` folder of the installed rulebook in force, or None (the shipped one is in force)."""
    state = read_state(folder)
    if state.current is None:
        return None
    return folder / state.current / "rules"


def folder_version(rules: Path) -> str | None:
    """The ``version`` of the rulebook folder ``rules`` (its ``rulebook.yaml`` only), or None if unreadable."""
    from assistant.rulebook.yamlsource import YamlError, load_yaml

    try:
        data = load_yaml(rules / "rulebook.yaml")
    except YamlError:
        return None
    return str(data["version"]) if isinstance(data, dict) and "version" in data else None


def superseded_by(state: InstallState, bundled: Path) -> str | None:
    """The version of the rulebook shipped in ``bundled`` when it is newer than the installed one in force
    and that one was not chosen on purpose (a roll-back, an install with ``--allow-downgrade``); else None.

    An application upgrade that ships newer rules thus puts them in force without deleting anything.
    """
    entry = entry_for(state, state.current)
    if entry is None or (state.history and state.history[-1].get("explicit")):
        return None
    version = folder_version(bundled)
    if version is None or version_key(version) <= version_key(str(entry.get("version", ""))):
        return None
    return version


def entry_for(state: InstallState, name: str | None) -> dict[str, Any] | None:
    """The latest install record of the folder ``name`` (signer, file...), or None."""
    for entry in reversed(state.history):
        if isinstance(entry, dict) and entry.get("folder") == name and entry.get("event") == "installation":
            return dict(entry)
    return None
