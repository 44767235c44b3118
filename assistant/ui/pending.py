"""Answers typed while the shared base's server does not answer: kept in the window, shown as not saved yet,
and saved again (automatically every few seconds, or at once with « Réessayer ») when the server is back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from assistant.services.editing import ServerLostError

RETRY_MS = 5000
"""How often the saves still waiting are tried again on their own."""
LOST = ("Le serveur de la base partagée ne répond plus\u00a0: {held}. Nouvel essai automatique toutes les "
        "{seconds}\u00a0secondes.")


def held_text(count: int) -> str:
    if count == 1:
        return "1 réponse est gardée dans cette fenêtre, pas encore enregistrée"
    return f"{count} réponses sont gardées dans cette fenêtre, pas encore enregistrées"

Save = Callable[[str, str, Any], None]
"""Saves one held change: (kind « answer » or « justification », fact, value); raises what the save raises."""


class PendingSaves(QFrame):
    """The bar of the saves waiting for the server, and the changes themselves, in the order typed.

    ``hold`` keeps a change whose save met a server gone away; ``retry`` saves them in order through
    ``save`` and stops at the first that still cannot reach the server. Any other refusal (another buyer's
    change: a conflict) goes to ``refused`` with the facts still held, which are then dropped from here.
    The button and the timer emit ``retry_requested``; the window answers with ``retry`` (the bar holds no
    reference to the window's methods: a widget keeping its parent's bound methods alive confuses Qt's
    deletion of the window).
    """

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.held: dict[tuple[str, str], Any] = {}
        self.setObjectName("pendingSaves")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Réponses non enregistrées")
        self.retry_button = QPushButton("Réessa&yer maintenant")
        self.retry_button.setAccessibleName("Réessayer d'enregistrer les réponses")
        self.retry_button.clicked.connect(self.retry_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(QLabel("⚠"))
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry_button)
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.retry_requested)
        self.hide()

    def facts(self) -> set[str]:
        return {fact for _kind, fact in self.held}

    def hold(self, kind: str, fact: str, value: Any) -> None:
        """Keep a change the server did not take (a later change of the same answer replaces it, at the end)."""
        self.held.pop((kind, fact), None)
        self.held[(kind, fact)] = value
        self.message.setText(LOST.format(held=held_text(len(self.held)), seconds=RETRY_MS // 1000))
        self.show()
        self.timer.start()

    def retry(self, save: Save, refused: Callable[[Exception, set[str]], None]) -> bool:
        """Save what is held, in order; True when nothing is left waiting."""
        for key, value in list(self.held.items()):
            try:
                save(key[0], key[1], value)
            except ServerLostError:
                return False
            except Exception as exc:  # a UserError (a conflict...): the window reloads and says it
                facts = self.facts()
                self._clear()
                refused(exc, facts)
                return True
            del self.held[key]
        self._clear()
        return True

    def _clear(self) -> None:
        self.held.clear()
        self.timer.stop()
        self.hide()
