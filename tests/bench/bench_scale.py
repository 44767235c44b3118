"""The list at size (issue 14): 1 000, 10 000 and 100 000 dossiers, each figure next to its baseline measured
in the same run.

- start-up to list filled (real start-up path, fresh process) vs a bare PySide6 window; peak memory of that
  process vs the same start-up on an empty data folder;
- a keystroke (query, count, first page shown in the model) vs a raw FTS5 query on the same file;
- ``dossier list --format json`` (fresh process) vs plain sqlite3 + json writing the same bytes;
- answer → refreshed panel from an editor opened from the window vs the same with an empty list;
- bulk import rate (files checked and evaluated, batched transactions).

The data folders are generated once by direct SQL (the rows an import makes, titles varied) and cached in
``$XDG_CACHE_HOME/assistant-bench/`` (``~/.cache``). ``BENCH_SIZES=1000,10000`` limits the sizes.

Team mode (issue 15): the same figures with the same targets on PostgreSQL, in a second table, on a
throw-away server started like the tests' one; each base is copied from the cached SQLite folder
(``server_scale.py``). The baselines there are a raw trigram ``LIKE`` query and psycopg + json. Without
PostgreSQL (or with ``BENCH_SERVER=0``) that table is skipped, saying why.
"""

from __future__ import annotations

import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.bench import server_scale  # noqa: E402

