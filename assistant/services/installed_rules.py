"""Which rulebook is in force for a data folder, and where it came from.

Precedence: a ``rulebook`` folder pinned by ``site.toml`` wins (the packager decides for the whole
machine); else the signed rulebook installed in the data folder and chosen last (``rules install`` or
``rules rollback``); else the rulebook shipped with the application.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.domain.messages import UserError
from assistant.paths import AppPaths, rules_dir
from assistant.rulebook import Rulebook, RulebookError, load_rulebook
from assistant.rulebook.installed import entry_for, folder_name, read_state, superseded_by

if TYPE_CHECKING:
    from assistant.siteconfig import SiteConfig


def installed_rulebook(paths: AppPaths) -> Rulebook | None:
    """The installed rulebook in force in ``paths``' data folder, or None when none was chosen.

    An installed folder changed since its installation is refused (``UserError``), never used silently.
    """
    folder = paths.installed_rules_dir
    state = read_state(folder)
    if state.current is None or superseded_by(state, rules_dir()) is not None:
        return None
    directory = folder / state.current / "rules"
    advice = "« assistant rules rollback » revient au référentiel précédent."
    try:
        book = load_rulebook(directory)
    except RulebookError as exc:
        raise UserError(f"Le référentiel installé {directory} est invalide ({exc.problems[0]}) ; {advice}") from exc
    if folder_name(book.version, book.digest) != state.current:
        raise UserError(f"Le référentiel installé {directory} a été modifié depuis son installation ; {advice}")
    return book


def rulebook_origin(paths: AppPaths, site: SiteConfig) -> str:
    """One French sentence: where the rulebook in force comes from and, when installed, who signed it."""
    if site.rulebook is not None:
        return f"Référentiel imposé par la configuration du site (site.toml) : {site.rulebook}."
    try:
        state = read_state(paths.installed_rules_dir)
    except UserError as exc:
        return str(exc)
    entry = entry_for(state, state.current) if state.current else None
    if entry is None:
        return "Référentiel livré avec l'application."
    newer = superseded_by(state, rules_dir())
    if newer is not None:
        return (f"Référentiel livré avec l'application (version {newer}), plus récent que la version "
                f"{entry.get('version')} installée le {str(entry.get('at', ''))[:10]}.")
    return (f"Référentiel installé le {str(entry.get('at', ''))[:10]} depuis {entry.get('file', '?')}, "
            f"signé par « {entry.get('publisher', '?')} » (clé {entry.get('key_id', '?')}).")
