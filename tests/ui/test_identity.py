"""The application's identity for the desktop (WM_CLASS, desktop id, icon) and the « À propos » box."""

from __future__ import annotations

import configparser
from pathlib import Path

from tests.conftest import close_next_message_box

ROOT = Path(__file__).resolve().parents[2]


def test_identity_matches_the_desktop_entry(qapp) -> None:  # type: ignore[no-untyped-def]
    from assistant.ui.setup import DESKTOP_ID, set_identity

    set_identity(qapp)
    entry = ROOT / "installer" / "linux" / f"{DESKTOP_ID}.desktop"
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(entry, encoding="utf-8")
    assert desktop["Desktop Entry"]["StartupWMClass"] == DESKTOP_ID
    assert qapp.applicationName() == DESKTOP_ID  # Qt's WM_CLASS class on X11
    assert qapp.desktopFileName() == DESKTOP_ID  # Wayland app_id
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().availableSizes()[0].width() == 256


def test_about_box_gives_version_licence_and_rulebook(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from assistant import __version__
    from assistant.ui.dialogs import show_about

    parent = QWidget()
    qtbot.addWidget(parent)
    texts = close_next_message_box()
    show_about(parent, ctx)
    [text] = texts
    assert f"Version {__version__}" in text
    assert "EUPL-1.2" in text
    assert f"{ctx.rulebook.id}, version {ctx.rulebook.version}" in text
