"""The same storage and services on both engines: the data folder's SQLite file and a shared PostgreSQL base
(``both_ctx`` runs each test on a real SQLite file, then on a fresh database of a real PostgreSQL server)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assistant.domain.messages import UserError
from assistant.services import editing, library
from assistant.services.library import ListQuery


def test_create_answer_rename_and_the_journal_work_on_both_engines(both_ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = library.create_dossier(both_ctx, "Messagerie du service", "Préfecture")
    editing.answer(both_ctx, dossier_id, "personal_data", True)
    library.rename(both_ctx, dossier_id, "Messagerie sécurisée", "Préfecture de la Creuse")
    stored = library.get_dossier(both_ctx, dossier_id)
    assert stored.title == "Messagerie sécurisée"
    assert stored.facts["personal_data"] is True
    kinds = [entry.kind for entry in library.journal(both_ctx, dossier_id)]
    assert kinds == ["created", "answered", "renamed"]


def test_list_sort_and_search_work_on_both_engines(both_ctx) -> None:  # type: ignore[no-untyped-def]
    ids = {title: library.create_dossier(both_ctx, title, organisation)
           for title, organisation in (("Éditeur de textes", "Rectorat"), ("agenda partagé", "Mairie"),
                                       ("Bureautique", "Préfecture"))}
    by_title = library.page_of_dossiers(both_ctx, ListQuery(sort="title", descending=False), 0, 10)
    assert [s.title for s in by_title] == ["agenda partagé", "Bureautique", "Éditeur de textes"]  # case folded
    assert library.count_dossiers(both_ctx, ListQuery()) == 3
    total, found = library.search_dossiers(both_ctx, ListQuery(search="editeur"), 10)  # accent folded
    assert total == 1 and found[0].id == ids["Éditeur de textes"]
    total, found = library.search_dossiers(both_ctx, ListQuery(search="AG"), 10)  # short word: a scan
    assert {s.id for s in found} == {ids["agenda partagé"]}
    total, found = library.search_dossiers(both_ctx, ListQuery(search="prefecture"), 10)  # organisation
    assert [s.id for s in found] == [ids["Bureautique"]]
    assert [s.id for s in library.iter_dossiers(both_ctx, ListQuery(search="e"))]  # streamed, no limit
    library.trash(both_ctx, ids["Bureautique"])
    assert library.count_dossiers(both_ctx, ListQuery()) == 2
    assert [s.id for s in library.page_of_dossiers(both_ctx, ListQuery(trash=True), 0, 10)] == [ids["Bureautique"]]


def test_the_journal_refuses_any_change_on_both_engines(both_ctx) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    library.create_dossier(both_ctx, "Dossier")
    with pytest.raises(DBAPIError, match="ajout seul"), both_ctx.database.engine.begin() as connection:
        connection.execute(text("UPDATE event SET detail = 'falsifié'"))
    with pytest.raises(DBAPIError, match="ajout seul"), both_ctx.database.engine.begin() as connection:
        connection.execute(text("DELETE FROM event"))


def test_an_unknown_dossier_is_a_french_error_on_both_engines(both_ctx) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError):
        library.get_dossier(both_ctx, 4242)


def test_the_sqlite_mode_never_imports_psycopg(data_paths) -> None:  # type: ignore[no-untyped-def]
    code = ("import sys\nfrom pathlib import Path\nfrom assistant.paths import AppPaths\n"
            "from assistant.services.context import open_data_folder\n"
            f"ctx = open_data_folder(AppPaths(Path({str(data_paths.data_dir)!r})))\n"
            "ctx.close()\nprint('psycopg' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
