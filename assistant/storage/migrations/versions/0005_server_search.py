"""Team mode's search at size: a ``pg_trgm`` GIN index on the folded search text (PostgreSQL only).

The list's search matches ``dossier.search_text``, which the application already stores folded (lower case,
no accents: ``assistant.domain.folding``), exactly as on SQLite, so both engines give the same results. On
PostgreSQL a word of three characters or more is matched with ``LIKE '%word%'``, which a trigram GIN index
serves. ``unaccent`` is not used: the folding is done once, by the application, for both engines (see
``assistant/storage/listing.py``).

``pg_trgm`` is a trusted extension (PostgreSQL 13 and later): the owner of the base may create it. When the
role running the upgrade may not, the upgrade still succeeds without the index (a warning on stderr) and the
search scans the column; the server's administrator can then run the two statements of « Mode équipe »
(installer/README.md). On SQLite nothing changes (the FTS5 trigram index of 0003 serves the search).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sys

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_dossier_search_trgm"
CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {INDEX} ON dossier USING gin (search_text gin_trgm_ops)"


def _has_trgm() -> bool:
    row = op.get_bind().exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first()
    return row is not None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        return
    savepoint = connection.begin_nested()  # a refusal must not abort the whole upgrade's transaction
    try:
        if not _has_trgm():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        connection.exec_driver_sql(CREATE_INDEX)
        savepoint.commit()
    except DBAPIError as exc:
        savepoint.rollback()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        print(f"Index de recherche pg_trgm non créé ({reason})\u00a0; la recherche reste exacte mais parcourt "
              "toute la table. L'administrateur du serveur peut le créer (voir «\u00a0Mode équipe\u00a0» dans "
              "installer/README.md).", file=sys.stderr, flush=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")  # the extension stays: other bases' objects may use it
