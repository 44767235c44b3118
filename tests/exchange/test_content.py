"""Every value of a dossier file is checked against the format's limits; a refusal names the field and
changes nothing in the base."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.domain import limits
from assistant.exchange import DossierFileError, dumps_dossier, read_dossier_file
from assistant.services.dossiers import import_file
from tests.conftest import example_files


def _base() -> dict[str, Any]:
    return json.loads(example_files()[0].read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: Any, raw: str | None = None) -> Path:
    path = tmp_path / "fichier.json"
    path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    return path


def _refused(ctx, path: Path, where: str, words: str) -> str:  # type: ignore[no-untyped-def]
    """Import ``path``: refused with one problem at ``where`` saying ``words``; the base is unchanged."""
    before = ctx.repository.list()
    with pytest.raises(DossierFileError) as caught:
        import_file(ctx, path)
    found = [p for p in caught.value.problems if p.where == where]
    assert found and words in found[0].message, caught.value.problems
    assert ctx.repository.list() == before
    text = str(caught.value)
    assert all(ch == "\n" or ch.isprintable() or ch == "\u00a0" for ch in text)
    return text


def test_an_integer_of_thousands_of_digits_is_refused_unread(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = json.dumps(_base()).replace('"facts": {', '"facts": {"autre.nombre": ' + "7" * 5000 + ", ", 1)
    _refused(ctx, _write(tmp_path, None, raw), "facts.autre.nombre", "15 chiffres")


@pytest.mark.parametrize("number", ["1e999", "-1e999", "12345678901234567", "1" + "0" * 45, "NaN", "Infinity"])
def test_numbers_out_of_bounds_name_their_field(ctx, tmp_path: Path, number: str) -> None:  # type: ignore[no-untyped-def]
    raw = json.dumps(_base()).replace('"facts": {', '"facts": {"autre.nombre": ' + number + ", ", 1)
    _refused(ctx, _write(tmp_path, None, raw), "facts.autre.nombre", "nombre")


@pytest.mark.parametrize("field", ["title", "organisation", "justifications.existing.mutualised_fit",
                                   "facts.need.statement", "candidates[0].name", "facts.clé\ud800"])
def test_lone_surrogates_are_refused_wherever_they_are(ctx, tmp_path: Path, field: str) -> None:  # type: ignore[no-untyped-def]
    data = _base()
    where = field
    if field == "title" or field == "organisation":
        data[field] = "a\ud800b"
    elif field.startswith("justifications."):
        data["justifications"] = {"existing.mutualised_fit": "texte \udfff"}
    elif field == "candidates[0].name":
        data["candidates"] = [{"name": "\ud83d offre", "facts": {}, "scores": {}}]
    elif field == "facts.need.statement":
        data["facts"]["need.statement"] = "\ud800"
    else:
        data["facts"]["clé\ud800"] = "x"
        where = "facts (clé « clé\ufffd »)"
    _refused(ctx, _write(tmp_path, data), where, "moitié de paire")


@pytest.mark.parametrize(("field", "text"), [("title", "Titre \x1b[31mrouge"), ("organisation", "Org\x00"),
                                             ("title", "deux\nlignes"), ("facts.need.statement", "fin\x07"),
                                             ("candidates[0].name", "Offre\x9b")])
def test_control_characters_are_refused(ctx, tmp_path: Path, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    data = _base()
    if field.startswith("facts."):
        data["facts"][field.removeprefix("facts.")] = text
    elif field.startswith("candidates"):
        data["candidates"] = [{"name": text}]
    else:
        data[field] = text
    message = _refused(ctx, _write(tmp_path, data), field, "caractères de contrôle")
    assert "\x1b" not in message and "\x00" not in message


def test_line_breaks_and_tabs_are_kept_in_long_texts(tmp_path: Path) -> None:
    data = _base()
    data["facts"]["need.statement"] = "Premier paragraphe.\n\tSecond\r\nparagraphe."
    assert read_dossier_file(_write(tmp_path, data)).facts["need.statement"] == data["facts"]["need.statement"]


@pytest.mark.parametrize(("field", "maximum"), [
    ("title", limits.TITLE_MAX), ("organisation", limits.ORGANISATION_MAX),
    ("candidates[0].name", limits.OFFER_NAME_MAX), ("facts.need.statement", limits.TEXT_ANSWER_MAX),
    ("justifications.existing.mutualised_fit", limits.JUSTIFICATION_MAX), ("autre", limits.OTHER_TEXT_MAX),
])
def test_each_text_field_is_accepted_at_its_limit_and_refused_beyond(ctx, tmp_path: Path, field: str,  # type: ignore[no-untyped-def]
                                                                      maximum: int) -> None:
    def with_text(text: str) -> dict[str, Any]:
        data = _base()
        if field.startswith("facts."):
            data["facts"][field.removeprefix("facts.")] = text
        elif field.startswith("justifications."):
            data["justifications"] = {field.removeprefix("justifications."): text}
        elif field.startswith("candidates"):
            data["candidates"] = [{"name": text}]
        else:
            data[field] = text
        return data

    assert read_dossier_file(_write(tmp_path, with_text("é" * maximum)))
    message = _refused(ctx, _write(tmp_path, with_text("é" * (maximum + 1))), field, "dépasse")
    assert f"{maximum:,}".replace(",", "\u00a0") in message


@pytest.mark.parametrize(("key", "value", "words"), [
    ("updated", "9999-12-31T23:30:00+00:00", "entre 1900 et 2999"),
    ("updated", "9999-12-31T23:30:00-05:00", "entre 1900 et 2999"),
    ("created", "0001-01-01T00:00:00+01:00", "entre 1900 et 2999"),
    ("created", "hier", "ISO 8601"),
])
def test_extreme_dates_are_refused(ctx, tmp_path: Path, key: str, value: str, words: str) -> None:  # type: ignore[no-untyped-def]
    _refused(ctx, _write(tmp_path, {**_base(), key: value}), key, words)


def test_an_extreme_date_answer_is_refused(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _base()
    data["facts"]["procurement.consultation_date"] = "9999-12-31"
    _refused(ctx, _write(tmp_path, data), "facts.procurement.consultation_date", "entre 1900 et 2999")


@pytest.mark.parametrize("version", ["²", "1" * 5000, "١", "1.0", ""])
def test_odd_format_versions_are_refused(ctx, tmp_path: Path, version: str) -> None:  # type: ignore[no-untyped-def]
    _refused(ctx, _write(tmp_path, {**_base(), "format": f"assistant-dossier/{version}"}), "format", "illisible")


def test_nesting_entries_and_keys_are_bounded(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    deep: Any = "fond"
    for _ in range(limits.DEPTH_MAX + 5):
        deep = {"a": deep}
    data = {**_base(), "extension": deep}
    _refused(ctx, _write(tmp_path, data), "extension" + ".a" * (limits.DEPTH_MAX - 1), "imbrication")
    data = _base()
    data["facts"] = {f"autre.{n}": n for n in range(limits.ENTRIES_MAX + 1)}
    _refused(ctx, _write(tmp_path, data), "facts", "au plus")
    data = _base()
    data["justifications"] = {f"j{n}": "x" for n in range(limits.JUSTIFICATIONS_MAX + 1)}
    _refused(ctx, _write(tmp_path, data), "justifications", "au plus")
    data = _base()
    data["facts"]["k" * (limits.KEY_MAX + 1)] = 1
    _refused(ctx, _write(tmp_path, data), f"facts (clé « {'k' * 40} »)", "dépasse")


def test_a_file_full_of_problems_lists_the_first_ones_and_counts_the_others(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _base()
    data["facts"] = {f"autre.{n}": "\x1b" for n in range(100)}
    with pytest.raises(DossierFileError) as caught:
        import_file(ctx, _write(tmp_path, data))
    assert len(caught.value.problems) <= 40
    assert "autre(s) problème(s)" in str(caught.value)


HOSTILE = st.text(alphabet=st.sampled_from(["a", "é", " ", "\n", "\t", "\r", "\x1b", "\x00", "\x7f", "\x9b",
                                             "\ud800", "\udfff", "«", "𝔘", "<", "&"]), max_size=30)
FIELDS = ["title", "organisation", "created", "updated", "facts.need.statement", "facts.need.category",
          "justifications.existing.mutualised_fit", "candidates[0].name", "facts.key", "format"]
NUMBERS = st.sampled_from(["1" * 17, "9" * 4301, "-1e999", "NaN", "1e15", "0.5", "-0", "12"])


def _place(data: dict[str, Any], field: str, value: Any) -> None:
    if field == "facts.key":
        data["facts"][str(value)[:50] or "k"] = 1
    elif field.startswith("facts."):
        data["facts"][field.removeprefix("facts.")] = value
    elif field.startswith("justifications."):
        data["justifications"] = {field.removeprefix("justifications."): value}
    elif field.startswith("candidates"):
        data["candidates"] = [{"name": value}]
    elif field == "format":
        data["format"] = f"assistant-dossier/{value}"
    else:
        data[field] = value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), text=HOSTILE, number=NUMBERS)
def test_hostile_values_are_refused_or_safe_everywhere(ctx, tmp_path: Path, field: str, text: str,  # type: ignore[no-untyped-def]
                                                        number: str) -> None:
    data = _base()
    _place(data, field, text)
    raw = json.dumps(data).replace('"weights": {', f'"weights": {{"autre": {number}, ', 1)
    path = _write(tmp_path, None, raw)
    before = [(s.id, s.title) for s in ctx.repository.list()]
    try:
        dossier_id, _warnings = import_file(ctx, path)
    except DossierFileError as exc:
        assert all(ch == "\n" or ch.isprintable() or ch == "\u00a0" for ch in str(exc))
        assert [(s.id, s.title) for s in ctx.repository.list()] == before
        return
    stored = ctx.repository.get(dossier_id)
    dumps_dossier(stored).encode("utf-8")  # show and export can write it
    assert limits.printable(stored.title) == stored.title
    assert read_dossier_file(_export(ctx, dossier_id, tmp_path)) is not None  # and read it back


def _export(ctx, dossier_id: int, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    from assistant.services.dossiers import export_file

    target = folder / "export.json"
    export_file(ctx, dossier_id, target)
    return target


def test_a_wrong_answer_is_quoted_short_and_printable(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _base()
    data["facts"]["need.category"] = "Titre \r\n\t" + "x" * 9_000
    message = _refused(ctx, _write(tmp_path, data), "facts.need.category", "valeur inconnue")
    assert "\r" not in message and "\t" not in message and len(message) < 1_000
