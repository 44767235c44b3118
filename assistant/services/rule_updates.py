"""Signed rule updates, the use cases: make keys, pack, verify, preview, install, history, roll back.

Trusted publishers' keys: the ``*.pub`` files shipped in ``resources/keys/`` and those ``site.toml`` lists in
``trusted_keys``. Installed rulebooks live in ``<data>/regles/`` (see ``rulebook.installed``); nothing there
is ever deleted. Every refusal is one French sentence (``PackageError``, exit 2) and changes nothing.
"""

from __future__ import annotations

import getpass
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from assistant.domain.messages import UserError, french_os_error
from assistant.paths import AppPaths, resources_dir, rules_dir
from assistant.rulebook import Rulebook
from assistant.rulebook.installed import (
    BUNDLED,
    InstallState,
    entry_for,
    folder_name,
    read_state,
    superseded_by,
    version_key,
    write_state,
)
from assistant.rulebook.package import (
    PackageError,
    VerifiedPackage,
    open_package,
    pack,
    trusted_keys,
    write_key_pair,
)
from assistant.services.context import AppContext, load_bundled_rulebook, rulebook_for_site
from assistant.services.installed_rules import installed_rulebook
from assistant.services.rule_impact import Impact, preview_impact
from assistant.siteconfig import SiteConfig


@dataclass(frozen=True)
class PackageInfo:
    """What ``rules verify`` and the dialog show of a verified package."""

    source: Path
    publisher: str
    key_id: str
    key_file: Path
    signed: str
    rulebook_id: str
    version: str
    digest: str
    title: str
    published: str


@dataclass(frozen=True)
class UpdatePreview:
    """A verified package, the rulebook in force it would replace, and its impact on the stored dossiers."""

    package: PackageInfo
    current_version: str
    current_digest: str
    impact: Impact


def key_files(site: SiteConfig) -> list[Path]:
    """Public keys trusted on this workstation: shipped ones first, then the site's."""
    shipped = sorted((resources_dir() / "keys").glob("*.pub"))
    return shipped + list(site.trusted_keys)


def make_keys(stem: Path) -> tuple[Path, Path, str]:
    """``rules keygen``: write ``STEM.key`` (owner only) and ``STEM.pub``; returns both paths and the key id."""
    return write_key_pair(stem)


def pack_rules(folder: Path, output: Path, private_key: Path, publisher: str | None = None) -> dict[str, Any]:
    """``rules pack``: check the rulebook folder and write the signed package; returns the signed statement."""
    if not folder.is_dir():
        raise PackageError(f"Le dossier {folder} n'existe pas.")
    return pack(folder, output, private_key, publisher or private_key.stem, date.today().isoformat())


def _info(package: VerifiedPackage) -> PackageInfo:
    book = package.rulebook
    return PackageInfo(package.source, package.publisher, package.key_id, package.key_file, package.signed,
                       book.id, book.version, book.digest, book.title, book.published)


def verify_package(source: Path, site: SiteConfig) -> PackageInfo:
    """``rules verify``: who signed the package, its version and digest; raises ``PackageError`` otherwise."""
    with open_package(source, key_files(site)) as package:
        return _info(package)


def self_check(folder: Path, rules: Path) -> str:
    """``self-test``: make a key pair in ``folder``, pack ``rules``, verify the package; read the shipped keys."""
    private, public, _ = write_key_pair(folder / "autotest")
    package = folder / "autotest.regles"
    pack(rules, package, private, "Autotest", date.today().isoformat())
    with open_package(package, [public]) as verified:
        version = verified.rulebook.version
    shipped = trusted_keys(key_files(SiteConfig()))
    return f"signature Ed25519 vérifiée (version {version}), {len(shipped)} clé(s) de confiance livrée(s)"


def check_version(current: Rulebook, new: Rulebook, *, allow_downgrade: bool) -> None:
    """Refuse a rulebook older than the one in force (or the same version with other content)."""
    if allow_downgrade:
        return
    if version_key(new.version) < version_key(current.version):
        raise PackageError(f"Le paquet contient la version {new.version} des règles, plus ancienne que la version "
                           f"{current.version} en vigueur : ajoutez --allow-downgrade pour l'installer quand même.")
    if new.version == current.version and new.digest != current.digest:
        raise PackageError(f"Le paquet contient une version {new.version} différente de la version {current.version} "
                           "en vigueur, sous le même numéro : ajoutez --allow-downgrade pour l'installer quand même.")


def check_installable(paths: AppPaths, site: SiteConfig, source: Path, *,
                      allow_downgrade: bool = False) -> tuple[PackageInfo, Rulebook]:
    """Verify ``source`` and its version against the rulebook in force, without opening the database:
    a refused package leaves the data folder untouched. Returns the package and the rulebook in force."""
    current = rulebook_for_site(site, paths)
    with open_package(source, key_files(site)) as package:
        check_version(current, package.rulebook, allow_downgrade=allow_downgrade)
        return _info(package), current


