"""Application-wide Qt set-up: bundled fonts, Qt's French translations, AA palette and style sheet,
accessibility filter (wheel guard, windows that fit the screen)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QMessageLogContext, QtMsgType, QTranslator, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from assistant.paths import resources_dir
from assistant.ui import a11y
from assistant.ui.palette import apply_palette, style_sheet

FONT_FAMILY = "DejaVu Sans"
_translators: list[QTranslator] = []


def load_fonts(app: QApplication) -> str:
    """Load the bundled DejaVu fonts so that text renders on a machine with no fonts; returns the family."""
    family = FONT_FAMILY
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    size = app.font().pointSizeF()
    font = QFont(family)
    if size > 0:
        font.setPointSizeF(size)
    app.setFont(font)
    return family


def load_translations(app: QApplication) -> bool:
    """Install Qt's own French translations (standard buttons say « Annuler »)."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), resources_dir() / "translations"]
    loaded = False
    for name in ("qtbase_fr", "qt_fr"):
        for folder in folders:
            translator = QTranslator(app)
            if translator.load(name, str(folder)):
                app.installTranslator(translator)
                _translators.append(translator)
                loaded = True
                break
    load_own_translations(app)
    return loaded


OWN_CATALOGUE = "assistant_qt_fr"
"""Qt strings that Qt's French catalogue misses (« Look in » of the file dialog), built from
``resources/translations/assistant_qt_fr.ts`` by ``make`` (pyside6-lrelease)."""


def load_own_translations(app: QApplication, folder: Path | None = None) -> bool:
    """Install the project's own catalogue, installed last so that it is looked up first."""
    translator = QTranslator(app)
    if not translator.load(OWN_CATALOGUE, str(folder or resources_dir() / "translations")):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


HARMLESS_MESSAGES = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
)
"""Messages of the offscreen platform plugin about features it lacks: expected in tests and self-tests."""


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if message in HARMLESS_MESSAGES:
        return
    level = {QtMsgType.QtWarningMsg: "avertissement", QtMsgType.QtCriticalMsg: "erreur",
             QtMsgType.QtFatalMsg: "erreur fatale"}.get(kind, "information")
    print(f"Qt ({level}) : {message}", file=sys.stderr)


DESKTOP_ID = "fr.gouv.AssistantAchatNumerique"
"""The desktop entry's id (installer/linux/DESKTOP_ID.desktop, whose StartupWMClass is the same)."""


def set_identity(app: QApplication) -> None:
    """Name the application as the desktop knows it, and give its windows the application's icon.

    On X11, Qt takes the class of WM_CLASS from the application name: it is the desktop id, so that the
    desktop matches the windows with the menu entry (StartupWMClass); on Wayland, the desktop file name is
    the app_id. The visible titles are set by each window and do not use this name.
    """
    app.setApplicationName(DESKTOP_ID)
    app.setDesktopFileName(DESKTOP_ID)
    icon = resources_dir() / "icons" / "assistant-achat-numerique.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def configure(app: QApplication) -> None:
    qInstallMessageHandler(_qt_message)
    set_identity(app)
    app.setOrganizationName("assistant-achat-numerique")
    load_fonts(app)
    load_translations(app)
    apply_palette(app)
    app.setStyleSheet(style_sheet(resources_dir() / "icons"))
    a11y.install(app)
