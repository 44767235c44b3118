"""Bulk import: many dossier files (or folders of them) in batched transactions.

Each file is checked exactly as a single import checks it (``services.dossiers.load_dossier_file``) and
evaluated before anything is stored; each batch is one transaction, so that a crash or a kill leaves every
batch either whole or absent. The report says what was imported and why each refused file was refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant.domain.messages import UserError
from assistant.engine import evaluate
from assistant.services.context import AppContext
from assistant.services.dossiers import load_dossier_file
from assistant.storage.repository import EvaluatedImport

BATCH_SIZE = 200
"""Files stored per transaction."""

Progress = Callable[[int, int], bool | None]
"""Called after each batch with (files done, files in all); returning False stops after that batch."""


@dataclass(frozen=True)
class Refusal:
    path: Path
    reason: str


@dataclass
class ImportReport:
    """What a bulk import did."""

    total: int
    imported: list[int] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    warnings: int = 0
    stopped: bool = False
    """The import was stopped (progress returned False) before every file was read."""


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: each file given, and the ``.json`` files of each folder (and its sub-folders)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(f"Le fichier ou dossier {path} n'existe pas\u00a0; rien n'a été importé.", 2)
    return files


def _reason(exc: UserError) -> str:
    problems = getattr(exc, "problems", None)
    return "\u00a0; ".join(str(p) for p in problems) if problems else str(exc)


def import_files(ctx: AppContext, files: Sequence[Path], *, batch_size: int = BATCH_SIZE,
                 progress: Progress | None = None, as_of: date | None = None) -> ImportReport:
    """Import ``files`` as new dossiers, ``batch_size`` per transaction; refused files change nothing."""
    ctx.repository.ensure_writable("importer les dossiers")
    report = ImportReport(total=len(files))
    today = as_of or date.today()
    book = ctx.rulebook
    for start in range(0, len(files), max(1, batch_size)):
        batch: list[EvaluatedImport] = []
        for path in files[start:start + batch_size]:
            try:
                dossier, warnings = load_dossier_file(book, path)
            except UserError as exc:
                report.refused.append(Refusal(path, _reason(exc)))
                continue
            except OSError as exc:
                report.refused.append(Refusal(path, f"lecture impossible ({exc.strerror or exc})"))
                continue
            report.warnings += len(warnings)
            batch.append(EvaluatedImport(dossier, path.name, evaluate(book, dossier, today).path))
        if batch:
            report.imported.extend(ctx.repository.add_evaluated(batch, book.version, book.digest))
        done = min(start + batch_size, len(files))
        if progress is not None and progress(done, len(files)) is False and done < len(files):
            report.stopped = True
            break
    return report
