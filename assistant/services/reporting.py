"""Report use cases: evaluate a dossier (stored or from a file) and write its PDF decision note."""

from __future__ import annotations

import hashlib
from datetime import UTC, date
from pathlib import Path

from assistant.domain import Dossier
from assistant.domain.history import DossierHistory, HistoryLine
from assistant.domain.messages import UserError, french_os_error
from assistant.engine import evaluate
from assistant.exchange.dossier_file import atomic_write
from assistant.paths import AppPaths
from assistant.rulebook import Rulebook
from assistant.services.context import AppContext
from assistant.services.dossiers import load_dossier_file
from assistant.services.library import journal, journal_size
from assistant.services.outputs import check_output_path
from assistant.storage import DossierNotFoundError

TRAINING_WATERMARK = "FORMATION"


class ReportError(UserError):
    """The note could not be produced; the message is one French sentence for the user."""


ODT_SUFFIX = ".odt"
"""A note written to a file with this suffix is the OpenDocument twin; any other is the PDF."""


def _build(rulebook: Rulebook, dossier: Dossier, as_of: date, *, organisation: str = "",
           watermark: str | None = None, logo: Path | None = None, odt: bool = False,
           history: DossierHistory | None = None) -> bytes:
    evaluation = evaluate(rulebook, dossier, as_of)
    if odt:
        from assistant.reports.odt import build_odt  # odfdo loads only when an ODT note is generated

        return build_odt(dossier, evaluation, rulebook, as_of=as_of, organisation=organisation,
                         watermark=watermark, history=history)
    from assistant.reports import build_note  # reportlab loads only when a note is generated

    return build_note(dossier, evaluation, rulebook, as_of=as_of, organisation=organisation,
                      watermark=watermark, logo=logo, history=history)


HISTORY_SHOWN = 50
"""How many of the newest journal events the note's history shows (the older ones are counted)."""


def dossier_history(ctx: AppContext, dossier_id: int, shown: int = HISTORY_SHOWN) -> DossierHistory:
    """The newest events of the dossier's journal, newest first, worded as the journal view words them."""
    entries = journal(ctx, dossier_id, last=shown)
    lines = tuple(
        HistoryLine(entry.at.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M"), entry.author,
                    entry.label, entry.detail)
        for entry in reversed(entries)
    )
    return DossierHistory(lines, max(0, journal_size(ctx, dossier_id) - len(entries)))


def _write(out: Path, content: bytes) -> None:
    """Write atomically; a failure leaves no file (neither the note nor a temporary) behind."""
    try:
        atomic_write(out, content)
    except OSError as exc:
        reason = "dossier inexistant" if not out.parent.is_dir() else french_os_error(exc)
        raise ReportError(f"Impossible d'écrire la note dans {out} : {reason}.") from exc


def _check_output(paths: AppPaths | None, out: Path) -> None:
    """``check_output_path`` with its refusal as a ``ReportError`` (same sentence and status 2)."""
    try:
        check_output_path(paths, out)
    except UserError as exc:
        raise ReportError(str(exc), exc.status) from exc


def write_note(out: Path, content: bytes, paths: AppPaths | None = None) -> None:
    """Write a document the way notes are written: the output path checked, then atomically."""
    _check_output(paths, out)
    _write(out, content)


def digest_of(content: bytes) -> str:
    return "sha256:" + hashlib.sha256(content).hexdigest()


def report_from_id(ctx: AppContext, dossier_id: int, out: Path, as_of: date | None = None) -> Path:
    """Write the note of a stored dossier to ``out`` and record it in the dossier's journal."""
    _check_output(ctx.paths, out)
    try:
        dossier = ctx.repository.get(dossier_id)
    except DossierNotFoundError as exc:
        raise ReportError(str(exc)) from exc
    day = as_of or date.today()
    content = _build(ctx.rulebook, dossier, day, organisation=ctx.organisation,
                     watermark=TRAINING_WATERMARK if ctx.training else None, logo=ctx.logo,
                     odt=out.suffix.lower() == ODT_SUFFIX, history=dossier_history(ctx, dossier_id))
    _write(out, content)
    if not ctx.database.read_only:
        ctx.repository.log(dossier_id, "reported", {"file": out.name, "digest": digest_of(content)})
    return out


def report_from_file(rulebook: Rulebook, path: Path, out: Path, as_of: date | None = None, *,
                     organisation: str = "", logo: Path | None = None, paths: AppPaths | None = None) -> Path:
    """Write the note of a dossier file (checked first: ``DossierFileError`` when it is invalid); ``paths``,
    the data folder whose own files ``out`` must not be."""
    _check_output(paths, out)
    dossier, _warnings = load_dossier_file(rulebook, path)
    _write(out, _build(rulebook, dossier, as_of or date.today(), organisation=organisation, logo=logo,
                       odt=out.suffix.lower() == ODT_SUFFIX))
    return out

