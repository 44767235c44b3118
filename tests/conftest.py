"""Shared fixtures: the offscreen platform, the bundled font, a fresh data folder per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EXAMPLES = Path(__file__).parent / "fixtures" / "examples"


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))


@pytest.fixture(scope="session")
def rulebook():  # type: ignore[no-untyped-def]
    from assistant.paths import rules_dir
    from assistant.rulebook import load_rulebook

    return load_rulebook(rules_dir())


@pytest.fixture
def data_paths(tmp_path: Path):  # type: ignore[no-untyped-def]
    from assistant.paths import AppPaths

    return AppPaths(tmp_path / "données")


@pytest.fixture
def ctx(data_paths, rulebook) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from assistant.services.context import open_context

    context = open_context(data_paths, rulebook=rulebook)
    yield context
    context.close()


@pytest.fixture(scope="session")
def postgres():  # type: ignore[no-untyped-def]
    """A real PostgreSQL server for the session (see ``tests/tools/postgres.py``); skipped, or failed under
    ``CI=true``, when it cannot start."""
    from tests.tools.postgres import start_server

    yield from start_server()


@pytest.fixture
def pg_url(postgres) -> str:  # type: ignore[no-untyped-def]
    """The URL of a fresh, empty database on the test server."""
    return str(postgres.new_database())


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_site(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Run a test on both engines: the site settings selecting the data folder's file or a fresh shared base."""
    from assistant.siteconfig import SiteConfig

    if request.param == "sqlite":
        return SiteConfig()
    return SiteConfig(database_url=request.getfixturevalue("pg_url"))


@pytest.fixture
def both_ctx(data_paths, rulebook, engine_site) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """An open context on each engine in turn (SQLite file, then a shared PostgreSQL base)."""
    from assistant.services.context import open_context

    context = open_context(data_paths, rulebook=rulebook, site=engine_site)
    yield context
    context.close()


@pytest.fixture
def other_buyer(data_paths, rulebook, both_ctx) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A second workstation on ``both_ctx``'s base, writing as another buyer (« acheteuse.b »)."""
    from assistant.services.context import open_context

    context = open_context(data_paths, rulebook=rulebook, site=both_ctx.site)
    context.repository.author = "acheteuse.b"
    yield context
    context.close()


@pytest.fixture(scope="session", autouse=True)
def _qt_fonts_and_translations(request: pytest.FixtureRequest) -> None:
    """Configure the QApplication once, the way the application does, when a test uses Qt."""
    if not any("qtbot" in item.fixturenames or "qapp" in item.fixturenames for item in request.session.items):
        return
    qapp = request.getfixturevalue("qapp")
    from assistant.ui.setup import configure

    configure(qapp)


def plain(text: str) -> str:
    """Qt's toPlainText turns no-break spaces into spaces; compare French text the same way."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def close_next_message_box() -> list[str]:
    """Close the next modal message box as soon as it opens; the returned list receives its text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    messages: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.close()

    QTimer.singleShot(0, close_box)
    return messages


def answer_next_box(*button_texts: str) -> list[str]:
    """When the next modal message box opens, record its text and press the button labelled with one of
    ``button_texts`` (French or English: the standard buttons follow Qt's translation)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        seen.append(plain(box.text() + " " + box.informativeText()))
        for button in box.buttons():
            if any(text in button.text().replace("&", "") for text in button_texts):
                button.click()
                return
        box.close()

    QTimer.singleShot(0, press)
    return seen
