"""The note lays out any text the format's limits allow: long paragraphs across pages, words no line holds."""

from __future__ import annotations

import io
import json
from pathlib import Path

from pypdf import PdfReader

from assistant.domain import limits
from assistant.exchange import dossier_to_dict, read_dossier_file
from assistant.reports.fonts import REGULAR, register_fonts
from assistant.reports.page import fit
from tests.reports.helpers import example, flat, note, pages_text

WORD = "anticonstitutionnellement"


def _words(length: int, marker: str) -> str:
    """Ordinary prose of exactly ``length`` characters, starting and ending with ``marker``."""
    body = " ".join([WORD] * (length // (len(WORD) + 1) + 1))
    middle = body[: length - 2 * len(marker) - 2]
    return f"{marker} {middle} {marker}"[:length]


def _dossier_at_the_limits(rulebook, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Every text field at its limit, written as a file and read back: the import accepts it."""
    dossier = example("messagerie-operateur")
    dossier.title = "T" * limits.TITLE_MAX  # one word no line can hold
    dossier.organisation = _words(limits.ORGANISATION_MAX, "ORG")
    texts = [q.id for q in rulebook.questions if q.type == "text"]
    assert len(texts) >= 2
    dossier.facts[texts[0]] = _words(limits.TEXT_ANSWER_MAX, "BESOINDEBUT")
    dossier.facts[texts[1]] = "x" * limits.TEXT_ANSWER_MAX  # a 10 000-letter word
    dossier.facts["fait.inconnu"] = _words(limits.TEXT_ANSWER_MAX, "INCONNU")
    keys = [q.id for q in rulebook.questions if q.justification is not None]
    keys += [f"autre.justification_{n}" for n in range(limits.JUSTIFICATIONS_MAX - len(keys))]
    dossier.justifications = {key: _words(limits.JUSTIFICATION_MAX, f"JUSTIF{n}") for n, key in enumerate(keys)}
    for number, candidate in enumerate(dossier.candidates):
        candidate.name = (f"O{number}" + "n" * limits.OFFER_NAME_MAX)[: limits.OFFER_NAME_MAX]
    path = tmp_path / "limites.json"
    path.write_text(json.dumps(dossier_to_dict(dossier), ensure_ascii=False), encoding="utf-8")
    return read_dossier_file(path)


def test_the_note_of_a_dossier_at_every_limit_is_produced(rulebook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dossier = _dossier_at_the_limits(rulebook, tmp_path)
    pdf = note(rulebook, dossier)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(pages_text(pdf))
    assert len(reader.pages) > 20
    assert text.count("BESOINDEBUT") >= 2  # the whole need, first and last words, in section 2
    for number in range(limits.JUSTIFICATIONS_MAX):
        assert text.count(f"JUSTIF{number}") == 2  # each justification whole, across pages
    letters = "".join(text.split())
    assert letters.count("x" * 60) >= 2 * limits.TEXT_ANSWER_MAX // 60 - 4  # the long word, broken, not lost
    assert "conservés dans le dossier" in text  # the unknown answer is quoted, not printed whole


def test_a_need_longer_than_a_page_is_split_across_pages(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = example("messagerie-operateur")
    dossier.facts["need.statement"] = _words(6_000, "DEBUTBESOIN")  # reportlab's LayoutError before
    pages = pages_text(note(rulebook, dossier))
    assert sum("DEBUTBESOIN" in page for page in pages) >= 2


def test_header_and_footer_texts_are_cut_to_their_room() -> None:
    register_fonts()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for text in ("T" * 100_000, "mot " * 25_000, "court"):
        shown = fit(text, REGULAR, 7.5, 250)
        assert stringWidth(shown, REGULAR, 7.5) <= 250
        assert shown == text or (shown.endswith("…") and len(shown) > 30)


def test_a_stored_title_with_control_characters_still_gives_a_note(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = example("visio-prefecture")  # as an older version could have stored it
    dossier.title = "Titre\x1b[31m\x00 \ud800 fin"
    pages = pages_text(note(rulebook, dossier))
    assert flat("Titre\ufffd[31m\ufffd \ufffd fin") in pages[0]
