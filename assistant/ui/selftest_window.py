"""The window part of the self-test: build the main window offscreen and draw it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from assistant.services.context import AppContext
from assistant.ui.setup import configure


def check_window(ctx: AppContext) -> str:
    from assistant.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["assistant"])
    assert isinstance(app, QApplication)
    configure(app)
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    image = window.grab()
    rows = window.model.rowCount()
    window.close()
    if image.isNull() or image.width() < 100:
        raise AssertionError("la fenêtre n'a pas pu être dessinée")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    box.deleteLater()
    if cancel != "Annuler":
        raise AssertionError(f"traductions de Qt absentes (le bouton dit « {cancel} »)")
    family = app.font().family()
    return f"{image.width()}×{image.height()} px, {rows} dossier(s), police {family}, boutons en français"
