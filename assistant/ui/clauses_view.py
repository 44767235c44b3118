"""The « Clauses » view of the synthesis: the clauses the conclusion calls for, why (the rule and its
sources), a button to copy each text, and whether it goes into the note's annex.

Signals:
    annex_changed(str, bool): the buyer put a clause in the note's annex (True) or left it out (False).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from assistant.domain import ClauseText
from assistant.rulebook import Rulebook

SECTION_NAMES = {"cctp": "CCTP", "ccap": "CCAP"}


class ClausesView(QWidget):
    """One framed block per called clause, rebuilt when the conclusion changes."""

    annex_changed = Signal(str, bool)

    def __init__(self, book: Rulebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.setAccessibleName("Clauses à insérer dans le dossier de consultation")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self._layout.addWidget(self.heading)
        self.blocks: dict[str, QFrame] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        self.annex_boxes: dict[str, QCheckBox] = {}
        self._shown: tuple[tuple[str, str], ...] = ()

    def show_clauses(self, texts: tuple[ClauseText, ...], left_out: frozenset[str]) -> None:
        """Show the called clauses; ``left_out`` are those the buyer keeps out of the note's annex."""
        key = tuple((c.id, c.text) for c in texts)
        if key == self._shown:  # same clauses, same texts: keep the widgets (and the keyboard focus)
            for clause_id, box in self.annex_boxes.items():
                box.blockSignals(True)
                box.setChecked(clause_id not in left_out)
                box.blockSignals(False)
            return
        self._shown = key
        for block in self.blocks.values():
            self._layout.removeWidget(block)
            block.deleteLater()
        self.blocks, self.copy_buttons, self.annex_boxes = {}, {}, {}
        count = len(texts)
        self.heading.setText(
            "<h3>Clauses à insérer dans le dossier de consultation</h3>"
            + ("<p>La conclusion n'appelle aucune clause particulière.</p>" if not count else
               f"<p>{count} clause(s) appelée(s) par la conclusion, à adapter au marché.</p>"))
        for clause in texts:
            self.blocks[clause.id] = block = self._block(clause, clause.id not in left_out)
            self._layout.addWidget(block)

    def _block(self, clause: ClauseText, in_annex: bool) -> QFrame:
        block = QFrame()
        block.setFrameShape(QFrame.Shape.StyledPanel)
        block.setAccessibleName(f"Clause\u00a0: {clause.title}")
        layout = QVBoxLayout(block)
        title = QLabel(f"<b>{_esc(clause.title)}</b> ({SECTION_NAMES.get(clause.section, clause.section)})")
        text = QLabel(_esc(clause.text))
        text.setWordWrap(True)
        sources = "\u00a0; ".join(self.book.source_title(s) for s in clause.sources)
        why = QLabel(f"<small>Pourquoi\u00a0: {_esc(' '.join(clause.explanations))}<br>"
                     f"Sources\u00a0: {_esc(sources)}</small>")
        why.setWordWrap(True)
        copy = QPushButton("Copier le texte")
        copy.setAccessibleName(f"Copier le texte de la clause {clause.title}")
        copy.clicked.connect(lambda _c=False, t=clause.text: self._copy(t))
        annex = QCheckBox("Dans l'annexe de la note")
        annex.setAccessibleName(f"Mettre la clause {clause.title} dans l'annexe de la note")
        annex.setChecked(in_annex)
        annex.toggled.connect(lambda on, i=clause.id: self.annex_changed.emit(i, on))
        buttons = QHBoxLayout()
        buttons.addWidget(copy)
        buttons.addWidget(annex)
        buttons.addStretch()
        for widget in (title, text, why):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.copy_buttons[clause.id] = copy
        self.annex_boxes[clause.id] = annex
        return block

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
