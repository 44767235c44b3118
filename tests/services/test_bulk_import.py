"""Bulk import: good and bad files mixed, each checked as a single import; batches are whole or absent."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from assistant.paths import AppPaths
from assistant.services.bulk_import import collect_files, import_files
from assistant.services.dossiers import import_file
from tests.conftest import EXAMPLES, example_files


def _copies(folder: Path, count: int) -> list[Path]:
    """``count`` dossier files made from the examples, each with its own title."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in example_files()]
    files = []
    for index in range(count):
        data = dict(sources[index % len(sources)])
        data["title"] = f"Copie {index:05d} — {data['title']}"
        path = folder / f"{index:05d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        files.append(path)
    return files


def test_good_and_bad_files_mixed(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "lot"
    good = _copies(folder, 7)
    (folder / "sous-dossier").mkdir()
    bad_title = folder / "sous-dossier" / "titre.json"
    bad_title.write_text(json.dumps({"format": "assistant-dossier/1", "title": 3}), encoding="utf-8")
    not_json = folder / "casse.json"
    not_json.write_text("{ pas du json", encoding="utf-8")
    (folder / "notes.txt").write_text("ignored: not a .json file", encoding="utf-8")
    files = collect_files([folder])
    assert len(files) == 9
    steps: list[tuple[int, int]] = []
    report = import_files(ctx, files, batch_size=3, progress=lambda done, total: steps.append((done, total)))
    assert len(report.imported) == 7
    assert {r.path for r in report.refused} == {bad_title, not_json}
    assert all(r.reason for r in report.refused)
    assert steps[-1] == (9, 9) and len(steps) == 3
    # each refusal says what a single import of that file says
    for refusal in report.refused:
        try:
            import_file(ctx, refusal.path)
        except Exception as exc:  # the single import's own error
            problems = getattr(exc, "problems", None)
            assert refusal.reason == ("\u00a0; ".join(map(str, problems)) if problems else str(exc))
    # the stored dossiers are those of the good files, evaluated, with the same journal as a single import
    titles = {s.title for s in ctx.repository.list()}
    assert titles == {json.loads(p.read_text(encoding="utf-8"))["title"] for p in good}
    single_id, _ = import_file(ctx, good[0])
    bulk_id = report.imported[0]
    assert [e.kind for e in ctx.repository.events(bulk_id)] == [e.kind for e in ctx.repository.events(single_id)]
    assert ctx.repository.summary(bulk_id).conclusion == ctx.repository.summary(single_id).conclusion != ""
    assert ctx.repository.get(bulk_id).facts == ctx.repository.get(single_id).facts


def test_a_killed_bulk_import_leaves_only_whole_batches(tmp_path: Path) -> None:
    files = _copies(tmp_path / "lot", 1500)
    data = tmp_path / "data"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--data-dir", str(data), "dossier", "import", str(tmp_path / "lot"),
         "--batch-size", "10"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    database = AppPaths(data).database
    count = 0
    deadline = time.monotonic() + 120
    while count < 30 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
        if database.exists():
            try:
                with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as db:
                    count = db.execute("SELECT count(*) FROM dossier").fetchone()[0]
            except sqlite3.Error:
                count = 0
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL  # killed in the middle, not finished
    with sqlite3.connect(database) as db:
        titles = [row[0] for row in db.execute("SELECT title FROM dossier ORDER BY id")]
        imported = db.execute("SELECT count(*) FROM event WHERE kind = 'imported'").fetchone()[0]
        fts = db.execute("SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH '\"copie\"'").fetchone()[0]
    assert 30 <= len(titles) < len(files)
    assert len(titles) % 10 == 0  # whole batches only
    assert imported == len(titles) == fts
    expected = [json.loads(p.read_text(encoding="utf-8"))["title"] for p in files[:len(titles)]]
    assert titles == expected


def test_examples_folder_imports_like_single_files(ctx) -> None:  # type: ignore[no-untyped-def]
    report = import_files(ctx, collect_files([EXAMPLES]))
    assert len(report.imported) + len(report.refused) == len(list(EXAMPLES.rglob("*.json")))
