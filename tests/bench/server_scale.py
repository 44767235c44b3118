"""The list at size on PostgreSQL (team mode): the same figures and targets as ``bench_scale.py``'s SQLite
table, on a throw-away server started the way the tests start theirs (``tests/tools/postgres.py``).

The base of each size is copied from the cached SQLite data folder with ``COPY`` (a few seconds for 100 000
dossiers) after the application's own migrations created the schema, then analysed (what autovacuum does on
a real server). The baselines are the same work done by hand: a raw trigram ``LIKE`` query for a keystroke,
psycopg + json writing the same bytes for ``dossier list --format json``.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("dossier", "candidate", "event")
RAW_JSON = """
import json, sys
import psycopg
out = sys.stdout
first = True
with psycopg.connect(sys.argv[1]) as db:
    cursor = db.cursor(name="list")
    cursor.itersize = 2000
    cursor.execute("SELECT id, title, organisation, updated_at, conclusion FROM dossier "
                   "WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC")
    for i, t, o, u, c in cursor:
        item = {"id": i, "title": t, "organisation": o,
                "updated": u.isoformat(timespec="seconds") + "Z", "conclusion": c}
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\\n", "\\n  ")
        out.write(("[\\n  " if first else ",\\n  ") + text)
        first = False
out.write("[]\\n" if first else "\\n]\\n")
"""


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL as libpq reads it (for psycopg and plain tools)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def load_base(server: Any, folder: Path) -> str:
    """A fresh base on ``server`` holding the dossiers of the SQLite data folder ``folder``; its URL."""
    import psycopg

    from assistant.paths import AppPaths
    from assistant.storage.engines import open_store

    url = server.new_database()
    open_store(AppPaths(folder).database, url=url).close()  # the schema, by the application's migrations
    with sqlite3.connect(AppPaths(folder).database) as source, psycopg.connect(libpq_url(url)) as target:
        for table in TABLES:
            names = [c[1] for c in source.execute(f"PRAGMA table_info({table})")]
            wanted = {row[0] for row in target.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,))}
            columns = [name for name in names if name in wanted]
            with target.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                    copy.write_row(row)
            target.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT coalesce(max(id), 1) FROM {table}))")
        target.commit()
        target.autocommit = True
        target.execute("VACUUM ANALYZE")
    source.close()
    return str(url)


def site_folder(folder: Path, url: str) -> Path:
    """A data folder of its own whose site settings select the base (the start-up path reads them)."""
    home = folder.parent / f"{folder.name}-serveur"
    (home / "config" / "assistant-achat-numerique").mkdir(parents=True, exist_ok=True)
    (home / "config" / "assistant-achat-numerique" / "site.toml").write_text(
        f'database_url = "{url}"\n', encoding="utf-8")
    return home


def keystroke(app: Any, url: str, folder: Path, searches: list[str], runs: int) -> dict[str, float]:
    """What a keystroke costs on the shared base vs the raw trigram query for its first word."""
    import psycopg

    from assistant.paths import AppPaths
    from assistant.services import library
    from assistant.services.context import open_context
    from assistant.siteconfig import SiteConfig
    from assistant.ui.dossier_model import PAGE_SIZE
    from assistant.ui.main_window import MainWindow

    ctx = open_context(AppPaths(folder), site=SiteConfig(database_url=url))
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    ours, raw, worst = [], [], 0.0
    with psycopg.connect(libpq_url(url)) as db:
        for _ in range(runs):
            for text in searches:
                start = time.perf_counter()
                query = library.ListQuery(search=text)
                total, first = library.search_dossiers(ctx, query, PAGE_SIZE)
                window.show_result(query, total, first)
                app.processEvents()
                ours.append(time.perf_counter() - start)
                worst = max(worst, ours[-1])
                word = text.split()[0]
                start = time.perf_counter()
                db.execute("SELECT id FROM dossier WHERE search_text LIKE %s", (f"%{word}%",)).fetchall()
                raw.append(time.perf_counter() - start)
    window.close()
    ctx.close()
    return {"ours": statistics.median(ours), "raw": statistics.median(raw), "worst": worst}


def _command(argv: list[str]) -> tuple[float, int, bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE)
    output = process.stdout.read() if process.stdout else b""
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    assert status == 0, argv
    return elapsed, usage.ru_maxrss, output


def dossier_list(url: str, folder: Path, runs: int) -> dict[str, float]:
    ours = [_command([sys.executable, "-m", "assistant", "--data-dir", str(folder), "--database-url", url,
                      "dossier", "list", "--format", "json"]) for _ in range(runs)]
    raw = [_command([sys.executable, "-c", RAW_JSON, libpq_url(url)]) for _ in range(runs)]
    assert ours[0][2] == raw[0][2], "not the same bytes"
    return {"ours": statistics.median(o[0] for o in ours), "raw": statistics.median(r[0] for r in raw),
            "rss": max(o[1] for o in ours) / 1024, "raw_rss": max(r[1] for r in raw) / 1024}
