"""Site configuration: the ``site.toml`` files an installer or an administrator puts on the machine.

Two files are read at start-up, in this order; a setting in a later file overrides the same setting in
an earlier one:

1. ``site.toml`` in the **installation folder**, written by the packager with the installer:
   - frozen bundle: the folder of the executable (``/opt/assistant-achat-numerique`` for the .deb,
     ``C:\\Program Files\\Assistant achat numérique`` for the Windows installer);
   - source checkout (development): the repository root, beside ``pyproject.toml``;
   - installed wheel: none (site-packages is no place for configuration), only the second file applies.
2. ``site.toml`` in the **system-wide configuration folders**, for the machine's administrator:
   on Linux, ``assistant-achat-numerique/site.toml`` in **every** entry of ``$XDG_CONFIG_DIRS``
   (``/etc/xdg`` when it is unset or empty; relative entries are ignored, as the XDG Base Directory
   specification says). The first entry is the most important one, so they are read from the last entry
   to the first: ``XDG_CONFIG_DIRS=/etc/xdg/xdg-ubuntu:/etc/xdg`` reads ``/etc/xdg/…`` and then
   ``/etc/xdg/xdg-ubuntu/…``, whose settings win. Elsewhere, one folder:
   ``C:\\ProgramData\\assistant-achat-numerique`` on Windows,
   ``/Library/Application Support/assistant-achat-numerique`` on macOS.

Settings (all optional, top-level keys)::

    organisation = "Préfecture de la Creuse"   # name printed on decision notes
    logo = "logo.png"                           # PNG printed on notes; relative to the file's folder
    data_dir = "~/Documents/Achats"             # default data folder (``--data-dir`` still wins)
    training = false                            # whether the training mode is offered (default: true)
    rulebook = "/srv/referentiel-2027"          # a rulebook folder used instead of the bundled one
    trusted_keys = ["/etc/cles/ministere.pub"]  # public keys trusted for signed rule packages (.regles)
    database_url = "postgresql+psycopg://srv-achats/achats?sslmode=verify-full"  # team mode: shared base
                                                # (never a password here: ~/.pgpass, PGSERVICEFILE, PGPASSWORD)

Paths may start with ``~`` and contain environment variables (``$HOME``, ``%USERNAME%`` on Windows);
relative paths are taken from the folder of the file that sets them. A variable that is not defined is a
problem (the setting is ignored), never a folder literally named ``$NOSUCHVAR``.

Bad content never raises: a file that is not valid TOML, an unknown key, a value of the wrong type, a
logo or rulebook that does not exist each add one French sentence (naming the file and the key) to
``SiteConfig.problems``, and that setting keeps the value it had before that file (the default, or the
value of an earlier file). The buyer must always reach their dossiers.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from assistant import APP_NAME
from assistant.domain import limits
from assistant.domain.messages import french_os_error
from assistant.files import UnreadableFile, read_regular_file
from assistant.paths import default_data_dir, rules_dir

FILE_NAME = "site.toml"
DEFAULT_ORIGIN = "valeur par défaut"
SETTINGS = ("organisation", "logo", "data_dir", "training", "rulebook", "trusted_keys", "database_url")
SERVER_URL = re.compile(r"^postgresql\+psycopg://")
URL_PASSWORD = re.compile(r"^[^:]+://[^/@]*:[^/@]*@")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RULEBOOK_INDEX = "rulebook.yaml"
PUBLIC_KEY_HEADER = b"-----BEGIN PUBLIC KEY-----"


@dataclass(frozen=True)
class SiteConfig:
    """The settings in force, where each one comes from, and what was wrong in the files."""

    organisation: str | None = None
    logo: Path | None = None
    data_dir: Path | None = None
    training: bool = True
    rulebook: Path | None = None
    trusted_keys: tuple[Path, ...] = ()
    database_url: str | None = None
    """Team mode: the shared PostgreSQL base (``postgresql+psycopg://server/base``); None: the local file."""
    origins: dict[str, str] = field(default_factory=lambda: dict.fromkeys(SETTINGS, DEFAULT_ORIGIN))
    problems: list[str] = field(default_factory=list)
    locations: tuple[Path, ...] = ()  # the files looked for, in order (whether or not they exist)


def installation_dir() -> Path | None:
    """The folder whose ``site.toml`` the packager ships (see the module docstring), or None."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file():
        return root
    return None


def system_config_dir() -> Path:
    """The machine-wide configuration folder for this application."""
    return platformdirs.site_config_path(APP_NAME, appauthor=False)


def system_config_dirs() -> list[Path]:
    """The machine-wide configuration folders, most important FIRST (the order of ``$XDG_CONFIG_DIRS``)."""
    if sys.platform in ("win32", "darwin"):
        return [system_config_dir()]
    entries = [Path(entry) for entry in os.environ.get("XDG_CONFIG_DIRS", "").split(":") if entry]
    folders = [entry for entry in entries if entry.is_absolute()] or [Path("/etc/xdg")]
    unique = list(dict.fromkeys(folders))
    return [folder / APP_NAME for folder in unique]


def default_locations() -> list[Path]:
    """The ``site.toml`` files read at start-up, earliest first (a later one overrides an earlier one):
    the installation folder's, then the system folders' from the least to the most important."""
    folders = [installation_dir(), *reversed(system_config_dirs())]
    return [folder / FILE_NAME for folder in folders if folder is not None]


def _type_name(value: object) -> str:
    names = {bool: "un booléen", int: "un nombre", float: "un nombre", str: "un texte", list: "une liste",
             dict: "une table"}
    return names.get(type(value), type(value).__name__)


_VARIABLE = re.compile(r"\$(\w+)|\$\{(\w+)\}|%(\w+)%" if sys.platform == "win32" else r"\$(\w+)|\$\{(\w+)\}")


def _undefined_variables(text: str) -> list[str]:
    """The environment variables named in ``text`` that are not defined (``os.path.expandvars`` would keep
    them as they are)."""
    found = {match.group(0): next(group for group in match.groups() if group) for match in _VARIABLE.finditer(text)}
    return [token for token, name in found.items() if name not in os.environ]


def _expand(text: str, base: Path) -> Path:
    path = Path(os.path.expandvars(text)).expanduser()
    return path if path.is_absolute() else base / path


def _parse_value(key: str, value: object, file: Path) -> tuple[object, str | None]:
    """The value to use for ``key``, or (None, the French sentence saying what is wrong)."""
    where = f"Dans {file}, le réglage « {key} »"
    expected = "vrai ou faux (true / false)" if key == "training" else "un texte entre guillemets"
    if key == "trusted_keys":
        return _parse_keys(value, file, where)
    if key == "training":
        if not isinstance(value, bool):
            return None, f"{where} doit valoir {expected}, pas {_type_name(value)} ; réglage ignoré."
        return value, None
    if not isinstance(value, str):
        return None, f"{where} doit être {expected}, pas {_type_name(value)} ; réglage ignoré."
    if key == "organisation":
        return value.strip() or None, None
    if key == "database_url":
        return _parse_url(value.strip(), where)
    if not value.strip():
        return None, f"{where} est vide ; réglage ignoré."
    undefined = _undefined_variables(value)
    if undefined:
        names = ", ".join(undefined)
        plural = "les variables d'environnement" if len(undefined) > 1 else "la variable d'environnement"
        verb = "ne sont pas définies" if len(undefined) > 1 else "n'est pas définie"
        return None, f"{where} utilise {plural} {names}, qui {verb} ; réglage ignoré."
    path = _expand(value.strip(), file.parent)
    if key == "logo":
        if not path.is_file():
            return None, f"{where} désigne le fichier {path}, qui n'existe pas ; aucun logo ne sera imprimé."
        try:
            with path.open("rb") as stream:
                head = stream.read(len(PNG_SIGNATURE))
        except OSError as exc:
            return None, f"{where} désigne le fichier {path}, illisible ({french_os_error(exc)}) ; réglage ignoré."
        if head != PNG_SIGNATURE:
            return None, f"{where} désigne le fichier {path}, qui n'est pas une image PNG ; réglage ignoré."
        return path, None
    if key == "rulebook":
        if path.exists() and not path.is_dir():
            return None, (f"{where} désigne {path}, qui n'est pas un dossier ; "
                          "le référentiel livré avec l'application est utilisé.")
        if not path.is_dir():
            return None, (f"{where} désigne le dossier {path}, qui n'existe pas ; "
                          "le référentiel livré avec l'application est utilisé.")
        if not (path / RULEBOOK_INDEX).is_file():
            return None, (f"{where} désigne le dossier {path}, qui ne contient pas {RULEBOOK_INDEX} ; "
                          "le référentiel livré avec l'application est utilisé.")
        return path, None
    return path, None  # data_dir: created on first use, like the platform's default folder


def _parse_url(value: str, where: str) -> tuple[object, str | None]:
    """A shared base's URL: PostgreSQL through psycopg, never with a password (libpq's .pgpass holds it)."""
    if not value:
        return None, None
    if not SERVER_URL.match(value):
        return None, f"{where} doit commencer par postgresql+psycopg:// ; la base locale est utilisée."
    if URL_PASSWORD.match(value):
        return None, (f"{where} contient un mot de passe, qui ne doit jamais figurer dans site.toml "
                      "(utilisez ~/.pgpass, un fichier de service ou PGPASSWORD) ; la base locale est utilisée.")
    return value, None


def _parse_keys(value: object, file: Path, where: str) -> tuple[object, str | None]:
    """``trusted_keys``: a list of paths of PEM public-key files (as ``assistant rules keygen`` writes them)."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None, (f"{where} doit être une liste de chemins entre guillemets, pas {_type_name(value)}"
                      f" ; réglage ignoré.")
    keys = tuple(_expand(v.strip(), file.parent) for v in value)
    for path in keys:
        if not path.is_file():
            return None, f"{where} désigne le fichier {path}, qui n'existe pas ; réglage ignoré."
        try:
            head = path.read_bytes()[:40]
        except OSError as exc:
            return None, f"{where} désigne le fichier {path}, illisible ({french_os_error(exc)}) ; réglage ignoré."
        if not head.startswith(PUBLIC_KEY_HEADER):
            return None, f"{where} désigne le fichier {path}, qui n'est pas une clé publique PEM ; réglage ignoré."
    return keys, None


