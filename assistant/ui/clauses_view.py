"""The « Clauses » view of the synthesis: the clauses the conclusion calls for, why (the rule and its
sources), a button to copy the text, and whether each goes into the note's annex.

One list (a Tab stop: arrows choose a clause, Space puts it in or out of the annex), the chosen clause's
text and reason below it, and one « Copier le texte » button.

Signals:
    annex_changed(str, bool): the buyer put a clause in the note's annex (True) or left it out (False).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from assistant.domain import ClauseText
from assistant.rulebook import Rulebook

SECTION_NAMES = {"cctp": "CCTP", "ccap": "CCAP"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ClausesView(QWidget):
    """The called clauses, rebuilt only when the clauses or their texts change."""

    annex_changed = Signal(str, bool)

    def __init__(self, book: Rulebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.texts: dict[str, ClauseText] = {}
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Clauses à insérer dans le dossier de consultation")
        self.list.setAccessibleDescription("Flèches : choisir une clause ; Espace : la mettre dans l'annexe de la "
                                           "note ou l'en retirer.")
        self.list.currentItemChanged.connect(lambda _now, _before: self._show_current())
        self.list.itemChanged.connect(self._item_changed)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton("Copier le te&xte")
        self.copy_button.setAccessibleName("Copier le texte de la clause choisie")
        self.copy_button.clicked.connect(self.copy_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.list, self.detail, self.copy_button):
            layout.addWidget(widget)
        self._shown: tuple[tuple[str, str], ...] | None = None

    def show_clauses(self, texts: tuple[ClauseText, ...], left_out: frozenset[str]) -> None:
        """Show the called clauses; ``left_out`` are those the buyer keeps out of the note's annex."""
        key = tuple((c.id, c.text) for c in texts)
        current = self.current_id()
        self.list.blockSignals(True)
        if key != self._shown:
            self._shown = key
            self.texts = {c.id: c for c in texts}
            self.list.clear()
            for clause in texts:
                item = QListWidgetItem(f"{clause.title} ({SECTION_NAMES.get(clause.section, clause.section)})")
                item.setData(ID_ROLE, clause.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.list.addItem(item)
        for row in range(self.list.count()):
            item = self.list.item(row)
            state = Qt.CheckState.Unchecked if item.data(ID_ROLE) in left_out else Qt.CheckState.Checked
            item.setCheckState(state)
            if item.data(ID_ROLE) == current:
                self.list.setCurrentRow(row)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        count = len(texts)
        self.heading.setText(
            "<h3>Clauses à insérer dans le dossier de consultation</h3>"
            + ("<p>La conclusion n'appelle aucune clause particulière.</p>" if not count else
               f"<p>{count} clause(s) appelée(s) par la conclusion, à adapter au marché. Cochée, une clause "
               "figure dans l'annexe de la note.</p>"))
        self.list.setVisible(bool(count))
        self.copy_button.setVisible(bool(count))
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * count + 2 * self.list.frameWidth() + 4 if count else 0)
        self._show_current()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else None

    def in_annex(self, clause_id: str) -> bool:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == clause_id:
                return item.checkState() == Qt.CheckState.Checked
        return False

    def set_in_annex(self, clause_id: str, included: bool) -> None:
        """What pressing Space on the clause's line does."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == clause_id:
                item.setCheckState(Qt.CheckState.Checked if included else Qt.CheckState.Unchecked)

    def copy_current(self) -> None:
        clause = self.texts.get(self.current_id() or "")
        if clause is not None:
            QGuiApplication.clipboard().setText(clause.text)

    def _show_current(self) -> None:
        clause = self.texts.get(self.current_id() or "")
        if clause is None:
            self.detail.clear()
            return
        sources = "\u00a0; ".join(self.book.source_title(s) for s in clause.sources)
        self.detail.setText(f"<p><b>{_esc(clause.title)}</b></p><p>{_esc(clause.text)}</p>"
                            f"<p><small>Pourquoi\u00a0: {_esc(' '.join(clause.explanations))}<br>"
                            f"Sources\u00a0: {_esc(sources)}</small></p>")

    def _item_changed(self, item: QListWidgetItem) -> None:
        self.annex_changed.emit(str(item.data(ID_ROLE)), item.checkState() == Qt.CheckState.Checked)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
