"""French typography of what users read: no ordinary space before « : ; ? ! » nor inside « »,
in the application's strings and in the rulebook's texts (a no-break space is wanted there)."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BAD = re.compile(r" [:;?!](?=[\s\"'{}<]|$)|« | »")


def _string_tokens(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        text = token.string
        prefix = re.match(r"^[A-Za-z]*", text).group(0).lower()  # type: ignore[union-attr]
        docstring = text.lstrip("rbfuRBFU")[:3] in ('"""', "'''")
        if token.type != tokenize.STRING or "r" in prefix or "b" in prefix or docstring:
            continue
        found.append((token.start[0], text))
    return found


def test_application_strings() -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line}: {text[:70]}"
                 for path in sorted((ROOT / "assistant").rglob("*.py"))
                 for line, text in _string_tokens(path) if BAD.search(text)]
    assert offenders == []


def _texts(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


def test_rulebook_texts() -> None:
    offenders = [f"{path.name}: {text[:70]}"
                 for path in sorted((ROOT / "rules").glob("*.yaml"))
                 for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8"))) if BAD.search(text)]
    assert offenders == []