def _read(file: Path, problems: list[str]) -> dict[str, object] | None:
    try:
        raw = read_regular_file(file, limits.SITE_FILE_BYTES_MAX)
    except UnreadableFile as exc:
        if not exc.missing:
            problems.append(f"Le fichier {file} est illisible ({exc.reason})\u00a0; il est ignoré.")
        return None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except RecursionError:
        problems.append(f"Le fichier {file} est imbriqué trop profondément ; il est ignoré.")
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        place = f" (ligne {where.group(1)}, colonne {where.group(2)})" if where else ""
        problems.append(f"Le fichier {file} n'est pas un fichier TOML valide{place} ; il est ignoré.")
    except UnicodeDecodeError:
        problems.append(f"Le fichier {file} n'est pas encodé en UTF-8 ; il est ignoré.")
    except IsADirectoryError:
        problems.append(f"{file} est un dossier, pas un fichier ; il est ignoré.")
    except OSError as exc:
        problems.append(f"Le fichier {file} est illisible ({french_os_error(exc)}) ; il est ignoré.")
    return None


def load_site_config(locations: list[Path] | None = None) -> SiteConfig:
    """Read the ``site.toml`` files (``default_locations()`` unless given), later ones overriding earlier ones.

    A location that is a folder stands for the ``site.toml`` inside it; a missing file is skipped quietly.
    Never raises for bad content: see ``SiteConfig.problems``.
    """
    files = [loc / FILE_NAME if loc.is_dir() else loc for loc in (default_locations() if locations is None
                                                                    else locations)]
    values: dict[str, object] = {}
    origins = dict.fromkeys(SETTINGS, DEFAULT_ORIGIN)
    problems: list[str] = []
    for file in files:
        content = _read(file, problems)
        if content is None:
            continue
        for key, value in content.items():
            if key not in SETTINGS:
                problems.append(f"Dans {file}, le réglage « {key} » est inconnu (réglages possibles : "
                                f"{', '.join(SETTINGS)}) ; il est ignoré.")
                continue
            parsed, problem = _parse_value(key, value, file)
            if problem is not None:
                problems.append(problem)
                continue
            values[key] = parsed
            origins[key] = str(file)
    return SiteConfig(
        organisation=values.get("organisation"),  # type: ignore[arg-type]
        logo=values.get("logo"),  # type: ignore[arg-type]
        data_dir=values.get("data_dir"),  # type: ignore[arg-type]
        training=values.get("training", True),  # type: ignore[arg-type]
        rulebook=values.get("rulebook"),  # type: ignore[arg-type]
        trusted_keys=values.get("trusted_keys", ()),  # type: ignore[arg-type]
        database_url=values.get("database_url"),  # type: ignore[arg-type]
        origins=origins,
        problems=problems,
        locations=tuple(files),
    )


