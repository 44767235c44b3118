"""The dossier's history in the synthesis step: the newest events of its journal, in words."""

from __future__ import annotations

from datetime import UTC
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from assistant.rulebook import Rulebook
from assistant.services.library import JournalEntry

JOURNAL_SHOWN = 40
"""How many of the newest events are shown."""


class JournalView(QLabel):
    """A read-only table of the journal's newest events, newest first."""

    def __init__(self, book: Rulebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName("Historique du dossier")

    def show_entries(self, entries: list[JournalEntry]) -> None:
        rows = []
        for entry in reversed(entries[-JOURNAL_SHOWN:]):
            when = entry.at.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")
            rows.append(f"<tr><td>{when}</td><td>{escape(entry.author)}</td><td>{escape(entry.label)}</td>"
                        f"<td>{escape(entry.detail)}</td></tr>")
        more = len(entries) - JOURNAL_SHOWN
        tail = f"<p><small>… et {more} évènement(s) plus ancien(s).</small></p>" if more > 0 else ""
        self.setText(
            f"<h3>Historique du dossier ({len(entries)} évènement(s))</h3>"
            f"<table cellspacing='0' cellpadding='3'>{''.join(rows)}</table>{tail}"
        )
