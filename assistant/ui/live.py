"""The live list in the window: a timer asks the services' feed what changed elsewhere (another buyer on the
shared base, the command line on this workstation) and the main window shows it within about a second."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from assistant.services.live import LiveFeed, News

if TYPE_CHECKING:
    from assistant.services.context import AppContext


class LiveRefresh(QObject):
    """Checks the feed on a timer; ``news`` carries each non-empty ``News`` (a change, the base out of reach,
    or the base back after being out of reach)."""

    news = Signal(object)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.feed = LiveFeed(ctx)
        self._problem: str | None = None
        self._busy = False
        """A check's news is being shown (a dialog it opened runs its own event loop): the timer waits."""
        self.timer = QTimer(self)
        self.timer.setInterval(self.feed.interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> News:
        """One check now (the timer's, or a test's); emits ``news`` when there is something to show."""
        if self._busy:
            return News()
        news = self.feed.check()
        previous, self._problem = self._problem, news.problem
        if news.problem is None and previous is not None:
            news.everything = True  # back: what changed meanwhile is not known dossier by dossier
        if news.changed or news.everything or (news.problem and news.problem != previous):
            self._busy = True
            try:
                self.news.emit(news)
            finally:
                self._busy = False
        return news

    def stop(self) -> None:
        self.timer.stop()
        self.feed.close()
