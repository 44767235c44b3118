"""What every section of the note reads: the dossier, its evaluation, the rulebook, styles and citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from assistant.domain import Dossier, Evaluation
from assistant.reports.styles import Styles, esc
from assistant.rulebook.summary import NO_ANSWER, answer_text

if TYPE_CHECKING:
    from assistant.rulebook import Rulebook

__all__ = ["NO_ANSWER", "NoteContext"]
CELL_PADDING = 2 * 6 + 1
"""Left and right padding of a table cell (reportlab's default 6 points each), and a point to spare."""


@dataclass
class NoteContext:
    dossier: Dossier
    evaluation: Evaluation
    rulebook: Rulebook
    as_of: date
    styles: Styles
    width: float
    cited: list[str] = field(default_factory=list)
    """Source ids in order of first citation; annex B lists them with these numbers."""
    _headings: int = 0

    # -- text ---------------------------------------------------------------------------------------
    def para(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain text (escaped)."""
        return Paragraph(esc(text), getattr(self.styles, style))

    def markup(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph whose markup the caller built, escaping every user text itself."""
        return Paragraph(markup, getattr(self.styles, style))

    def cell(self, text: str, style: str = "cell", width: float = 0) -> Paragraph | str:
        """A table cell of plain text: a bare string when it fits on one line (much cheaper to lay out
        than a Paragraph; the table style sets its font), else a wrapping Paragraph."""
        chosen = getattr(self.styles, style)
        if "\n" not in text and stringWidth(text, chosen.fontName, chosen.fontSize) <= width - CELL_PADDING:
            return text
        return self.para(text, style)

    def heading(self, text: str, level: int = 0) -> Flowable:
        """A section title that is also a PDF bookmark."""
        self._headings += 1
        flowable = Paragraph(esc(text), self.styles.h1 if level == 0 else self.styles.h2)
        flowable.outline = (level, f"s{self._headings}", text)
        return flowable

    # -- facts and labels ---------------------------------------------------------------------------
    def answer(self, fact: str, facts: dict[str, Any] | None = None) -> str:
        """A dossier's answer (or an offer's, from ``facts``) as the note shows it."""
        if facts is not None:
            return answer_text(self.rulebook, facts, fact, {})
        return answer_text(self.rulebook, self.dossier.facts, fact, self.evaluation.details.defaults)

    def label(self, kind: str, value: Any) -> str:
        return self.rulebook.label(kind, value)

    # -- sources ------------------------------------------------------------------------------------
    def cite(self, source_ids: Any) -> str:
        """Markup citing sources as ``[n] title``, numbered for annex B."""
        parts = []
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)
            number = self.cited.index(source_id) + 1
            source = self.rulebook.sources.get(source_id)
            title = source.title if source else source_id
            flag = " <i>(à vérifier)</i>" if source is not None and source.to_verify else ""
            parts.append(f"[{number}]\u00a0{esc(title)}{flag}")
        return " ; ".join(parts)
