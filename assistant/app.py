"""Composition root: builds paths, storage and rulebook, then the window.

Every failure before the window opens becomes one French sentence (a dialog and stderr) and an exit status.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from assistant import EXIT_FAILED
from assistant.domain.messages import UserError, folder_unusable
from assistant.paths import AppPaths
from assistant.siteconfig import SiteConfig


class StartupError(Exception):
    """Start-up cannot go on; the message is one French sentence, ``status`` the exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Session:
    """A running window with what must be released when it closes."""

    app: Any
    window: Any
    lock: Any
    ctx: Any = None
    error: StartupError | None = None

    def close(self) -> None:
        current = getattr(self.window, "ctx", None)  # a restore in the window reopened the base
        for ctx in {id(c): c for c in (self.ctx, current) if c is not None}.values():
            ctx.close()
        self.lock.release()


def open_data(paths: AppPaths, *, training: bool = False, site: SiteConfig | None = None) -> Any:
    """Open the data folder through the services' one door; failures become a ``StartupError``."""
    from assistant.services.context import open_data_folder

    try:
        return open_data_folder(paths, site, training=training)
    except UserError as exc:
        raise StartupError(str(exc), exc.status) from exc


def start_window(paths: AppPaths, *, training: bool = False, argv: list[str] | None = None) -> Session:
    """Show the main window at once, then open rulebook and storage and fill it (``Session.finish``).

    The window appears before SQLAlchemy and the rulebook are loaded (about half of the start-up time);
    it stays inert (only « Quitter ») until ``finish_start`` attaches the data.
    """
    from PySide6.QtWidgets import QApplication

    from assistant.lock import DataFolderLock, FolderLockedError
    from assistant.ui.main_window import MainWindow
    from assistant.ui.setup import configure

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    configure(app)  # type: ignore[arg-type]
    lock = DataFolderLock(paths.lock_file)
    try:
        lock.acquire()
    except FolderLockedError as exc:
        raise StartupError(str(exc), EXIT_FAILED) from exc
    except OSError as exc:
        raise StartupError(str(folder_unusable(paths.data_dir, exc)), EXIT_FAILED) from exc
    window = MainWindow(paths=paths, training=training)
    window.show()
    return Session(app, window, lock)


def finish_start(session: Session, paths: AppPaths, *, training: bool = False, site: SiteConfig | None = None) -> None:
    """Open the data and attach it to the window; on failure record the error in the session."""
    try:
        session.ctx = open_data(paths, training=training, site=site)
    except StartupError as exc:
        session.error = exc
        return
    session.window.attach(session.ctx)


def restored_after_damage(session: Session, paths: AppPaths) -> bool:
    """When start-up stopped on a damaged base, offer to put back the latest good copy; True when done."""
    from assistant.services.backups import DatabaseDamagedError
    from assistant.ui.backups_dialog import offer_restore

    error = session.error
    if error is None or not isinstance(error.__cause__, DatabaseDamagedError):
        return False
    print(error, file=sys.stderr)
    return offer_restore(paths, str(error), session.window)


def server_out_of_reach(session: Session) -> bool:
    """Whether start-up stopped because the shared base's server did not answer."""
    from assistant.services.context import ServerUnreachableError

    return session.error is not None and isinstance(session.error.__cause__, ServerUnreachableError)


def recovered_from_server(session: Session, paths: AppPaths, *, training: bool, site: SiteConfig | None) -> bool:
    """The shared base did not answer: the buyer retries (as often as wanted), opens this workstation's own
    dossiers, or quits (False)."""
    from dataclasses import replace

    from assistant.ui.server_choice import LOCAL_WARNING, ServerChoice, ask_server_choice

    while server_out_of_reach(session):
        assert session.error is not None
        choice = ask_server_choice(str(session.error), session.window)
        if choice is ServerChoice.QUIT:
            return False
        session.error = None
        local = choice is ServerChoice.LOCAL
        finish_start(session, paths, training=training,
                     site=replace(site or SiteConfig(), database_url=None) if local else site)
        if local and session.error is None:
            session.window.statusBar().showMessage(LOCAL_WARNING)
    return session.error is None


def _report(exc: StartupError) -> None:
    from PySide6.QtWidgets import QMessageBox

    print(exc, file=sys.stderr)
    from assistant.ui.modal import run_modal

    run_modal(QMessageBox(QMessageBox.Icon.Critical, "Assistant achat numérique", str(exc)))


def run_gui(
    paths: AppPaths, *, training: bool = False, argv: list[str] | None = None, site: SiteConfig | None = None
) -> int:
    """Open the main window on ``paths`` and run the event loop."""
    from PySide6.QtCore import QTimer

    try:
        session = start_window(paths, training=training, argv=argv)
    except StartupError as exc:
        _report(exc)
        return exc.status

    def finish() -> None:
        finish_start(session, paths, training=training, site=site)
        if session.error is not None and restored_after_damage(session, paths):
            session.error = None
            finish_start(session, paths, training=training, site=site)
        if server_out_of_reach(session) and not recovered_from_server(session, paths, training=training, site=site):
            session.window.hide()
            session.app.exit(session.error.status if session.error else 1)
            return
        if session.error is not None:
            session.window.hide()
            _report(session.error)
            session.app.exit(session.error.status)

    QTimer.singleShot(0, finish)
    try:
        from assistant.ui.modal import run_modal

        return run_modal(session.app)
    finally:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone()  # a note being written finishes before the data closes
        session.close()
