"""The offers step's table: a thin Qt model over the dossier's offers and their evaluation results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from assistant.domain import Candidate, CandidateResult
from assistant.rulebook import Rulebook, describe_offer

Index = QModelIndex | QPersistentModelIndex


class OfferTableModel(QAbstractTableModel):
    """Rows are (Candidate, CandidateResult | None); columns: name, eligibility, score, rank."""

    HEADERS = ("Offre", "Éligibilité", "Note pondérée", "Rang")

    def __init__(self, book: Rulebook, parent: Any = None) -> None:
        super().__init__(parent)
        self.book = book
        self.rows: list[tuple[Candidate, CandidateResult | None]] = []
        self.ranks: dict[str, int] = {}

    def reload(self, rows: Sequence[tuple[Candidate, CandidateResult | None]], ranks: dict[str, int]) -> None:
        self.beginResetModel()
        self.rows, self.ranks = list(rows), dict(ranks)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        candidate, result = self.rows[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return candidate.name
        if column == 1:
            return "—" if result is None else describe_offer(self.book, result)
        if column == 2:
            if result is None or result.score is None:
                return "non notée"
            return f"{result.score:.2f}".replace(".", ",") + " / 5"
        rank = self.ranks.get(candidate.name)
        return f"{rank}" if rank else "—"
