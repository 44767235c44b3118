"""The Qt table model of the list of dossiers: a fixed list (the trash), or pages fetched from SQLite as the
view scrolls (the main list: SQLite filters and sorts, the window never holds every dossier)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from assistant.services.library import DossierSummary, ListQuery

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100
"""Rows fetched at a time as the view scrolls (a screen shows about 30)."""


class Column(IntEnum):
    TITLE = 0
    ORGANISATION = 1
    UPDATED = 2
    UPDATED_BY = 3
    CONCLUSION = 4


HEADERS = {
    Column.TITLE: "Titre",
    Column.ORGANISATION: "Organisation",
    Column.UPDATED: "Dernière modification",
    Column.UPDATED_BY: "Modifié par",
    Column.CONCLUSION: "Conclusion",
}
SORT_KEYS = {Column.TITLE: "title", Column.ORGANISATION: "organisation", Column.UPDATED: "updated",
             Column.UPDATED_BY: "updated_by", Column.CONCLUSION: "conclusion"}

ID_ROLE = Qt.ItemDataRole.UserRole + 1

PageSource = Callable[["ListQuery", int, int], "list[DossierSummary]"]
"""Fetches ``limit`` summaries from ``offset`` for a query (``services.library.page_of_dossiers``)."""


class DossierTableModel(QAbstractTableModel):
    """Rows are ``DossierSummary`` objects.

    ``reload`` shows a fixed list. ``show_query`` shows a query's result: its total and first page, the
    next pages fetched through ``pages`` when the view asks (``canFetchMore``/``fetchMore``); a click on a
    column header (``sort``) queries again in that order.
    """

    def __init__(self, conclusion_label: Callable[[str], str], parent: Any = None,
                 pages: PageSource | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DossierSummary] = []
        self._conclusion_label = conclusion_label
        self._pages = pages
        self._query: ListQuery | None = None
        self._total = 0
        self._offset = 0
        """Rows of the query read so far (pages are read at this offset)."""
        self._ids: set[int] = set()

    def reload(self, rows: Sequence[DossierSummary]) -> None:
        self.beginResetModel()
        self._rows, self._query, self._total = list(rows), None, len(rows)
        self._offset, self._ids = len(self._rows), {s.id for s in self._rows}
        self.endResetModel()

    def show_query(self, query: ListQuery, total: int, first: Sequence[DossierSummary]) -> None:
        """Show a query's result: ``total`` rows, of which ``first`` (its first page) are loaded."""
        self.beginResetModel()
        self._query, self._total, self._rows = query, total, list(first)
        self._offset, self._ids = len(self._rows), {s.id for s in self._rows}
        self.endResetModel()

    @property
    def query(self) -> ListQuery | None:
        return self._query

    @property
    def total(self) -> int:
        """How many dossiers the list holds, loaded or not."""
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._pages is not None and self._query is not None \
            and self._offset < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._pages is None or self._query is None:
            return
        read = self._pages(self._query, self._offset, PAGE_SIZE)
        self._offset += len(read)
        if not read:  # fewer rows than counted (deleted meanwhile): stop here
            self._total = self._offset
            return
        # a dossier changed since the first page (an answer moves it up) may come again: shown once
        more = [s for s in read if s.id not in self._ids]
        if not more:
            return
        self._ids.update(s.id for s in more)
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def fetch_until(self, dossier_id: int, most: int = 5000) -> int:
        """Load pages until ``dossier_id``'s row is loaded (at most ``most`` rows); its row, or -1."""
        row = self.row_of(dossier_id)
        while row < 0 and self.canFetchMore() and len(self._rows) < most:
            loaded = len(self._rows)
            self.fetchMore()
            row = next((i for i in range(loaded, len(self._rows)) if self._rows[i].id == dossier_id), -1)
        return row

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a header: SQLite sorts (ORDER BY) and the first page is shown again."""
        if self._pages is None or self._query is None or column not in SORT_KEYS:
            return
        from dataclasses import replace

        query = replace(self._query, sort=SORT_KEYS[Column(column)],
                        descending=order == Qt.SortOrder.DescendingOrder)
        if query != self._query:
            self.show_query(query, self._total, self._pages(query, 0, PAGE_SIZE))

    def update_row(self, summary: DossierSummary) -> None:
        """Show one dossier's new summary: its row changes (or is added); the others are not touched."""
        row = self.row_of(summary.id)
        if row < 0:  # not loaded (or not in the search): a fixed list gains it, a paged one waits for a reload
            if self._query is None:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                self._rows.append(summary)
                self._ids.add(summary.id)
                self._total += 1
                self._offset += 1
                self.endInsertRows()
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def summary(self, row: int) -> DossierSummary:
        return self._rows[row]

    def row_of(self, dossier_id: int) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == dossier_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = Column(index.column())
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE:
            return f"{item.title}\n{item.organisation}"
        return None

    def _display(self, item: DossierSummary, column: Column) -> str:
        if column == Column.TITLE:
            return item.title
        if column == Column.ORGANISATION:
            return item.organisation
        if column == Column.UPDATED:
            local = item.updated.replace(tzinfo=UTC).astimezone()
            return local.strftime("%d/%m/%Y %H:%M")
        if column == Column.UPDATED_BY:
            return item.updated_by
        return self._conclusion_label(item.conclusion)
