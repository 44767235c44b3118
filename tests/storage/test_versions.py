"""No lost update and who did what, on both engines: a save over a dossier another workstation (another
process) changed since it was read is refused in French, naming who changed it; every journal event
records its author."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assistant.services import editing, library
from assistant.services.context import open_context
from assistant.storage.repository import ConflictError

OTHER_WORKSTATION = """
import sys
from pathlib import Path
from assistant.paths import AppPaths
from assistant.services import editing
from assistant.services.context import open_data_folder
from assistant.siteconfig import SiteConfig
ctx = open_data_folder(AppPaths(Path(sys.argv[1])), SiteConfig(database_url=sys.argv[2] or None))
editing.answer(ctx, int(sys.argv[3]), "personal_data", False)
ctx.close()
"""


def _expected_author(ctx) -> str:  # type: ignore[no-untyped-def]
    return str(ctx.database.author)


def test_a_save_over_a_change_made_by_another_process_is_refused(both_ctx, data_paths, engine_site) -> None:  # type: ignore[no-untyped-def]
    dossier_id = library.create_dossier(both_ctx, "Messagerie")
    read = library.dossier_version(both_ctx, dossier_id)
    subprocess.run([sys.executable, "-c", OTHER_WORKSTATION, str(data_paths.data_dir),
                    engine_site.database_url or "", str(dossier_id)], check=True, capture_output=True)
    with pytest.raises(ConflictError) as refused:
        editing.answer(both_ctx, dossier_id, "personal_data", True, version=read)
    message = str(refused.value)
    assert "«\u00a0Messagerie\u00a0» a été modifié par" in message and _expected_author(both_ctx) in message
    assert library.get_dossier(both_ctx, dossier_id).facts["personal_data"] is False  # the other's answer kept
    fresh = library.dossier_version(both_ctx, dossier_id)
    assert fresh > read
    after = editing.answer(both_ctx, dossier_id, "personal_data", True, version=fresh)  # reloaded: saved again
    assert after == fresh + 1
    assert library.get_dossier(both_ctx, dossier_id).facts["personal_data"] is True


def test_two_sessions_on_the_same_base_cannot_lose_an_update(both_ctx, data_paths, rulebook, engine_site) -> None:  # type: ignore[no-untyped-def]
    other = open_context(data_paths, rulebook=rulebook, site=engine_site)
    try:
        dossier_id = library.create_dossier(both_ctx, "Agenda")
        mine = library.dossier_version(both_ctx, dossier_id)
        theirs = library.dossier_version(other, dossier_id)
        assert mine == theirs
        editing.justify(other, dossier_id, "personal_data", "Écrit par l'autre poste", version=theirs)
        with pytest.raises(ConflictError):
            editing.justify(both_ctx, dossier_id, "personal_data", "Écrit ici", version=mine)
        assert library.get_dossier(both_ctx, dossier_id).justifications["personal_data"] == "Écrit par l'autre poste"
    finally:
        other.close()


def test_every_journal_event_records_its_author(both_ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = library.create_dossier(both_ctx, "Visioconférence")
    editing.answer(both_ctx, dossier_id, "personal_data", True)
    entries = library.journal(both_ctx, dossier_id)
    assert len(entries) == 2
    assert {entry.author for entry in entries} == {_expected_author(both_ctx)}
    assert _expected_author(both_ctx)
