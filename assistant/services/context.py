"""The application's services bundle: paths, database, repository and rulebook, opened together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.paths import AppPaths, rules_dir
from assistant.rulebook import Rulebook, load_rulebook
from assistant.storage import Database, Repository, open_database


@dataclass
class AppContext:
    """What every use case needs; built once by the composition root or the command line."""

    paths: AppPaths
    database: Database
    repository: Repository
    rulebook: Rulebook
    training: bool = False
    organisation: str = ""
    settings: dict[str, object] = field(default_factory=dict)

    def close(self) -> None:
        self.database.close()


def load_bundled_rulebook(directory: Path | None = None) -> Rulebook:
    """Load (and validate) the rulebook; raises ``RulebookError`` with every problem."""
    return load_rulebook(directory or rules_dir())


def open_context(paths: AppPaths, *, rulebook: Rulebook | None = None, training: bool = False) -> AppContext:
    """Open the data folder's database (migrating it) and the rulebook."""
    book = rulebook or load_bundled_rulebook()
    paths.ensure()
    database = open_database(paths.database, paths.backups_dir)
    return AppContext(paths, database, Repository(database.sessions), book, training)
