"""The live list: which dossiers changed since the window last looked, and who changed them.

A window checks ``LiveFeed.check`` on a timer (``interval_ms``). On a shared PostgreSQL base the check is
woken by the server's notifications (``LISTEN``), on SQLite by the file's commit counter, so another
buyer's change, or one made with the command line, reaches the list within about half a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.services.context import AppContext
from assistant.storage.changes import ChangeUnavailableError, ChangeWatch

INTERVAL_MS = 500
"""A window checks twice a second: checking a shared base for a notification costs no request to the server,
and reading a SQLite file's commit counter no I/O (about 10 µs, ``tests/bench/bench_live.py``)."""
SILENT_KINDS = frozenset({"exported", "reported"})
"""Journal events that change nothing the list shows."""


@dataclass
class News:
    """What a check found: the changed dossiers (id → who changed it last), or why the base cannot be read."""

    changed: dict[int, str] = field(default_factory=dict)
    problem: str | None = None
    everything: bool = False
    """The base is back after being out of reach: what changed meanwhile is unknown, read the list again."""


class LiveFeed:
    """The changes of one open base, as a window's timer asks for them."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._watch: ChangeWatch | None = None
        self._away = False
        self._open()

    @property
    def interval_ms(self) -> int:
        return INTERVAL_MS

    def _open(self) -> None:
        try:
            self._watch = ChangeWatch(self._ctx.database.engine)
        except ChangeUnavailableError:
            self._watch = None

    def _problem(self) -> str:
        if self._ctx.database.url:
            return ("Le serveur de la base partagée ne répond plus\u00a0: la liste sera mise à jour dès son "
                    "retour (nouvel essai automatique).")
        return ("La base de données ne peut pas être lue pour l'instant\u00a0: la liste sera mise à jour dès "
                "que possible.")

    def check(self) -> News:
        """The dossiers changed since the last check; never raises (a base out of reach is said in ``problem``)."""
        if self._watch is None:
            self._open()
            if self._watch is None:
                return News(problem=self._problem())
            return News(everything=True)
        try:
            events = self._watch.check()
        except ChangeUnavailableError:
            self._away = True
            return News(problem=self._problem())
        news = News(everything=self._away or self._watch.missed)
        self._away = False
        for event in events:
            if event.kind not in SILENT_KINDS:
                news.changed[event.dossier_id] = event.author
        return news

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None


def news_sentence(news: News, titles: dict[int, str]) -> str:
    """The status bar's sentence for changes made elsewhere (``titles``: the changed dossiers still listed)."""
    authors = sorted({author for author in news.changed.values() if author})
    by = f" par {', '.join(authors)}" if authors else ""
    if len(news.changed) == 1:
        (dossier_id,) = news.changed
        title = titles.get(dossier_id)
        if title:
            return f"Le dossier «\u00a0{title}\u00a0» vient d'être modifié{by}."
        return f"Un dossier vient d'être modifié{by}."
    return f"{len(news.changed)} dossiers viennent d'être modifiés{by}."
