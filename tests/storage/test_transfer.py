"""The copy into the shared base, read and written in batches by id: progress after each batch, the same
content digest on both engines, and a second copy writing nothing."""

from __future__ import annotations

from pathlib import Path

from assistant.domain import Candidate, Dossier
from assistant.storage.engines import open_store
from assistant.storage.local_source import read_local_base
from assistant.storage.repository import Repository
from assistant.storage.transfer import MIGRATED, content_digest, copy_dossiers


def test_copy_in_batches_reports_progress_and_copies_once(tmp_path: Path, pg_url) -> None:  # type: ignore[no-untyped-def]
    local = open_store(tmp_path / "poste.sqlite3")
    repo = Repository(local.sessions, author="claire")
    for number in range(5):
        repo.add(Dossier(title=f"Dossier {number}", candidates=[Candidate(f"Offre {number}")]))
    local.close()
    shared = open_store(tmp_path / "inutilisé.sqlite3", None, pg_url)
    calls: list[tuple[int, int]] = []
    try:
        with read_local_base(tmp_path / "poste.sqlite3") as source:
            report = copy_dossiers(source, shared.engine, workstation="PC-42", author="achats",
                                   batch_size=2, progress=lambda done, total: calls.append((done, total)))
            assert (report.copied, report.events) == (5, 5)
            assert calls == [(2, 5), (4, 5), (5, 5)]
            again = copy_dossiers(source, shared.engine, workstation="PC-42", author="achats", batch_size=2)
            assert (again.copied, again.present, again.events) == (0, 5, 0)
        shared_repo = Repository(shared.sessions)
        summaries = sorted(shared_repo.list(), key=lambda s: s.title)
        assert [s.title for s in summaries] == [f"Dossier {n}" for n in range(5)]
        events = shared_repo.events(summaries[3].id)
        assert [(e.kind, e.author) for e in events] == [("created", "claire"), (MIGRATED, "achats")]
        assert '"workstation": "PC-42"' in events[1].detail
        assert shared_repo.get(summaries[3].id).candidates[0].name == "Offre 3"
    finally:
        shared.close()
    assert not (tmp_path / "inutilisé.sqlite3").exists()


def test_the_digest_is_what_the_buyer_wrote_not_the_bookkeeping() -> None:
    row = {"title": "T", "organisation": "O", "facts": {"a": 1}, "justifications": {}, "weights": {"cost": 2.5},
           "extra": {}, "deleted_at": None, "updated_at": "hier", "conclusion": "market"}
    offers = [{"id": 9, "position": 1, "name": "B", "facts": {}, "scores": {}, "extra": {}},
              {"id": 3, "position": 0, "name": "A", "facts": {}, "scores": {"cost": 3}, "extra": {}}]
    digest = content_digest(row, offers)
    assert content_digest({**row, "updated_at": "demain", "conclusion": ""}, list(reversed(offers))) == digest
    assert content_digest({**row, "deleted_at": "maintenant"}, offers) != digest
    assert content_digest({**row, "facts": {"a": 2}}, offers) != digest
    assert content_digest(row, offers[:1]) != digest