def preview_update(ctx: AppContext, source: Path, *, allow_downgrade: bool = False) -> UpdatePreview:
    """Verify ``source`` and evaluate every stored dossier under the rules in force and the package's."""
    with open_package(source, key_files(ctx.site)) as package:
        check_version(ctx.rulebook, package.rulebook, allow_downgrade=allow_downgrade)
        impact = preview_impact(ctx, package.rulebook)
        return UpdatePreview(_info(package), ctx.rulebook.version, ctx.rulebook.digest, impact)


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _copy_in(package: VerifiedPackage, folder: Path, name: str) -> None:
    """Copy the verified package's files to ``folder/name`` atomically (copy beside it, then rename)."""
    final = folder / name
    if final.is_dir():
        return  # installed before (then rolled back): the same digest, so the same content
    partial = folder / f".{name}.partiel-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(package.folder, partial)
        partial.rename(final)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise UserError(f"Impossible d'installer les règles dans {folder} ({french_os_error(exc)}) ; "
                        "rien n'a été changé.") from exc


def install_update(paths: AppPaths, site: SiteConfig, source: Path, *, allow_downgrade: bool = False,
                   expected_digest: str | None = None) -> Rulebook:
    """Verify and install ``source`` into the data folder and put it in force; returns the new rulebook.

    ``expected_digest`` (the digest previewed) guards against a file changed since its preview.
    """
    current = rulebook_for_site(site, paths)
    with open_package(source, key_files(site)) as package:
        book = package.rulebook
        if expected_digest is not None and book.digest != expected_digest:
            raise PackageError(f"Le paquet {source} a changé depuis son aperçu : recommencez.")
        check_version(current, book, allow_downgrade=allow_downgrade)
        folder = paths.installed_rules_dir
        state = read_state(folder)
        name = folder_name(book.version, book.digest)
        _copy_in(package, folder, name)
        state.history.append({
            "event": "installation", "folder": name, "rulebook": book.id, "version": book.version,
            "digest": book.digest, "publisher": package.publisher, "key_id": package.key_id,
            "signed": package.signed, "file": str(source.resolve()), "at": _now(), "by": _user(),
            "explicit": allow_downgrade,
            "previous": {"folder": state.current, "version": current.version, "digest": current.digest},
        })
        write_state(folder, InstallState(name, state.history))
    return installed_rulebook(paths) or book


def install_into(ctx: AppContext, source: Path, *, expected_digest: str | None = None) -> Rulebook:
    """Install ``source`` for an open data folder (the window) and put the rules in force in ``ctx``."""
    install_update(ctx.paths, ctx.site, source, expected_digest=expected_digest)
    ctx.rulebook = rulebook_for_site(ctx.site, ctx.paths)
    return ctx.rulebook


def history(paths: AppPaths) -> tuple[str | None, list[dict[str, Any]]]:
    """``rules history``: the installed rulebook in force (None: the shipped one) and every event, oldest first."""
    state = read_state(paths.installed_rules_dir)
    return state.current, state.history


def _choices(state: InstallState) -> list[str | None]:
    """The rulebooks one can return to: the shipped one, then each installed folder in install order."""
    names: list[str | None] = [None]
    for entry in state.history:
        name = entry.get("folder")
        if entry.get("event") == "installation" and isinstance(name, str) and name not in names:
            names.append(name)
    return names


def _target(state: InstallState, effective: str | None, version: str | None) -> str | None:
    choices = _choices(state)
    if version is None:
        index = choices.index(effective) if effective in choices else 0
        if index == 0:
            raise PackageError("Le référentiel livré avec l'application est déjà en vigueur : "
                               "il n'y a pas de version précédente.")
        return choices[index - 1]
    if version in (BUNDLED, "livre"):
        return None
    matching = [n for n in choices if n is not None and (entry_for(state, n) or {}).get("version") == version]
    if not matching:
        known = ", ".join(str((entry_for(state, n) or {}).get("version")) for n in choices if n) or "aucune"
        raise PackageError(f"Aucune version {version} n'est installée (versions installées : {known}).")
    return matching[-1]


def rollback(paths: AppPaths, site: SiteConfig, version: str | None = None) -> Rulebook:
    """``rules rollback [VERSION]``: put back the previous rulebook (or ``VERSION``, or ``livré``); deletes
    nothing. Returns the rulebook now in force."""
    folder = paths.installed_rules_dir
    state = read_state(folder)
    try:
        previous = rulebook_for_site(SiteConfig(), paths)
        before = {"folder": state.current, "version": previous.version, "digest": previous.digest}
    except UserError:  # the installed folder was damaged: rolling back is the way out
        before = {"folder": state.current, "version": "?", "digest": "?"}
    effective = None if superseded_by(state, rules_dir()) else state.current
    target = _target(state, effective, version)
    if target == effective:
        raise PackageError(f"La version {before['version']} est déjà en vigueur.")
    old = InstallState(state.current, list(state.history))
    if target is None:
        shipped = load_bundled_rulebook()
        chosen: dict[str, Any] = {"rulebook": shipped.id, "version": shipped.version, "digest": shipped.digest}
    else:
        chosen = entry_for(state, target) or {}
    state.history.append({
        "event": "retour", "folder": target, **{k: chosen.get(k, "?") for k in ("rulebook", "version", "digest")},
        "at": _now(), "by": _user(), "explicit": True, "previous": before,
    })
    write_state(folder, InstallState(target, state.history))
    try:
        book = installed_rulebook(paths) or load_bundled_rulebook()
    except UserError:
        write_state(folder, old)  # the chosen folder is damaged: nothing changes
        raise
    if site.rulebook is not None:
        return rulebook_for_site(site, paths)
    return book
