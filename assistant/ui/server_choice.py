"""At start-up, when the shared base's server does not answer: say it in one sentence and let the buyer try
again, work on this workstation's own dossiers instead, or quit."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from assistant.ui.modal import run_modal


class ServerChoice(Enum):
    RETRY = "retry"
    LOCAL = "local"
    QUIT = "quit"


LOCAL_WARNING = ("Vous travaillez sur les dossiers locaux de ce poste\u00a0: la base partagée ne répondait pas "
                 "au démarrage. Relancez l'application pour la retrouver.")
"""Shown in the window's status bar when the buyer chose the local dossiers."""


def ask_server_choice(message: str, parent: QWidget | None = None) -> ServerChoice:
    """The start-up dialog for a shared base out of reach; « Réessayer » is the default button."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Base partagée injoignable", message, parent=parent)
    box.setInformativeText("Vous pouvez réessayer, ou travailler sur les dossiers locaux de ce poste "
                           "(ils ne sont pas partagés avec votre bureau).")
    retry = box.addButton("&Réessayer", QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton("Travailler sur les dossiers &locaux", QMessageBox.ButtonRole.ActionRole)
    box.addButton("&Quitter", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    run_modal(box)
    clicked = box.clickedButton()
    if clicked is retry:
        return ServerChoice.RETRY
    if clicked is local:
        return ServerChoice.LOCAL
    return ServerChoice.QUIT
