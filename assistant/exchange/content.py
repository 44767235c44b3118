"""Check everything a decoded dossier file holds against ``assistant.domain.limits``, before it is used.

Numbers too large, texts too long, control characters, lone surrogates, keys too long, maps too big and
nesting too deep are each reported with the JSON path of the value (``facts.need.statement``), and the
offending value is removed from the data, so that nothing unsafe reaches a message, the base or a terminal.
"""

from __future__ import annotations

import math
import re
from typing import Any

from assistant.domain import limits

MAX_PROBLEMS = 30
"""A file with more problems is reported with its first ones and a count of the others."""

_OFFER_NAME = re.compile(r"candidates\[\d+\]\.name")


class BadNumber:
    """A number the reader refused to convert (too many digits, too large, not finite); ``text`` as written."""

    def __init__(self, text: str) -> None:
        self.text = text if len(text) <= 24 else text[:20] + "…"


def read_int(text: str) -> int | BadNumber:
    """``parse_int`` for ``json.loads``: never converts a literal of thousands of digits."""
    if len(text) > limits.NUMBER_DIGITS_MAX:
        return BadNumber(text)
    value = int(text)
    return value if abs(value) <= limits.NUMBER_MAX else BadNumber(text)


def read_float(text: str) -> float | BadNumber:
    """``parse_float`` for ``json.loads``: a finite number of sensible size, or a ``BadNumber``."""
    if len(text) > limits.NUMBER_DIGITS_MAX:
        return BadNumber(text)
    value = float(text)
    return value if math.isfinite(value) and abs(value) <= limits.NUMBER_MAX else BadNumber(text)


def read_constant(text: str) -> BadNumber:
    """``parse_constant``: JSON has no NaN nor Infinity; Python's reader would accept them."""
    return BadNumber(text)


def text_limit(where: str) -> tuple[int, bool]:
    """The length limit of the text at ``where`` and whether it is a one-line field."""
    if where == "title":
        return limits.TITLE_MAX, True
    if where == "organisation":
        return limits.ORGANISATION_MAX, True
    if _OFFER_NAME.fullmatch(where):
        return limits.OFFER_NAME_MAX, True
    if where.startswith("justifications."):
        return limits.JUSTIFICATION_MAX, False
    if where.startswith("facts.") or ".facts." in where:
        return limits.TEXT_ANSWER_MAX, False
    return limits.OTHER_TEXT_MAX, False


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


def text_problem(text: str, where: str, *, key: bool = False) -> str | None:
    """Why ``text`` (a value at ``where``, or a key when ``key``) is refused, in French; None if it is fine."""
    if limits.has_lone_surrogate(text):
        return "le texte contient un caractère invalide (moitié de paire UTF-16 « \\ud800 » à « \\udfff »)"
    maximum, single_line = (limits.KEY_MAX, True) if key else text_limit(where)
    controls = limits.control_characters(text, single_line=single_line)
    if controls:
        allowed = "" if single_line else " (seuls les retours à la ligne et les tabulations sont admis)"
        return f"le texte contient des caractères de contrôle ({', '.join(controls)}){allowed}"
    if len(text) > maximum:
        return f"le texte dépasse {_thousands(maximum)} caractères ({_thousands(len(text))} reçus)"
    return None


class ContentChecker:
    """Walks decoded JSON without recursion; ``problems`` receives (where, message) pairs."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []
        self.dropped = 0

    def _report(self, where: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((where, message))
        else:
            self.dropped += 1

    def check(self, data: Any) -> None:
        """Check ``data`` in place: every refused value or key is removed from its container."""
        stack: list[tuple[Any, str, int]] = [(data, "", 0)]
        while stack:
            node, where, depth = stack.pop()
            if depth >= limits.DEPTH_MAX:
                self._report(where, f"imbrication trop profonde (plus de {limits.DEPTH_MAX} niveaux)")
                node.clear()
                continue
            if isinstance(node, dict):
                self._check_size(node, where)
                for key in list(node):
                    place = f"{where}.{key}" if where else key
                    problem = text_problem(key, place, key=True)
                    if problem is not None:
                        self._report(f"{where or 'clé'} (clé « {limits.printable(key[:40])} »)", problem)
                        del node[key]
                    elif self._refused(node[key], place):
                        del node[key]
                    elif isinstance(node[key], dict | list):
                        stack.append((node[key], place, depth + 1))
            elif isinstance(node, list):
                self._check_size(node, where)
                for index in reversed(range(len(node))):
                    place = f"{where}[{index}]"
                    if self._refused(node[index], place):
                        del node[index]
                    elif isinstance(node[index], dict | list):
                        stack.append((node[index], place, depth + 1))

    def _check_size(self, node: dict[str, Any] | list[Any], where: str) -> None:
        maximum = limits.OFFERS_MAX if where == "candidates" else limits.ENTRIES_MAX
        if where == "justifications":
            maximum = limits.JUSTIFICATIONS_MAX
        if len(node) > maximum:
            self._report(where, f"{_thousands(len(node))} éléments : au plus {_thousands(maximum)} sont admis")
            node.clear()

    def _refused(self, value: Any, where: str) -> bool:
        if isinstance(value, BadNumber):
            self._report(where, f"le nombre « {value.text} » est refusé : un nombre fini d'au plus 15 chiffres "
                                "est attendu")
            return True
        if isinstance(value, str):
            problem = text_problem(value, where)
            if problem is not None:
                self._report(where, problem)
                return True
        return False
