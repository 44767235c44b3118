"""Where things are: the user's data folder and the bundled rules and resources.

This is the one module that knows the three layouts the application runs from:
- a source checkout, where ``rules/`` and ``resources/`` sit beside the ``assistant`` package;
- an installed wheel, where they ship inside the package as ``assistant/_rules`` and ``assistant/_resources``;
- a frozen bundle (PyInstaller), where they sit under ``sys._MEIPASS/assistant``.
Nothing here is a module global: ``AppPaths`` is built once by the composition root and passed in.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from assistant import APP_NAME

DATABASE_NAME = "dossiers.sqlite3"
TRAINING_FOLDER = "formation"
INSTALLED_RULES_FOLDER = "regles"


def _package_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "assistant"
    return Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    package = _package_dir()
    source_layout = package.parent / name
    if (package.parent / "pyproject.toml").is_file() and source_layout.is_dir():
        return source_layout
    return package / f"_{name}"


def resources_dir() -> Path:
    """The folder of fonts, vademecum pages, icons and training cases."""
    return _bundled("resources")


def rules_dir() -> Path:
    """The folder of the bundled rulebook."""
    return _bundled("rules")


def migrations_dir() -> Path:
    """The Alembic scripts, shipped as data files inside the storage package."""
    return _package_dir() / "storage" / "migrations"


def default_data_dir() -> Path:
    """The platform's user data folder (``~/.local/share/assistant-achat-numerique`` on Linux)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class AppPaths:
    """The user's data folder and what lives in it."""

    data_dir: Path
    rules_home: Path | None = None
    """Where installed rulebooks live when not in ``data_dir`` (the training folder uses its parent's)."""

    @classmethod
    def from_option(cls, data_dir: str | Path | None) -> AppPaths:
        """Build from ``--data-dir`` when given, else from the platform's default."""
        folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
        return cls(folder.resolve())

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "sauvegardes"

    @property
    def installed_rules_dir(self) -> Path:
        """Signed rulebooks installed with ``assistant rules install`` and their ``installed.json``."""
        return self.rules_home or self.data_dir / INSTALLED_RULES_FOLDER

    @property
    def lock_file(self) -> Path:
        return self.data_dir / ".verrou"

    def training(self) -> AppPaths:
        """The separate folder used by the training mode, never mixed with real dossiers."""
        return AppPaths(self.data_dir / TRAINING_FOLDER, self.installed_rules_dir)

    def ensure(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
