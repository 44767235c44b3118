"""The repository: create, answer, rename, duplicate, trash and restore, with an append-only journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from assistant.domain import Candidate, Dossier
from assistant.storage import DossierNotFoundError, Repository, open_database


@pytest.fixture
def repo(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = open_database(tmp_path / "base.sqlite3")
    yield Repository(db.sessions)
    db.close()


def test_create_answer_and_reload(repo: Repository) -> None:
    dossier_id = repo.create("Visio « préfecture »", "Préfecture de la Somme")
    repo.set_fact(dossier_id, "need.users", 450)
    repo.set_fact(dossier_id, "data.breach_impacts", ["public_order"])
    repo.set_justification(dossier_id, "existing.mutualised_fit", "Ne couvre pas le besoin.")
    dossier = repo.get(dossier_id)
    assert dossier.title == "Visio « préfecture »"
    assert dossier.facts == {"need.users": 450, "data.breach_impacts": ["public_order"]}
    assert dossier.justifications == {"existing.mutualised_fit": "Ne couvre pas le besoin."}


def test_removing_an_answer_makes_the_fact_unknown(repo: Repository) -> None:
    dossier_id = repo.create("Essai")
    repo.set_fact(dossier_id, "data.personal", False)
    repo.set_fact(dossier_id, "data.personal", None)
    assert "data.personal" not in repo.get(dossier_id).facts


def test_offers_keep_their_order(repo: Repository) -> None:
    dossier_id = repo.create("Essai")
    offers = [Candidate(name=f"Offre {i}", facts={"open_source": i % 2 == 0}, scores={"cost": i % 6}) for i in range(5)]
    repo.set_offers(dossier_id, offers, {"cost": 2})
    dossier = repo.get(dossier_id)
    assert [c.name for c in dossier.candidates] == [f"Offre {i}" for i in range(5)]
    assert dossier.weights == {"cost": 2}


def test_trash_restore_and_empty(repo: Repository) -> None:
    keep = repo.create("À garder")
    gone = repo.create("À jeter")
    repo.delete(gone)
    assert [s.id for s in repo.list()] == [keep]
    assert [s.id for s in repo.list(trash=True)] == [gone]
    repo.restore(gone)
    assert {s.id for s in repo.list()} == {keep, gone}
    repo.delete(gone)
    assert repo.empty_trash() == 1
    with pytest.raises(DossierNotFoundError):
        repo.get(gone)
    kinds = [e.kind for e in repo.events(gone)]
    assert kinds == ["created", "deleted", "restored", "deleted", "purged"]


def test_duplicate_copies_everything_but_the_identity(repo: Repository) -> None:
    source = repo.add(Dossier(title="Source", facts={"need.users": 3}, candidates=[Candidate(name="A")]))
    copy = repo.duplicate(source, "Source (copie)")
    assert copy != source
    duplicated = repo.get(copy)
    assert duplicated.title == "Source (copie)"
    assert duplicated.facts == {"need.users": 3}
    assert [c.name for c in duplicated.candidates] == ["A"]


def test_journal_is_append_only(tmp_path: Path) -> None:
    db = open_database(tmp_path / "base.sqlite3")
    repo = Repository(db.sessions)
    dossier_id = repo.create("Essai")
    repo.rename(dossier_id, "Essai renommé", "Org")
    assert [e.kind for e in repo.events(dossier_id)] == ["created", "renamed"]
    with db.engine.connect() as connection:
        with pytest.raises(Exception, match="ajout seul"):
            connection.execute(text("UPDATE event SET kind = 'x'"))
        with pytest.raises(Exception, match="ajout seul"):
            connection.execute(text("DELETE FROM event"))
    db.close()


def test_unknown_id_is_reported_in_french(repo: Repository) -> None:
    with pytest.raises(DossierNotFoundError, match="Aucun dossier ne porte le numéro 42"):
        repo.get(42)


def test_the_data_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "base.sqlite3"
    db = open_database(path)
    dossier_id = Repository(db.sessions).create("Persistant")
    db.close()
    db = open_database(path)
    assert Repository(db.sessions).get(dossier_id).title == "Persistant"
    db.close()


def test_a_dossier_given_an_erased_dossiers_id_has_its_own_journal(repo: Repository) -> None:
    erased = repo.create("Effacé")
    repo.delete(erased)
    repo.empty_trash()
    reused = repo.create("Nouveau")
    assert reused == erased  # SQLite gives the highest id again once its row is gone
    assert [e.kind for e in repo.events(reused)] == ["created"]
    assert repo.event_count(reused) == 1
