"""Standing rules checked on the source: no network, no unsafe loading, Qt only in the ui package."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"


def _sources() -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")]


def test_no_network_code_in_the_application() -> None:
    pattern = re.compile(
        r"QtNetwork|QtWebEngine|^\s*(import|from) (requests|httpx|urllib|http\.client|socket|aiohttp)\b", re.MULTILINE
    )
    offenders = [str(p.relative_to(PACKAGE)) for p, text in _sources() if pattern.search(text)]
    assert offenders == []


def test_no_unsafe_evaluation_of_untrusted_input() -> None:
    pattern = re.compile(r"(?<![.\w])eval\(|(?<![.\w])exec\(|yaml\.load\(|yaml\.unsafe|pickle\.loads?\(|shell=True")
    offenders = [str(p.relative_to(PACKAGE)) for p, text in _sources() if pattern.search(text)]
    assert offenders == []


def test_qt_is_imported_only_by_the_ui_and_the_composition_root() -> None:
    pattern = re.compile(r"^\s*(from|import) PySide6", re.MULTILINE)
    offenders = [
        str(p.relative_to(PACKAGE)) for p, text in _sources()
        if pattern.search(text) and p.relative_to(PACKAGE).parts[0] not in ("ui", "app.py")
    ]
    assert offenders == []
