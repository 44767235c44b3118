"""Read and write dossier files, checking their structure and reporting every problem at once.

The structure (format, keys, JSON types) is checked here; the facts' types against the questions of the
rulebook are checked by ``assistant.rulebook`` through ``check_dossier``. Unknown keys are kept in
``extra`` and written back, so that a file from a newer version loses nothing it can carry.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.domain import Candidate, Dossier, limits
from assistant.domain.messages import UserError
from assistant.exchange.content import BadNumber, ContentChecker, read_constant, read_float, read_int
from assistant.files import UnreadableFile, read_regular_file

FORMAT = "assistant-dossier/1"
FORMAT_NAME, _, _FORMAT_VERSION = FORMAT.partition("/")
MAX_FILE_BYTES = limits.FILE_BYTES_MAX
_VERSION = re.compile(r"[0-9]{1,4}")
_KNOWN_KEYS = ("format", "title", "organisation", "created", "updated", "facts", "justifications",
               "candidates", "weights")
_CANDIDATE_KEYS = ("name", "facts", "scores")


@dataclass(frozen=True)
class FileProblem:
    """One problem in a dossier file: where (a JSON path such as ``candidates[1].scores.cost``) and what."""

    where: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.where} : {self.message}" if self.where else self.message


class DossierFileError(UserError, ValueError):
    """The file is not a valid dossier; ``problems`` lists every problem found.

    ``partial`` is the dossier made of the file's valid parts, when the file is a dossier at all, so that
    the facts can still be checked and every problem reported at once.
    """

    status = 2

    def __init__(self, problems: list[FileProblem], partial: Dossier | None = None) -> None:
        self.problems = problems
        self.partial = partial
        super().__init__("\n".join(str(p) for p in problems))


def _type_name(value: Any) -> str:
    names = {str: "un texte", bool: "un booléen", int: "un nombre", float: "un nombre", list: "une liste",
             dict: "un objet", type(None): "null", BadNumber: "un nombre hors limites"}
    return names.get(type(value), type(value).__name__)


def _check_format(data: dict[str, Any], problems: list[FileProblem]) -> None:
    fmt = data.get("format")
    if not isinstance(fmt, str):
        problems.append(FileProblem("format", f"le champ est obligatoire et vaut « {FORMAT} »"))
        return
    name, _, version = fmt.partition("/")
    if name != FORMAT_NAME:
        shown = limits.printable(fmt[:60])
        problems.append(FileProblem("format", f"format « {shown} » inconnu ; « {FORMAT} » est attendu"))
    elif not _VERSION.fullmatch(version):
        shown = limits.printable(version[:20])
        problems.append(FileProblem("format", f"version de format « {shown} » illisible"))
    elif int(version) > int(_FORMAT_VERSION):
        problems.append(FileProblem(
            "format",
            f"ce fichier est au format « {fmt} », plus récent que celui de cette version "
            f"(« {FORMAT} ») : mettez l'application à jour pour l'importer",
        ))


def _text(data: dict[str, Any], key: str, where: str, problems: list[FileProblem], *, required: bool) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        problems.append(FileProblem(where, f"un texte est attendu, {_type_name(value)} reçu"))
        return ""
    if required and not value.strip():
        problems.append(FileProblem(where, "le texte ne doit pas être vide"))
    return value


def _moment(data: dict[str, Any], key: str, problems: list[FileProblem]) -> str | None:
    """A creation or modification time: ISO 8601, in the years the limits allow (also once in UTC)."""
    value = _text(data, key, key, problems, required=False)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
        moments = [moment] if moment.tzinfo is None else [moment, moment.astimezone(UTC)]
    except ValueError:
        problems.append(FileProblem(key, "une date et heure ISO 8601 est attendue (AAAA-MM-JJTHH:MM:SS)"))
        return None
    except OverflowError:  # in UTC it would fall before year 1 or after 9999
        moments = [datetime.min]
    if not all(limits.YEAR_MIN <= m.year <= limits.YEAR_MAX for m in moments):
        problems.append(FileProblem(key, f"l'année doit être comprise entre {limits.YEAR_MIN} et {limits.YEAR_MAX}"))
        return None
    return value


def _mapping(data: dict[str, Any], key: str, where: str, problems: list[FileProblem]) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        problems.append(FileProblem(where, f"un objet est attendu, {_type_name(value)} reçu"))
        return {}
    return value


def _numbers(
    values: dict[str, Any], where: str, problems: list[FileProblem], low: float, high: float
) -> dict[str, float]:
    result: dict[str, float] = {}
    for key, value in values.items():
        if isinstance(value, BadNumber):
            continue  # already reported by the content check
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(FileProblem(f"{where}.{key}", f"un nombre est attendu, {_type_name(value)} reçu"))
        elif not low <= value <= high:
            problems.append(FileProblem(f"{where}.{key}", f"la valeur {value} sort de l'intervalle {low:g} à {high:g}"))
        else:
            result[key] = value
    return result


def _candidate(item: Any, where: str, problems: list[FileProblem]) -> Candidate | None:
    if not isinstance(item, dict):
        problems.append(FileProblem(where, f"un objet est attendu, {_type_name(item)} reçu"))
        return None
    name = _text(item, "name", f"{where}.name", problems, required=True)
    facts = _mapping(item, "facts", f"{where}.facts", problems)
    scores = _numbers(_mapping(item, "scores", f"{where}.scores", problems), f"{where}.scores", problems, 0, 5)
    extra = {k: v for k, v in item.items() if k not in _CANDIDATE_KEYS}
    return Candidate(name=name, facts=dict(facts), scores=scores, extra=extra)


def parse_dossier(data: Any) -> Dossier:
    """Build a ``Dossier`` from decoded JSON, or raise ``DossierFileError`` listing every problem."""
    problems: list[FileProblem] = []
    if not isinstance(data, dict):
        raise DossierFileError([FileProblem("", f"le fichier doit contenir un objet JSON, pas {_type_name(data)}")])
    checker = ContentChecker()
    checker.check(data)  # removes every refused value: what follows sees only safe ones
    problems += [FileProblem(where, message) for where, message in checker.problems]
    _check_format(data, problems)
    if problems and "plus récent" in problems[-1].message:
        raise DossierFileError(problems[-1:])
    title = _text(data, "title", "title", problems, required=True)
    organisation = _text(data, "organisation", "organisation", problems, required=False)
    dates = {key: _moment(data, key, problems) for key in ("created", "updated")}
    facts = _mapping(data, "facts", "facts", problems)
    justifications = _mapping(data, "justifications", "justifications", problems)
    for key, value in justifications.items():
        if not isinstance(value, str):
            problems.append(FileProblem(f"justifications.{key}", f"un texte est attendu, {_type_name(value)} reçu"))
    raw_candidates = data.get("candidates", [])
    candidates: list[Candidate] = []
    if not isinstance(raw_candidates, list):
        problems.append(FileProblem("candidates", f"une liste est attendue, {_type_name(raw_candidates)} reçu"))
    else:
        for index, item in enumerate(raw_candidates):
            candidate = _candidate(item, f"candidates[{index}]", problems)
            if candidate is not None:
                candidates.append(candidate)
    weights = _numbers(_mapping(data, "weights", "weights", problems), "weights", problems, 0, 100)
    _text(data, "retained", "retained", problems, required=False)  # the retained offer's name, kept in extra
    dossier = Dossier(
        title=title,
        organisation=organisation,
        facts=dict(facts),
        justifications={k: str(v) for k, v in justifications.items()},
        candidates=candidates,
        weights=weights,
        created=dates["created"],
        updated=dates["updated"],
        extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
    )
    if problems:
        problems = _first_of_each_place(problems)
        if checker.dropped:
            problems.append(FileProblem("", f"et {checker.dropped} autre(s) problème(s) du même genre"))
        raise DossierFileError(problems, dossier)
    return dossier


def _first_of_each_place(problems: list[FileProblem]) -> list[FileProblem]:
    """One problem per place: a value the content check removed is not reported again as missing."""
    seen: set[str] = set()
    kept = []
    for problem in problems:
        if problem.where not in seen or not problem.where:
            seen.add(problem.where)
            kept.append(problem)
    return kept


def read_dossier_file(path: Path) -> Dossier:
    """Read and check a dossier file: a regular file of at most ``MAX_FILE_BYTES``, read without blocking."""
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        message = (f"le fichier {path.name} dépasse 10 Mo : il est refusé" if exc.too_large
                   else f"le fichier {path} est illisible ({exc.reason})")
        raise DossierFileError([FileProblem("", message)]) from exc
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=read_constant, parse_float=read_float,
                          parse_int=read_int)
    except UnicodeDecodeError as exc:
        problem = FileProblem("", f"le fichier {path.name} n'est pas en UTF-8 (octet {exc.start})")
        raise DossierFileError([problem]) from exc
    except json.JSONDecodeError as exc:
        raise DossierFileError(
            [FileProblem(f"ligne {exc.lineno}, colonne {exc.colno}", f"JSON invalide ({exc.msg})")]
        ) from exc
    except RecursionError as exc:
        raise DossierFileError([FileProblem("", "le fichier est trop profondément imbriqué")]) from exc
    return parse_dossier(data)


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    """The file's content: known keys in the spec's order, then the unknown keys that were kept."""
    data: dict[str, Any] = {"format": FORMAT, "title": dossier.title, "organisation": dossier.organisation}
    if dossier.created:
        data["created"] = dossier.created
    if dossier.updated:
        data["updated"] = dossier.updated
    data["facts"] = dossier.facts
    data["justifications"] = dossier.justifications
    data["candidates"] = [
        {"name": c.name, "facts": c.facts, "scores": c.scores, **c.extra} for c in dossier.candidates
    ]
    data["weights"] = dossier.weights
    for key, value in dossier.extra.items():
        data.setdefault(key, value)
    return data


def dumps_dossier(dossier: Dossier) -> str:
    return limits.escape_unsafe_json(json.dumps(dossier_to_dict(dossier), ensure_ascii=False, indent=2)) + "\n"


def write_dossier_file(dossier: Dossier, path: Path) -> None:
    """Write atomically: a temporary file in the same folder, flushed, then renamed over the target."""
    text = dumps_dossier(dossier).encode("utf-8")
    atomic_write(path, text)


def _read_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


_UMASK = _read_umask()
"""Read once at import, while the process has a single thread (reading it means setting it)."""


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or those the user's umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


def atomic_write(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename; nothing half-written remains."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        tmp.chmod(_mode_for(path))  # mkstemp makes 0600: give the file the mode a new file would have
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
