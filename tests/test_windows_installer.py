"""The Windows installer script, which cannot be built here: what can be checked from Linux is checked."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ISS = ROOT / "installer" / "windows" / "assistant.iss"
PS1 = ROOT / "installer" / "windows" / "build.ps1"


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_setup_declares_licence_version_and_a_per_user_option() -> None:
    setup = dict(line.split("=", 1) for line in _sections(ISS.read_text(encoding="utf-8"))["Setup"])
    assert (ISS.parent / setup["LicenseFile"].replace("\\", "/")).resolve() == (ROOT / "LICENCE.txt").resolve()
    assert setup["VersionInfoVersion"] == "{#AppVersion}"
    assert "dialog" in setup["PrivilegesRequiredOverridesAllowed"]
    assert (ROOT / "LICENCE.txt").read_text(encoding="utf-8").count("EUROPEAN UNION PUBLIC LICENCE") >= 1


def test_every_file_of_the_licences_folder_is_installed_and_user_data_is_kept() -> None:
    files = _sections(ISS.read_text(encoding="utf-8"))["Files"]
    licences = [f for f in files if "\\licences\\*" in f]
    assert licences and "recursesubdirs" in licences[0]  # the whole folder, whatever gather_licences writes
    assert any("nomenclature.cdx.json" in f for f in files)
    assert any("LICENCE.txt" in f for f in files)
    built = ROOT / "dist" / "assistant-achat-numerique" / "licences"
    for entry in (built.iterdir() if built.is_dir() else ()):  # after make dist: nothing it writes is left out
        assert entry.is_dir() or entry.suffix in (".txt", ".json"), entry
    for line in _sections(ISS.read_text(encoding="utf-8")).get("UninstallDelete", []):
        assert "{localappdata}" not in line.lower() and "{userappdata}" not in line.lower()


def test_the_build_script_does_what_build_sh_does() -> None:
    script = PS1.read_text(encoding="utf-8")
    for step in ("PYTHONHASHSEED", "SOURCE_DATE_EPOCH", "requirements.lock", "PyInstaller", "gather_licences.py",
                 "signtool", "ISCC.exe", "assistant.iss"):
        assert step.lower() in script.lower(), step