def describe(config: SiteConfig) -> str:
    """French text for ``assistant --print-config``: each value in force and its origin, then the problems."""
    lines = ["Configuration du site"]
    if config.locations:
        lines.append("Fichiers lus, dans l'ordre (un réglage d'un fichier suivant remplace le précédent) :")
        for number, file in enumerate(config.locations, 1):
            state = "présent" if file.is_file() else "absent"
            lines.append(f"  {number}. {file} ({state})")
    shown: dict[str, str] = {
        "organisation": f"« {config.organisation} »" if config.organisation else "(aucune)",
        "logo": str(config.logo) if config.logo else "(aucun)",
        "data_dir": str(config.data_dir) if config.data_dir
        else f"(dossier de la plate-forme : {default_data_dir()})",
        "training": "oui (mode formation proposé)" if config.training else "non (mode formation masqué)",
        "rulebook": str(config.rulebook) if config.rulebook else f"(référentiel livré : {rules_dir()})",
        "trusted_keys": ", ".join(str(k) for k in config.trusted_keys) or "(aucune : seules les clés livrées)",
        "database_url": config.database_url or "(aucune : la base du dossier de données)",
    }
    lines.append("Réglages en vigueur :")
    for key in SETTINGS:
        lines.append(f"  {key} = {shown[key]}")
        lines.append(f"      origine : {config.origins.get(key, DEFAULT_ORIGIN)}")
    if config.problems:
        lines.append(f"Problèmes ({len(config.problems)}) :")
        lines.extend(f"  - {problem}" for problem in config.problems)
    else:
        lines.append("Aucun problème.")
    return "\n".join(lines)
