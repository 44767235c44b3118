"""Property-based tests: import never crashes; it imports a valid dossier or writes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.exchange import DossierFileError
from assistant.services.dossiers import import_file
from tests.conftest import example_files

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20)
    | st.sampled_from([10**400, -(10**400)]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=25,
)
EXAMPLES = [json.loads(p.read_text(encoding="utf-8")) for p in example_files()]
KEYS = ["format", "title", "organisation", "facts", "justifications", "candidates", "weights", "created"]


def _mutate(data: dict[str, Any], key: str, value: Any, fact: str | None) -> dict[str, Any]:
    copy = json.loads(json.dumps(data))
    if fact is not None and isinstance(copy.get("facts"), dict) and copy["facts"]:
        name = sorted(copy["facts"])[sum(map(ord, fact)) % len(copy["facts"])]  # deterministic, replayable
        copy["facts"][name] = value
    else:
        copy[key] = value
    return copy


def _check_import(ctx, tmp_path: Path, content: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fichier.json"
    path.write_bytes(content)
    before = len(ctx.repository.list())
    try:
        dossier_id, _warnings = import_file(ctx, path)
    except DossierFileError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        assert len(ctx.repository.list()) == before
    else:
        assert len(ctx.repository.list()) == before + 1
        assert ctx.repository.get(dossier_id).title.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=JSON)
def test_random_json_never_crashes(ctx, tmp_path: Path, value: Any) -> None:  # type: ignore[no-untyped-def]
    _check_import(ctx, tmp_path, json.dumps(value).encode("utf-8"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(example=st.sampled_from(EXAMPLES), key=st.sampled_from(KEYS), value=JSON,
       fact=st.none() | st.text(min_size=1, max_size=3))
def test_mutated_examples_never_crash(ctx, tmp_path: Path, example, key, value, fact) -> None:  # type: ignore[no-untyped-def]
    _check_import(ctx, tmp_path, json.dumps(_mutate(example, key, value, fact)).encode("utf-8"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_random_bytes_never_crash(ctx, tmp_path: Path, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    _check_import(ctx, tmp_path, raw)
