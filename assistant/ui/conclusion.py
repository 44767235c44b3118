"""The live conclusion panel: what the rules conclude now, what is missing, and why.

Tab enters and leaves the panel in one press; inside it, the arrow keys ← and → go from link to link.
A change of the conclusion is announced to screen readers through the live region above the text.

Signals:
    question_requested(str): the buyer clicked a missing answer or a warning (fact id).
    page_requested(str): the buyer clicked a source or a vademecum link (page id, or ``sources#id``).
"""

from __future__ import annotations

from html import escape as _escape

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from assistant.domain import Evaluation
from assistant.rulebook import Rulebook, describe_offer
from assistant.rulebook.summary import summary_rows
from assistant.ui.a11y import LiveRegion
from assistant.ui.palette import MUTED


def escape(text: str) -> str:
    """Escape for Qt rich text (attributes here are single-quoted ids, text keeps its apostrophes); amounts
    stay on one line (Qt's rich text breaks lines at U+202F, not at U+00A0)."""
    return _escape(text, quote=False).replace("\u202f", "\u00a0")


def conclusion_html(
    evaluation: Evaluation, book: Rulebook, *, why: bool, scale: float = 1.0, base_points: float = 10.0
) -> str:
    """The panel's content as simple HTML (Qt's rich-text subset)."""
    parts = [f"<div style='font-size:{base_points * scale:.0f}pt'>"]

    def row(label: str, value: str) -> None:
        parts.append(f"<p style='margin:4px 0'><b>{escape(label)}</b><br>{value}</p>")

    for summary in summary_rows(book, evaluation):
        values = [escape(value) for value in summary.values]
        if summary.key == "path":
            text = f"<span style='font-size:115%'><b>{values[0]}</b></span>"
        elif summary.key == "hosting":
            text = "<br>".join("• " + value for value in values) or escape(summary.empty)
        else:
            text = ", ".join(values) or escape(summary.empty)
        row(summary.name, text)
    if evaluation.candidates:
        lines = []
        for c in evaluation.candidates:
            score = f" — note {c.score:.2f}/5".replace(".", ",") if c.score is not None else ""
            lines.append(f"• {escape(c.name)} : {escape(describe_offer(book, c))}{score}")
        row("Offres", "<br>".join(lines))
    if evaluation.warnings:
        notices: list[str] = []
        for w in evaluation.warnings:
            text = escape(w.message)
            if w.fact:
                text = f"<a href='question:{escape(w.fact)}'>{text}</a>"
            elif w.id == "source.unverified" and w.sources:  # a conclusion resting on a source « à vérifier »
                text = f"<a href='source:{escape(w.sources[0])}'>{text}</a>"
            notices.append(text)
        parts.append("<p style='margin:8px 0 2px 0; color:#b34000'><b>⚠ Avertissements</b></p>")
        parts.append("<br>".join("• " + n for n in notices))
    if evaluation.missing:
        parts.append("<p style='margin:8px 0 2px 0'><b>Réponses manquantes</b></p>")
        parts.append("<br>".join(
            f"• <a href='question:{escape(m)}'>{escape(book.fact_label(m))}</a>" for m in evaluation.missing
        ))
    if why:
        parts.append("<h3 style='margin-top:12px'>Pourquoi ?</h3>")
        for entry in evaluation.trace:
            sources = ", ".join(
                f"<a href='source:{escape(s)}'>{escape(book.source_title(s))}</a>" for s in entry.sources
            )
            more = f" <a href='page:{escape(entry.page)}'>(vademecum)</a>" if entry.page else ""
            parts.append(
                f"<p style='margin:4px 0'>{escape(entry.explanation or entry.outcome)}{more}"
                f"<br><small>Sources : {sources}</small></p>"
            )
    ref = evaluation.rulebook
    parts.append(f"<p style='margin-top:10px; color:{MUTED}'><small>Référentiel {escape(ref.id)}, "
                 f"version {escape(ref.version)}</small></p>")
    parts.append("</div>")
    return "".join(parts)


def headline(evaluation: Evaluation, book: Rulebook) -> str:
    """The conclusion in one sentence, for the live region and the presenter view."""
    return (f"Chemin : {book.label('path', evaluation.path)}. "
            f"Procédure : {book.label('procedure', evaluation.procedure)}.")


class LinkBrowser(QTextBrowser):
    """A read-only text browser that is a single Tab stop: ← and → move between its links, Entrée follows."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left) and not event.modifiers():
            QTextBrowser.focusNextPrevChild(self, event.key() == Qt.Key.Key_Right)
            if not self.hasFocus():
                self.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().keyPressEvent(event)


class ConclusionPanel(QWidget):
    """Always visible beside the questions; refreshed after every answer."""

    question_requested = Signal(str)
    page_requested = Signal(str)

    def __init__(self, book: Rulebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.evaluation: Evaluation | None = None
        self.scale = 1.0
        self._base_points = self.font().pointSizeF()
        self.live = LiveRegion("Conclusion")
        self.browser = LinkBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Conclusion en cours")
        self.browser.setAccessibleDescription("Flèches gauche et droite : lien précédent ou suivant ; "
                                              "Entrée : suivre le lien")
        self.browser.anchorClicked.connect(self._follow)
        self.why_button = QPushButton("Pourquoi ?")
        self.why_button.setCheckable(True)
        self.why_button.setToolTip("Déplier l'explication : chaque règle appliquée, avec ses sources")
        self.why_button.toggled.connect(lambda _on: self.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.live)
        layout.addWidget(self.browser)
        layout.addWidget(self.why_button)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        before = self.evaluation
        self.evaluation = evaluation
        line = headline(evaluation, self.book)
        if before is not None and line != headline(before, self.book):
            self.live.announce(f"Conclusion modifiée : {line}")
        elif before is None:
            self.live.setText(line)
        self.refresh()

    def refresh(self) -> None:
        if self.evaluation is None:
            return
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(conclusion_html(
            self.evaluation, self.book, why=self.why_button.isChecked(), scale=self.scale,
            base_points=self.font().pointSizeF() if self.scale == 1.0 else self._base_points,
        ))
        bar.setValue(position)

    def text(self) -> str:
        return self.browser.toPlainText()

    def _follow(self, url: QUrl) -> None:
        scheme, _, target = url.toString().partition(":")
        if scheme == "question":
            self.question_requested.emit(target)
        elif scheme == "source":
            self.page_requested.emit(f"sources#{target}")
        elif scheme == "page":
            self.page_requested.emit(target)
