"""The list at size: a stored folded search text, an FTS5 trigram index kept in step by triggers, indexes
for the list's sort orders.

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-02
"""

import sqlite3
import sys

import sqlalchemy as sa
from alembic import op

from assistant.domain.folding import search_text

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

BATCH = 2000
PROGRESS_FROM = 20_000
"""From this many dossiers the migration reports its progress on stderr."""

FTS_TRIGGERS = (
    "CREATE TRIGGER dossier_fts_insert AFTER INSERT ON dossier BEGIN "
    "INSERT INTO dossier_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER dossier_fts_delete AFTER DELETE ON dossier BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER dossier_fts_update AFTER UPDATE OF search_text ON dossier BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO dossier_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)


LIST_INDEXES = {
    "ix_dossier_list_updated": "updated_at",
    "ix_dossier_list_title": "title COLLATE NOCASE",
    "ix_dossier_list_organisation": "organisation COLLATE NOCASE",
    "ix_dossier_list_conclusion": "conclusion",
    "ix_dossier_list_search": "search_text, conclusion",
}


POSTGRES_KEYS = {"title COLLATE NOCASE": "lower(title)", "organisation COLLATE NOCASE": "lower(organisation)"}
"""On PostgreSQL (team mode) the sort indexes fold case with lower(), as the list's queries do there."""


def trigram_supported() -> bool:
    """FTS5's trigram tokenizer exists from SQLite 3.34 on; without it the search scans the folded column."""
    return sqlite3.sqlite_version_info >= (3, 34, 0)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    with op.batch_alter_table("dossier") as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    connection = op.get_bind()
    total = connection.exec_driver_sql("SELECT count(*) FROM dossier").scalar() or 0
    last, done = 0, 0
    while True:  # fill the folded search text in batches (constant memory on 100 000 dossiers)
        rows = connection.execute(
            sa.text("SELECT id, title, organisation FROM dossier WHERE id > :last ORDER BY id LIMIT :batch"),
            {"last": last, "batch": BATCH},
        ).fetchall()
        if not rows:
            break
        connection.execute(
            sa.text("UPDATE dossier SET search_text = :text WHERE id = :id"),
            [{"text": search_text(title, organisation), "id": dossier_id} for dossier_id, title, organisation in rows],
        )
        last, done = rows[-1][0], done + len(rows)
        if total >= PROGRESS_FROM:  # a large base: say how far the migration is (the copy was kept before)
            print(f"Mise à jour de la base\u00a0: {done} / {total} dossiers", file=sys.stderr, flush=True)
    for name, key in LIST_INDEXES.items():  # the list's sort orders, among live or trashed dossiers
        key = key if _sqlite() else POSTGRES_KEYS.get(key, key)
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON dossier (deleted_at, {key})")
    if not _sqlite():  # team mode: the search scans the folded column (no FTS5 on PostgreSQL)
        return
    op.execute("DROP TABLE IF EXISTS dossier_fts")  # left over by a hand-edited file: rebuilt below
    if trigram_supported():
        op.execute(
            "CREATE VIRTUAL TABLE dossier_fts USING fts5(search_text, content='dossier', content_rowid='id', "
            "tokenize='trigram')"
        )
        op.execute("INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild')")
        for trigger in FTS_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    if _sqlite():
        for name in ("dossier_fts_insert", "dossier_fts_delete", "dossier_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS dossier_fts")
    for name in LIST_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    with op.batch_alter_table("dossier") as batch_op:
        batch_op.drop_column("search_text")
