"""``dossier list`` streamed (json, csv, text) and ``dossier import`` of many files or folders."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from assistant import EXIT_OK, EXIT_USAGE
from assistant.domain.limits import escape_unsafe_json, printable
from assistant.domain.messages import UserError

if TYPE_CHECKING:
    from assistant.services.context import AppContext
    from assistant.services.library import DossierSummary


def local_time(moment: datetime) -> str:
    """A stored UTC time in the local time zone; as UTC when the local time would leave the calendar."""
    try:
        return f"{moment.replace(tzinfo=UTC).astimezone():%d/%m/%Y %H:%M}"
    except (OverflowError, ValueError, OSError):
        return f"{moment:%d/%m/%Y %H:%M} UTC"


def _record(s: DossierSummary) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "organisation": s.organisation,
            "updated": s.updated.isoformat(timespec="seconds") + "Z", "conclusion": s.conclusion}


def list_dossiers(ctx: AppContext, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print the dossiers as they are read from the database: memory does not grow with their number.

    The JSON output is byte for byte what ``json.dumps(list, ensure_ascii=False, indent=2)`` gives."""
    from assistant.services.library import ListQuery, iter_dossiers

    out = out or sys.stdout
    items = iter_dossiers(ctx, ListQuery(search=args.search or ""), args.limit)
    write = out.write
    if args.format == "json":
        first = True
        for s in items:
            text = escape_unsafe_json(json.dumps(_record(s), ensure_ascii=False, indent=2)).replace("\n", "\n  ")
            write(("[\n  " if first else ",\n  ") + text)
            first = False
        write("[]\n" if first else "\n]\n")
    elif args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "title", "organisation", "updated", "conclusion"])
        for s in items:
            record = _record(s)
            writer.writerow([printable(str(record[k])) if isinstance(record[k], str) else record[k]
                             for k in ("id", "title", "organisation", "updated", "conclusion")])
    else:
        empty = True
        for s in items:
            write(f"{s.id:>5}  {local_time(s.updated)}  {printable(s.title)} — {printable(s.organisation)}\n")
            empty = False
        if empty:
            write("Aucun dossier.\n")
    return EXIT_OK


class TerminalProgress:
    """A progress bar on stderr when it is a terminal (one line rewritten), nothing otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.live or total == 0:
            return
        width = 30
        filled = width * done // total
        self.stream.write(f"\rImport [{'#' * filled}{'.' * (width - filled)}] {done}/{total} fichiers")
        self.stream.flush()
        if done >= total:
            self.stream.write("\n")


def import_many(ctx: AppContext, paths: list[Path], batch_size: int) -> int:
    """Import files and folders; prints the summary, each refused file with its reason (exit 2 if any)."""
    from assistant.services.bulk_import import collect_files, import_files

    files = collect_files(paths)
    if not files:
        raise UserError("Aucun fichier de dossier (.json) à importer\u00a0; rien n'a été importé.", EXIT_USAGE)
    report = import_files(ctx, files, batch_size=batch_size, progress=TerminalProgress())
    print(f"{len(report.imported)} dossier(s) importé(s), {len(report.refused)} fichier(s) refusé(s)"
          + (f", {report.warnings} avertissement(s)." if report.warnings else "."))
    for refusal in report.refused:
        print(f"Refusé\u00a0: {refusal.path} — {refusal.reason}", file=sys.stderr)
    return EXIT_USAGE if report.refused else EXIT_OK
