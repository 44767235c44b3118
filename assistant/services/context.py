"""The application's services bundle: paths, database, repository, rulebook and site settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.domain.messages import UserError, folder_unusable, french_os_error
from assistant.paths import AppPaths, rules_dir
from assistant.rulebook import Rulebook, load_rulebook
from assistant.siteconfig import SiteConfig
from assistant.storage import Database, Repository
from assistant.storage.engines import daily_copy, open_store
from assistant.storage.server import ServerUnreachableError

__all__ = ["AppContext", "ServerUnreachableError", "open_context", "open_data_folder", "rulebook_for_site"]

DAILY_BACKUPS_KEPT = 7
"""How many daily copies of the database the data folder keeps in ``sauvegardes/``."""


@dataclass
class AppContext:
    """What every use case needs; built once by the composition root or the command line."""

    paths: AppPaths
    database: Database
    repository: Repository
    rulebook: Rulebook
    training: bool = False
    site: SiteConfig = field(default_factory=SiteConfig)

    @property
    def organisation(self) -> str:
        """The organisation the site configuration prints on notes (empty when none)."""
        return self.site.organisation or ""

    @property
    def logo(self) -> Path | None:
        return self.site.logo

    @property
    def training_offered(self) -> bool:
        return self.site.training

    @property
    def location(self) -> str:
        """Where the dossiers are, in the window's status bar: the data folder, or the shared base and the role."""
        if self.database.url:
            from assistant.storage.server import place

            return f"Base partagée {place(self.database.url)}, rôle «\u00a0{self.database.author}\u00a0»"
        return f"Données\u00a0: {self.paths.data_dir}"

    @property
    def warnings(self) -> list[str]:
        """French sentences the user should see on opening (read-only base, backup not made...)."""
        return self.database.warnings

    def close(self) -> None:
        self.database.close()


def load_bundled_rulebook(directory: Path | None = None) -> Rulebook:
    """Load (and validate) the rulebook: ``directory`` (a site's own) or the bundled one.

    Raises ``RulebookError`` with every problem.
    """
    return load_rulebook(directory or rules_dir())


def rulebook_for_site(site: SiteConfig, paths: AppPaths | None = None) -> Rulebook:
    """The rulebook in force for ``site``: the folder ``site.toml`` pins, else the signed rulebook installed
    in the data folder of ``paths`` (``assistant rules install``), else the bundled one; an invalid one
    becomes one ``UserError`` (exit 1)."""
    from assistant.rulebook import RulebookError

    if site.rulebook is None and paths is not None:
        from assistant.services.installed_rules import installed_rulebook

        installed = installed_rulebook(paths)
        if installed is not None:
            return installed
    directory = site.rulebook or rules_dir()
    try:
        return load_bundled_rulebook(directory)
    except RulebookError as exc:
        raise UserError(
            f"Le référentiel de règles {directory} est invalide ({len(exc.problems)} problème(s)) : "
            f"{exc.problems[0]}. Lancez « assistant rules check {directory} » pour la liste complète."
        ) from exc


def open_data_folder(
    paths: AppPaths, site: SiteConfig | None = None, *, rulebook: Rulebook | None = None, training: bool = False
) -> AppContext:
    """Open a data folder for the window or the command line: the one door that turns every failure
    (invalid rulebook, database too new or unreadable, folder unusable) into a ``UserError`` with its
    exit status."""
    site = site or SiteConfig()
    book = rulebook or rulebook_for_site(site, paths)
    try:
        return open_context(paths, rulebook=book, site=site, training=training)
    except UserError:
        raise
    except OSError as exc:
        raise folder_unusable(paths.data_dir, exc) from exc


def open_context(
    paths: AppPaths, *, rulebook: Rulebook | None = None, training: bool = False, site: SiteConfig | None = None
) -> AppContext:
    """Open the data folder's database (migrating it) and the rulebook."""
    site = site or SiteConfig()
    book = rulebook or load_bundled_rulebook(site.rulebook)
    paths.ensure()
    # the training data are the trainer's own: never the shared base (a demo must not reach the buyers' list)
    database = open_store(paths.database, paths.backups_dir, None if training else site.database_url)
    if not training and not database.read_only:
        try:
            daily_copy(database, paths.backups_dir, keep=DAILY_BACKUPS_KEPT)
        except Exception as exc:  # a backup that fails must never stop the work; it is said
            database.warnings.append(
                f"La sauvegarde du jour de la base n'a pas pu être faite dans {paths.backups_dir} "
                f"({french_os_error(exc) if isinstance(exc, OSError) else 'écriture refusée'}) ; "
                "elle sera retentée au prochain démarrage.")
    repository = Repository(database.sessions, database.file, read_only=database.read_only,
                            author=database.author)
    return AppContext(paths, database, repository, book, training, site)
