"""``build_odt``: the decision note's editable twin in OpenDocument (odfdo), with the PDF's sections, tables
and annexes, real headings and named paragraph styles a ministry's template can restyle.

The same inputs give the same bytes: the metadata dates are the evaluation date and the zip entries are
written again in a fixed order with a fixed time.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import TYPE_CHECKING

from odfdo import Cell, Document, Header, Paragraph, Row, Style, Table
from odfdo.xmlpart import XmlPart

from assistant.reports.odt.content import SECTIONS, Heading, NoteContent, Para, TableBlock, sections

if TYPE_CHECKING:
    from assistant.domain import ClauseText, Dossier, Evaluation
    from assistant.domain.history import DossierHistory
    from assistant.rulebook import Rulebook

STYLES = (
    ("Note_20_Label", "Note Label", True, False),
    ("Note_20_Small", "Note Small", False, False),
    ("Note_20_Quote", "Note Quote", False, True),
    ("Note_20_Warning", "Note Warning", True, False),
)
"""Named paragraph styles of the note (name, display name, bold, italic), children of « Text body »."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def clean(text: str) -> str:
    """Text as XML can hold it: control characters and lone surrogates become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


class _Writer:
    def __init__(self, document: Document) -> None:
        self.body = document.body

    def heading(self, level: int, text: str) -> None:
        self.body.append(Header(level, clean(text), formatted=False))

    def para(self, text: str, style: str = "Text_20_body") -> None:
        self.body.append(Paragraph(clean(text), style=style, formatted=True))

    def table(self, name: str, rows: list[list[str]], *, header: bool = False) -> None:
        table = Table(clean(name)[:60] or "Tableau")
        for index, values in enumerate(rows):
            row = Row()
            for value in values:
                cell = Cell(style="Note_20_Cell")
                style = "Note_20_Label" if header and index == 0 else "Table_20_Contents"
                cell.append(Paragraph(clean(value), style=style, formatted=True))
                row.append_cell(cell)
            table.append_row(row)
        self.body.append(table)


def _document(title: str, author: str, day: date) -> Document:
    document = Document("text")
    document.body.clear()
    for name, display, bold, italic in STYLES:
        document.insert_style(Style("paragraph", name=name, display_name=display, parent_style="Text_20_body",
                                    bold=bold, italic=italic), automatic=False)
    document.insert_style(Style("paragraph", name="Table_20_Contents", display_name="Table Contents",
                                parent_style="Standard"), automatic=False)
    styles = document.get_part("styles.xml")
    assert isinstance(styles, XmlPart)
    for level in styles.get_elements("//text:outline-level-style"):
        # The note numbers its own sections (« 1. Points d'attention »): no automatic outline numbering.
        for attribute in ("style:num-format", "style:num-suffix", "loext:num-list-format"):
            level.set_attribute(attribute, "" if attribute == "style:num-format" else None)
    document.insert_style(Style("table-cell", name="Note_20_Cell", border="0.5pt solid #9a9a9a",
                                padding="0.1cm"), automatic=True)
    meta = document.meta
    moment = datetime(day.year, day.month, day.day)
    meta.set_title(clean(title))
    meta.set_language("fr-FR")
    meta.set_creation_date(moment)
    meta.set_modification_date(moment)
    meta.set_generator("Assistant achat numérique")
    if author:
        meta.set_initial_creator(clean(author))
    return document


def _stable_zip(raw: bytes) -> bytes:
    """The package again with the mimetype first and stored, every entry at a fixed time, in a fixed order."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    names = sorted(source.namelist(), key=lambda n: (n != "mimetype", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def build_odt(
    dossier: Dossier,
    evaluation: Evaluation,
    rulebook: Rulebook,
    *,
    as_of: date,
    author: str = "",
    organisation: str = "",
    watermark: str | None = None,
    history: DossierHistory | None = None,
) -> bytes:
    """The decision note as an OpenDocument text; the same arguments give the same bytes. ``history``: the
    dossier's journal in words (annex D), for a stored dossier."""
    content = NoteContent(dossier, evaluation, rulebook, as_of, author, organisation or dossier.organisation,
                          history=history)
    document = _document(dossier.title, author or organisation or dossier.organisation, as_of)
    writer = _Writer(document)
    if watermark:
        writer.para(f"{watermark} — document d'exercice, sans valeur de décision", "Note_20_Warning")
    for block in sections(content):
        if isinstance(block, Heading):
            writer.heading(block.level, block.text)
        elif isinstance(block, Para):
            writer.para(block.text, block.style)
        elif isinstance(block, TableBlock):
            writer.table(block.name, block.rows, header=block.header)
    raw = io.BytesIO()
    document.save(raw)
    return _stable_zip(raw.getvalue())


def build_clauses_odt(
    title: str, texts: tuple[ClauseText, ...], rulebook: Rulebook, *, as_of: date
) -> bytes:
    """The clauses alone, grouped by consultation document, each with its reason and sources."""
    document = _document(f"Clauses — {title}", "", as_of)
    writer = _Writer(document)
    writer.heading(1, f"Clauses à insérer dans le dossier de consultation — {title}")
    writer.para("Textes proposés, à adapter au marché\u00a0; chacun dit la règle qui l'appelle.", "Note_20_Small")
    if not texts:
        writer.para("La conclusion n'appelle aucune clause particulière.")
    for section, name in SECTIONS:
        chosen = [c for c in texts if c.section == section]
        if chosen:
            writer.heading(2, name)
        for clause in chosen:
            writer.heading(3, clause.title)
            writer.para(clause.text, "Note_20_Quote")
            writer.para("Pourquoi\u00a0: " + " ".join(clause.explanations), "Note_20_Small")
            sources = "\u00a0; ".join(rulebook.source_title(s) for s in clause.sources)
            writer.para(f"Sources\u00a0: {sources}", "Note_20_Small")
    raw = io.BytesIO()
    document.save(raw)
    return _stable_zip(raw.getvalue())
