"""What ``bench_scale.py`` needs for its PostgreSQL table (team mode): the bases, the site settings selecting
them and the raw baselines, on a throw-away server started the way the tests start theirs
(``tests/tools/postgres.py``).

The base of each size is copied from the cached SQLite data folder with ``COPY`` (a few seconds for 100 000
dossiers) after the application's own migrations created the schema, then analysed (what autovacuum does on
a real server). The baselines are the same work done by hand: a raw trigram ``LIKE`` query for a keystroke,
psycopg + json writing the same bytes for ``dossier list --format json``.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


def site_config(url: str) -> Path:
    """A configuration folder (for ``$XDG_CONFIG_DIRS``) whose ``site.toml`` selects the base at ``url``: the
    start-up path reads its settings there, as on a workstation of the office."""
    folder = Path(tempfile.gettempdir()) / f"assistant-bench-site-{hashlib.sha256(url.encode()).hexdigest()[:12]}"
    target = folder / "assistant-achat-numerique" / "site.toml"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'database_url = "{url}"\n', encoding="utf-8")
    return folder


@contextmanager
def raw_search(url: str) -> Iterator[Callable[[str], object]]:
    """The keystroke's baseline: the raw trigram query for one word, on one open connection."""
    import psycopg

    with psycopg.connect(libpq_url(url)) as db:
        yield lambda word: db.execute("SELECT id FROM dossier WHERE search_text LIKE %s",
                                      (f"%{word}%",)).fetchall()
