"""The PDF decision note (reportlab). Imported only when a note is generated: reportlab loads here."""

from assistant.reports.note import build_note, short_digest

__all__ = ["build_note", "short_digest"]