EXAMPLES = ROOT / "tests" / "fixtures" / "examples"
EXAMPLE = EXAMPLES / "plateforme-donnees-sante.json"
SIZES = [int(x) for x in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
WORDS = ["visioconférence", "messagerie", "hébergement", "données de santé", "préfecture", "collège", "marché",
         "tableur", "enquêtes", "téléphonie", "archivage", "réseau", "sécurité", "forêt", "écoles", "hôpital"]
ORGS = ["Préfecture de la Somme", "Mairie de Noël-sur-Mer", "Direction régionale", "Hôpital Saint-Éloi",
        "Académie de Créteil", "Ministère de l'Intérieur", "Établissement public", ""]
SEARCHES = ["prefecture", "pref", "visio", "hopital sante", "zzz", "dossier 4242", "ecole", "hopital"]
PEAK = """
import resource
def peak_kib():
    # this program's own peak (VmHWM); ru_maxrss also counts the parent's peak when the child was forked
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
STARTUP = PEAK + """
import os, sys, time
from pathlib import Path
from assistant.app import finish_start, start_window
from assistant.paths import AppPaths
paths = AppPaths(Path(sys.argv[1]))
session = start_window(paths)
finish_start(session, paths)
session.app.processEvents()
assert session.error is None
filled = time.time() - float(os.environ["BENCH_T0"])
print(filled, session.window.model.rowCount(), peak_kib())
session.close()
"""
BARE = PEAK + """
import os, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow(); window.resize(1100, 680); window.show(); app.processEvents()
print(time.time() - float(os.environ["BENCH_T0"]), 0, peak_kib())
"""
PEAK_OF = PEAK + """
import atexit, os, runpy, sys
def _write_peak():
    with open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(str(peak_kib()))
atexit.register(_write_peak)
mode, target, *rest = sys.argv[1:]
if mode == "-m":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = ["-c", *rest]
    exec(compile(target, "<bench>", "exec"), {"__name__": "__main__"})
"""
"""Runs ``python -m module ...`` or ``python -c code ...`` and writes that program's peak RSS (KiB) to
``$BENCH_PEAK_FILE`` when it exits."""
RAW_JSON = """
import json, sqlite3, sys
from datetime import datetime
db = sqlite3.connect(sys.argv[1])
out = sys.stdout
first = True
for i, t, o, u, c in db.execute("SELECT id, title, organisation, updated_at, conclusion FROM dossier "
                                "WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC"):
    item = {"id": i, "title": t, "organisation": o,
            "updated": datetime.fromisoformat(u).isoformat(timespec="seconds") + "Z", "conclusion": c}
    text = json.dumps(item, ensure_ascii=False, indent=2).replace("\\n", "\\n  ")
    out.write(("[\\n  " if first else ",\\n  ") + text)
    first = False
out.write("[]\\n" if first else "\\n]\\n")
"""


def cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "assistant-bench"


def folder_with(count: int) -> Path:
    """A data folder with ``count`` dossiers (generated once, cached; schema of this revision)."""
    from assistant.paths import AppPaths
    from assistant.services.context import open_context
    from assistant.services.dossiers import import_file
    from assistant.storage.database import head_revision

    folder = cache_dir() / f"scale-{head_revision()}-{count}"
    paths = AppPaths(folder)
    if paths.database.exists():
        return folder
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-scale-", dir=cache_dir()))
    ctx = open_context(AppPaths(work))
    import_file(ctx, EXAMPLE)
    ctx.close()
    from assistant.domain.folding import search_text

    rng = random.Random(count)
    with sqlite3.connect(AppPaths(work).database) as db:
        row = db.execute("SELECT * FROM dossier WHERE id = 1").fetchone()
        columns = [c[1] for c in db.execute("PRAGMA table_info(dossier)")]
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO dossier ({', '.join(columns)}) VALUES ({marks})"
        batch = []
        for index in range(count - 1):
            values = dict(zip(columns, row, strict=True))
            title = f"Dossier {index} — {rng.choice(WORDS)} {rng.choice(WORDS)}"
            organisation = rng.choice(ORGS)
            moment = f"2026-{1 + index % 12:02d}-{1 + index % 28:02d} {index % 24:02d}:{index % 60:02d}:00.000000"
            values.update(id=None, uid=str(uuid.uuid4()), title=title, organisation=organisation,
                          search_text=search_text(title, organisation), updated_at=moment, created_at=moment,
                          conclusion=rng.choice(["buy_market", "mutualised", "", "undetermined", values["conclusion"]]))
            batch.append(tuple(values[c] for c in columns))
            if len(batch) == 5000:
                db.executemany(sql, batch)
                batch.clear()
        db.executemany(sql, batch)
    paths.data_dir.parent.mkdir(parents=True, exist_ok=True)
    work.rename(folder)
    print(f"  (données générées : {count} dossiers en {time.perf_counter() - started:.1f} s)", flush=True)
    return folder


def _child(code: str, *args: str, url: str | None = None) -> tuple[float, int, int]:
    """Run a fresh process; (seconds from launch to its figure, its row count, its peak RSS in KiB). With
    ``url``, its site settings select that shared base (a ``site.toml`` in ``$XDG_CONFIG_DIRS``)."""
    extra = {"XDG_CONFIG_DIRS": str(server_scale.site_config(url))} if url else {}
    env = dict(os.environ, BENCH_T0=repr(time.time()), PYTHONPATH=str(ROOT), **extra)
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True)
    seconds, rows, rss = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(rows), int(rss)


def _command(argv: list[str]) -> tuple[float, int, bytes]:
    """Wall time, peak RSS (KiB) and output of a Python command (``python -m ...`` or ``python -c ...``)."""
    with tempfile.TemporaryDirectory(prefix="bench-peak-") as work:
        peak_file = Path(work) / "peak"
        env = dict(os.environ, PYTHONPATH=str(ROOT), BENCH_PEAK_FILE=str(peak_file))
        start = time.perf_counter()
        process = subprocess.Popen([argv[0], "-c", PEAK_OF, *argv[1:]], env=env, stdout=subprocess.PIPE)
        output = process.stdout.read() if process.stdout else b""
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        assert status == 0, argv
        peak = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    return elapsed, peak, output


def startup(folder: Path, runs: int, url: str | None = None) -> dict[str, float]:
    bare = [_child(BARE) for _ in range(runs)]
    app = [_child(STARTUP, str(folder), url=url) for _ in range(runs)]
    assert all(rows > 0 for _s, rows, _r in app)
    return {"bare": statistics.median(b[0] for b in bare), "filled": statistics.median(a[0] for a in app),
            "rss": max(a[2] for a in app) / 1024}


def _site(url: str | None) -> object:
    from assistant.siteconfig import SiteConfig

    return SiteConfig(database_url=url) if url else None


def keystroke(app: object, folder: Path, runs: int, url: str | None = None) -> dict[str, float]:
    """What a keystroke costs after the pause: query + count + first page + model reset + repaint; the
    baseline is the raw FTS5 query (SQLite) or the raw trigram LIKE (``url``: PostgreSQL) of its first word."""
    from assistant.paths import AppPaths
    from assistant.services import library
    from assistant.services.context import open_context
    from assistant.ui.dossier_model import PAGE_SIZE
    from assistant.ui.main_window import MainWindow

    ctx = open_context(AppPaths(folder), site=_site(url))  # type: ignore[arg-type]
    window = MainWindow(ctx)
    window.show()
    app.processEvents()  # type: ignore[attr-defined]
    ours, raw, worst = [], [], 0.0
    raw_query = server_scale.raw_search(url) if url else _raw_fts(AppPaths(folder).database)
    with raw_query as run_raw:
        for _ in range(runs):
            for text in SEARCHES:
                start = time.perf_counter()
                query = library.ListQuery(search=text)
                total, first = library.search_dossiers(ctx, query, PAGE_SIZE)
                window.show_result(query, total, first)
                app.processEvents()  # type: ignore[attr-defined]
                ours.append(time.perf_counter() - start)
                worst = max(worst, ours[-1])
                word = text.split()[0]
                start = time.perf_counter()
                run_raw(word)
                raw.append(time.perf_counter() - start)
    window.close()
    ctx.close()
    return {"ours": statistics.median(ours), "raw": statistics.median(raw), "worst": worst}


@contextmanager
def _raw_fts(database: Path) -> Iterator[Callable[[str], object]]:
    with sqlite3.connect(database) as db:
        yield lambda word: db.execute("SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH ?",
                                      (f'"{word}"',)).fetchall()
    db.close()


def dossier_list(folder: Path, runs: int, url: str | None = None) -> dict[str, float]:
    from assistant.paths import AppPaths

    server = ["--database-url", url] if url else []
    ours = [_command([sys.executable, "-m", "assistant", "--data-dir", str(folder), *server, "dossier", "list",
                      "--format", "json"]) for _ in range(runs)]
    raw_argv = ["-c", server_scale.RAW_JSON, server_scale.libpq_url(url)] if url else [
        "-c", RAW_JSON, str(AppPaths(folder).database)]
    raw = [_command([sys.executable, *raw_argv]) for _ in range(runs)]
    assert ours[0][2] == raw[0][2], "not the same bytes"
    return {"ours": statistics.median(o[0] for o in ours), "raw": statistics.median(r[0] for r in raw),
            "rss": max(o[1] for o in ours) / 1024, "raw_rss": max(r[1] for r in raw) / 1024}


def answer_panel(app: object, folder: Path, runs: int, url: str | None = None) -> float:
    from assistant.paths import AppPaths
    from assistant.services.context import open_context
    from assistant.ui.main_window import MainWindow

    ctx = open_context(AppPaths(folder), site=_site(url))  # type: ignore[arg-type]
    window = MainWindow(ctx)
    window.show()
    window.open_dossier(1)
    editor = window._editors[1]
    app.processEvents()  # type: ignore[attr-defined]
    widget = editor.question_widgets["data.essential_mission"]
    timings = []
    for index in range(runs):
        start = time.perf_counter()
        widget.buttons[index % 2 == 0].click()
        editor.refresh()
        app.processEvents()  # type: ignore[attr-defined]
        timings.append(time.perf_counter() - start)
    window.close()
    ctx.close()
    return statistics.median(timings)


def import_rate(count: int = 1000) -> float:
    from assistant.paths import AppPaths
    from assistant.services.bulk_import import collect_files, import_files
    from assistant.services.context import open_context

    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))
               if not p.name.endswith(".expected.json")]
    (work / "lot").mkdir()
    for index in range(count):
        data = dict(sources[index % len(sources)], title=f"Import {index}")
        (work / "lot" / f"{index:05d}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ctx = open_context(AppPaths(work / "data"))
    files = collect_files([work / "lot"])
    start = time.perf_counter()
    report = import_files(ctx, files)
    elapsed = time.perf_counter() - start
    ctx.close()
    assert len(report.imported) == count, report.refused[:3]
    return count / elapsed


def measure(app: object, empty: Path, url_of: Callable[[Path], str | None]) -> tuple[dict[str, float], float, list]:
    """The baselines on a one-dossier base, then every size's figures (``url_of``: its shared base, or None)."""
    base_start = startup(empty, 3, url_of(empty))
    base_answer = answer_panel(app, empty, 21, url_of(empty))
    rows = []
    for size in SIZES:
        folder = folder_with(size)
        url = url_of(folder)
        runs = 3 if size >= 100_000 else 5
        s = startup(folder, runs, url)
        k = keystroke(app, folder, 3, url)
        d = dossier_list(folder, 3, url)
        a = answer_panel(app, folder, 21, url)
        rows.append((size, s, k, d, a))
    return base_start, base_answer, rows


def table(title: str, base_start: dict[str, float], base_answer: float, rows: list, raw: tuple[str, str]) -> None:
    ms = 1000
    print(f"{title} (médianes ; base d'un dossier : démarrage {base_start['filled']:.2f} s, "
          f"{base_start['rss']:.0f} Mio, réponse → panneau {base_answer * ms:.1f} ms)")
    print("| mesure | " + " | ".join(f"{size}" for size, *_ in rows) + " | cible |")
    print("|---|" + "---|" * len(rows) + "---|")

    def line(label: str, cells: list[str], target: str) -> None:
        print(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    line("démarrage → liste remplie (s) / fenêtre nue", [
        f"{s['filled']:.2f} / {s['bare']:.2f} = {s['filled'] / s['bare']:.1f}x" for _, s, *_ in rows], "≤ 2x")
    line("mémoire de pointe (Mio) / dossier de données vide", [
        f"{s['rss']:.0f} / {base_start['rss']:.0f} = {s['rss'] / base_start['rss']:.2f}x" for _, s, *_ in rows],
        "≤ 1,5x")
    line(f"frappe (ms) / {raw[0]}", [
        f"{k['ours'] * ms:.1f} / {k['raw'] * ms:.1f} = {k['ours'] / k['raw']:.1f}x (pire {k['worst'] * ms:.0f})"
        for _, _, k, *_ in rows], "≤ 2x et < 50 ms")
    line(f"dossier list --format json (s) / {raw[1]}", [
        f"{d['ours']:.2f} / {d['raw']:.2f} = {d['ours'] / d['raw']:.1f}x, {d['rss']:.0f} Mio"
        for _, _, _, d, _ in rows], "≤ 2x")
    line("réponse → panneau (ms) / liste d'un dossier", [
        f"{a * ms:.1f} / {base_answer * ms:.1f} = {a / base_answer:.2f}x" for *_, a in rows], "≤ 1,2x")


def server_table(app: object, empty: Path) -> None:
    """The same table on PostgreSQL, or one line saying why it is skipped."""
    if os.environ.get("BENCH_SERVER", "1") == "0":
        print("Table PostgreSQL ignorée : BENCH_SERVER=0.")
        return
    try:
        import psycopg  # noqa: F401

        from tests.tools.postgres import ServerUnavailable, launch
    except ImportError as exc:
        print(f"Table PostgreSQL ignorée : {exc}.")
        return
    try:
        server, stop = launch()
    except ServerUnavailable as exc:
        print(f"Table PostgreSQL ignorée : serveur indisponible ({exc}).")
        return
    try:
        bases: dict[Path, str] = {}

        def url_of(folder: Path) -> str:
            if folder not in bases:
                started = time.perf_counter()
                bases[folder] = server_scale.load_base(server, folder)
                print(f"  (base PostgreSQL chargée : {folder.name} en {time.perf_counter() - started:.1f} s)",
                      flush=True)
            return bases[folder]

        base_start, base_answer, rows = measure(app, empty, url_of)
        table("Liste à l'échelle sur PostgreSQL (mode équipe, index pg_trgm)", base_start, base_answer, rows,
              ("requête LIKE trigramme brute", "psycopg + json"))
    finally:
        stop()


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from assistant.ui.setup import configure

    app = QApplication(sys.argv[:1])
    configure(app)
    empty = Path(tempfile.mkdtemp(prefix="bench-empty-"))
    _child(STARTUP, str(empty))  # creates the database
    from assistant.paths import AppPaths
    from assistant.services.context import open_context
    from assistant.services.dossiers import import_file

    ctx = open_context(AppPaths(empty))
    import_file(ctx, EXAMPLE)
    ctx.close()
    base_start, base_answer, rows = measure(app, empty, lambda _folder: None)
    rate = import_rate()
    table("Liste à l'échelle", base_start, base_answer, rows, ("requête FTS5 brute", "sqlite3 + json"))
    print(f"import en masse : {rate:.0f} dossiers par seconde (contrôlés et évalués, lots de 200 ; cible ≥ 1 000)")
    print(f"(pic mémoire de ce processus : {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} Mio)",
          flush=True)
    server_table(app, empty)


if __name__ == "__main__":
    main()
