"""One generic worker for work over ~100 ms: runs a pure service function on the thread pool.

Signals (on ``Worker.signals``):
    finished(object): the function returned this value.
    failed(str): the function raised; the French message to show.
Pass ids and paths across the thread, never ORM objects or widgets.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from assistant.domain.messages import UserError


class WorkerSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class Worker(QRunnable):
    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.function = function
        self.args = args
        self.signals = WorkerSignals()

    def run(self) -> None:
        try:
            result = self.function(*self.args)
        except Exception as exc:  # reported to the window through ``failed``, never lost
            self.signals.failed.emit(user_message(exc))
        else:
            self.signals.finished.emit(result)


def user_message(exc: Exception) -> str:
    """The French sentence to show: a use case's own error says it in French already; anything else is an
    unexpected failure, described in French with its details on stderr for the support team."""
    if isinstance(exc, UserError):
        return str(exc)
    traceback.print_exception(exc, file=sys.stderr)
    return ("Une erreur inattendue a interrompu le travail ; rien n'a été écrit. Les détails techniques "
            "ont été écrits sur la sortie d'erreur pour l'assistance.")


def start(worker: Worker, on_finished: Callable[[Any], None], on_failed: Callable[[str], None]) -> Worker:
    """Connect both signals (the error one always) and start the worker on the global pool."""
    worker.signals.finished.connect(on_finished)
    worker.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(worker)
    return worker
