"""File names the window suggests in its save dialogs."""

from __future__ import annotations


def safe_file_name(title: str) -> str:
    """A file name from a title: letters, digits, dashes (accents kept)."""
    cleaned = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return "-".join(cleaned.split())[:80] or "dossier"
