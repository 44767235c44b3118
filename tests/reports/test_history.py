"""Annex D of the note, « Historique du dossier »: the journal's newest events with their author, worded as
the journal view words them, in the PDF and its ODT twin, on both engines; bounded for a long journal."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from pypdf import PdfReader
from sqlalchemy import insert

from assistant.domain.history import DossierHistory, HistoryLine
from assistant.exchange import read_dossier_file
from assistant.reports.history import TITLE
from assistant.services import editing, library
from assistant.services.reporting import HISTORY_SHOWN, dossier_history, report_from_id
from assistant.storage import Repository
from assistant.storage.models import EventRow
from assistant.storage.repository import now
from tests.reports.helpers import AS_OF, EXAMPLES, example, flat, note, pages_text


def _odt_text(content: bytes) -> str:
    return flat(" ".join(ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("content.xml")).itertext()))


def test_the_note_of_a_stored_dossier_tells_who_did_what(both_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dossier_id = both_ctx.repository.add(read_dossier_file(EXAMPLES / "messagerie-operateur.json"))
    Repository(both_ctx.database.sessions, author="Marie Curie").set_fact(dossier_id, "need.users", 4321)
    editing.answer(both_ctx, dossier_id, "need.users", 1234)
    worded = library.journal(both_ctx, dossier_id)
    pdf = report_from_id(both_ctx, dossier_id, tmp_path / "note.pdf", AS_OF)
    text = " ".join(flat(page.extract_text()) for page in PdfReader(pdf).pages)
    assert TITLE in text
    history = text[text.index(TITLE):]
    assert "Marie Curie" in history and both_ctx.database.author in history
    answered = next(entry for entry in worded if entry.kind == "answered")
    assert flat(f"{answered.label} {answered.detail}") in history  # the journal view's own words
    assert history.index(both_ctx.database.author) < history.index("Marie Curie")  # newest first
    odt = report_from_id(both_ctx, dossier_id, tmp_path / "note.odt", AS_OF)
    odt_text = _odt_text(odt.read_bytes())
    assert TITLE in odt_text and "Marie Curie" in odt_text and "note.pdf" in odt_text  # the PDF's own event


def test_a_long_journal_shows_the_newest_events_and_counts_the_others(ctx, rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.create("Messagerie")
    uid = ctx.repository.summary(dossier_id).uid
    with ctx.database.engine.begin() as connection:  # a journal of thousands of events, through the real schema
        connection.execute(insert(EventRow), [
            {"dossier_id": dossier_id, "dossier_uid": uid, "kind": "answered", "at": now(),
             "detail": f'{{"justification": "need.users", "n": {i}}}', "author": "bruno"} for i in range(3000)])
    history = dossier_history(ctx, dossier_id)
    assert len(history.lines) == HISTORY_SHOWN and history.older == 3001 - HISTORY_SHOWN
    short = note(rulebook, example("messagerie-operateur"), history=DossierHistory())
    long = note(rulebook, example("messagerie-operateur"), history=history)
    pages = pages_text(long)
    assert len(pages) - len(pages_text(short)) <= 3  # bounded, whatever the journal's length
    assert "… et 2 951 évènements plus anciens, voir le journal du dossier" in pages[-1]
    assert "Le journal de ce dossier est vide." in pages_text(short)[-1]


def test_a_note_made_from_a_file_has_no_history(rulebook) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(pages_text(note(rulebook, example("messagerie-operateur"))))
    assert TITLE not in text


def test_user_text_in_the_history_is_printed_as_typed(rulebook) -> None:  # type: ignore[no-untyped-def]
    typed = 'R&D <Direction> "Pôle"'
    history = DossierHistory((HistoryLine("05/02/2026 14:30", "<admin>", "Titre ou organisation modifiés", typed),))
    text = " ".join(pages_text(note(rulebook, example("messagerie-operateur"), history=history)))
    assert typed in text and "<admin>" in text
