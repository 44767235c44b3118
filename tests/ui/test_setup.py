"""Application set-up: the project's own French catalogue completes Qt's (the file dialog's labels)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from assistant.paths import resources_dir
from assistant.ui.setup import OWN_CATALOGUE, load_own_translations


def test_the_file_dialog_is_all_french(qapp: QApplication, tmp_path: Path) -> None:
    source = resources_dir() / "translations" / f"{OWN_CATALOGUE}.ts"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(tmp_path / f"{OWN_CATALOGUE}.qm")],
                   check=True, timeout=60)
    assert load_own_translations(qapp, tmp_path)
    dialog = QFileDialog(None, "Importer un dossier")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = {label.text().replace("\u00a0", " ") for label in dialog.findChildren(QLabel)}
    assert {"Voir &dans :", "Fichiers de &type :", "&Nom de fichier :"} <= labels
    assert not any("Look" in text or "Files of" in text for text in labels)
    dialog.deleteLater()


def test_a_missing_catalogue_changes_nothing(qapp: QApplication, tmp_path: Path) -> None:
    assert not load_own_translations(qapp, tmp_path)
