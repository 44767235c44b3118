"""Search as you type in the list of dossiers: a short pause between keys, then one query off the GUI thread;
a newer keystroke supersedes an older query (its late result is dropped)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from assistant.services import library
from assistant.ui.dossier_model import PAGE_SIZE
from assistant.ui.workers import Worker, start

if TYPE_CHECKING:
    from assistant.services.context import AppContext
    from assistant.ui.main_window import MainWindow

PAUSE_MS = 150
"""The pause between keys after which the search runs."""


def run_query(ctx: AppContext, query: library.ListQuery, generation: int) -> tuple[int, Any, int, list[Any]]:
    """The worker's job: the count and first page of a query, tagged with its generation (plain values)."""
    total, first = library.search_dossiers(ctx, query, PAGE_SIZE)
    return generation, query, total, first


class ListSearch(QObject):
    """Runs the window's search: ``schedule`` on each keystroke, ``run`` after the pause."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.generation = 0
        """Incremented by each query started; only the latest one's result is shown."""
        self.dropped = 0
        """How many results arrived after a newer query started, and were dropped."""
        self.running = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self.run)

    def query(self) -> library.ListQuery:
        """The list's query with the text in the search field (sort order kept)."""
        current = self._window.model.query or library.ListQuery()
        return replace(current, search=self._window.search.text())

    def schedule(self, *_args: object) -> None:
        """A keystroke: (re)start the pause; the query runs when the typing stops."""
        self.supersede()
        self.timer.start()

    def supersede(self) -> None:
        """Any query still running becomes stale: its result will be dropped."""
        self.generation += 1

    def run(self) -> Worker | None:
        """Start the query for the text typed now, on the thread pool."""
        self.timer.stop()
        if self._window.ctx is None:
            return None
        self.generation += 1
        self.running += 1
        worker = Worker(run_query, self._window.ctx, self.query(), self.generation)
        return start(worker, self._finished, self._failed)

    def _finished(self, result: tuple[int, library.ListQuery, int, list[library.DossierSummary]]) -> None:
        self.running -= 1
        generation, query, total, first = result
        if generation != self.generation:
            self.dropped += 1
            return
        self._window.show_result(query, total, first)

    def _failed(self, message: str) -> None:
        self.running -= 1
        self._window.statusBar().showMessage(message, 8000)
