"""French formatting shared by the engine, the CLI, the window and the PDF."""

from __future__ import annotations

import math
import re
from datetime import date

NNBSP = "\u202f"
"""Narrow no-break space: thousands separator and space before ; ! ?"""
NBSP = "\u00a0"
"""No-break space: before : and € and inside « »."""

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def format_number(amount: float) -> str:
    """``1234567.5`` → ``1 234 567,5`` with narrow no-break spaces between thousands."""
    if isinstance(amount, float) and not math.isfinite(amount):
        return str(amount)
    negative = amount < 0
    value = abs(amount)
    if isinstance(value, int) or float(value).is_integer():
        whole, decimals = str(int(value)), ""
    else:
        text = f"{value:.2f}".rstrip("0")
        whole, decimals = text.split(".")
        decimals = "," + decimals
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ("-" if negative else "") + NNBSP.join(groups) + decimals


def format_eur(amount: float, unit: str | None = None) -> str:
    """``60000`` → ``60 000 €``; with ``unit`` ``eur_ht`` or ``eur_ttc``, ``60 000 € HT``."""
    suffix = {"eur_ht": f"{NBSP}HT", "eur_ttc": f"{NBSP}TTC"}.get(unit or "", "")
    return f"{format_number(amount)}{NBSP}€{suffix}"


def format_date(value: date | str) -> str:
    """``2026-02-05`` → ``5 février 2026`` (``1er`` for the first day of a month)."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first}{NBSP}{_MONTHS[day.month - 1]} {day.year}"


def format_source_date(value: str) -> str:
    """A source's date as far as it is known: ``2026-02-05``, ``2026-02``, ``2026`` or empty (unknown)."""
    if not value:
        return "date non établie"
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = value.split("-")
        return f"{_MONTHS[int(month) - 1]} {year}"
    return format_date(value)


def quote(text: str) -> str:
    """``x`` → ``« x »`` with no-break spaces."""
    return f"«{NBSP}{text}{NBSP}»"
