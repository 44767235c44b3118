"""Composition root: builds paths, storage and rulebook, then the window.

Every failure before the window opens becomes one French sentence (a dialog and stderr) and an exit status.
"""

from __future__ import annotations

import sys

from assistant.paths import AppPaths

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail(message: str, status: int) -> int:
    from PySide6.QtWidgets import QMessageBox

    print(message, file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Critical, "Assistant achat numérique", message)
    box.exec()
    return status


def run_gui(paths: AppPaths, *, training: bool = False, argv: list[str] | None = None) -> int:
    """Open the main window on ``paths`` and run the event loop."""
    from PySide6.QtWidgets import QApplication

    from assistant.rulebook import RulebookError
    from assistant.services.context import load_bundled_rulebook, open_context
    from assistant.storage import DatabaseError, DatabaseTooNewError
    from assistant.storage.lock import DataFolderLock, FolderLockedError
    from assistant.ui.main_window import MainWindow
    from assistant.ui.setup import configure

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    configure(app)
    lock = DataFolderLock(paths.lock_file)
    try:
        lock.acquire()
    except FolderLockedError as exc:
        return _fail(str(exc), EXIT_FAILED)
    except OSError as exc:
        return _fail(f"Le dossier de données {paths.data_dir} est inaccessible ({exc.strerror}).", EXIT_FAILED)
    try:
        book = load_bundled_rulebook()
    except RulebookError as exc:
        return _fail(
            f"Le référentiel de règles est invalide ({len(exc.problems)} problème(s)), "
            f"par exemple : {exc.problems[0]}. L'application ne peut pas démarrer.", EXIT_FAILED)
    try:
        ctx = open_context(paths, rulebook=book, training=training)
    except DatabaseTooNewError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except DatabaseError as exc:
        return _fail(str(exc), EXIT_FAILED)
    window = MainWindow(ctx)
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()
        lock.release()
