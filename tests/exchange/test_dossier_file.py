"""Dossier files: round-trip, kept unknown keys, atomic writes, every problem reported at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.exchange import (
    MAX_FILE_BYTES,
    DossierFileError,
    dumps_dossier,
    parse_dossier,
    read_dossier_file,
    write_dossier_file,
)
from assistant.services.dossiers import export_file, import_file
from tests.conftest import example_files


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_export_import_export_gives_the_same_bytes(ctx, tmp_path: Path, path: Path) -> None:  # type: ignore[no-untyped-def]
    first_id, _ = import_file(ctx, path)
    first = tmp_path / "first.json"
    export_file(ctx, first_id, first)
    second_id, _ = import_file(ctx, first)
    assert second_id != first_id  # an import never overwrites an existing dossier
    second = tmp_path / "second.json"
    export_file(ctx, second_id, second)
    assert first.read_bytes() == second.read_bytes()
    kinds = [e.kind for e in ctx.repository.events(first_id)]
    assert kinds[0] == "imported" and "exported" in kinds


def test_unknown_keys_are_kept(tmp_path: Path) -> None:
    data = {"format": "assistant-dossier/1", "title": "Futur", "x-nouveau": {"a": [1, 2]},
            "candidates": [{"name": "A", "x-note": "gardée"}]}
    dossier = parse_dossier(data)
    written = json.loads(dumps_dossier(dossier))
    assert written["x-nouveau"] == {"a": [1, 2]}
    assert written["candidates"][0]["x-note"] == "gardée"


def test_the_retained_offer_is_read_and_written_back() -> None:
    data = {"format": "assistant-dossier/1", "title": "Choix", "candidates": [{"name": "S2"}], "retained": "S2"}
    dossier = parse_dossier(data)
    assert dossier.retained == "S2"
    assert json.loads(dumps_dossier(dossier))["retained"] == "S2"
    dossier.retained = None
    assert "retained" not in json.loads(dumps_dossier(dossier))
    with pytest.raises(DossierFileError) as caught:
        parse_dossier({**data, "retained": 2})
    assert [p.where for p in caught.value.problems] == ["retained"]


def test_every_problem_is_reported_with_its_place() -> None:
    data = {"format": "assistant-dossier/1", "title": "", "facts": [], "weights": {"cost": "beaucoup"},
            "candidates": [{"name": 3, "scores": {"cost": 9}}]}
    with pytest.raises(DossierFileError) as caught:
        parse_dossier(data)
    places = {p.where for p in caught.value.problems}
    assert {"title", "facts", "weights.cost", "candidates[0].name", "candidates[0].scores.cost"} <= places


def test_a_file_over_10_mb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gros.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(DossierFileError, match="10 Mo"):
        read_dossier_file(path)


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cassé.json"
    path.write_text('{"format": "assistant-dossier/1",\n "title": }', encoding="utf-8")
    with pytest.raises(DossierFileError) as caught:
        read_dossier_file(path)
    assert "ligne 2" in str(caught.value)


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    dossier = parse_dossier({"format": "assistant-dossier/1", "title": "x"})
    target = tmp_path / "dossier.json"
    target.write_text("ancien contenu", encoding="utf-8")
    with pytest.raises(TypeError):
        dossier.facts["objet"] = object()  # not JSON-serialisable: the write must fail
        write_dossier_file(dossier, target)
    assert target.read_text(encoding="utf-8") == "ancien contenu"
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.json"]


def test_wrong_fact_types_are_refused_and_nothing_is_written(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "faux.json"
    path.write_text(json.dumps({"format": "assistant-dossier/1", "title": "x",
                                "facts": {"need.users": "beaucoup", "need.category": "teleportation"}}),
                    encoding="utf-8")
    with pytest.raises(DossierFileError) as caught:
        import_file(ctx, path)
    assert {p.where for p in caught.value.problems} == {"facts.need.users", "facts.need.category"}
    assert ctx.repository.list() == []


def test_nan_and_infinity_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text('{"format": "assistant-dossier/1", "title": "x", "facts": {"need.users": NaN}}', encoding="utf-8")
    with pytest.raises(DossierFileError, match="NaN"):
        read_dossier_file(path)


@pytest.mark.parametrize("number", ["1e999", "-1e999"])
def test_numbers_too_large_for_a_float_are_refused(ctx, tmp_path: Path, number: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "grand.json"
    path.write_text('{"format": "assistant-dossier/1", "title": "x", "facts": {"procurement.estimated_amount_eur_ht": '
                    + number + "}}", encoding="utf-8")
    with pytest.raises(DossierFileError, match="nombre fini"):
        import_file(ctx, path)
    assert ctx.repository.list() == []


def test_a_folder_or_an_unreadable_file_is_a_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(DossierFileError, match="dossier"):
        read_dossier_file(tmp_path)


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    dossier = parse_dossier({"format": "assistant-dossier/1", "title": "x"})
    target = tmp_path / "nouveau.json"
    write_dossier_file(dossier, target)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    write_dossier_file(dossier, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
