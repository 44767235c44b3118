"""Team mode: each dossier carries a version (a save over a newer one is refused) and each journal event its
author (the PostgreSQL role, or the workstation's user on SQLite).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier") as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("event") as batch_op:
        batch_op.add_column(sa.Column("author", sa.String(length=100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("event") as batch_op:
        batch_op.drop_column("author")
    with op.batch_alter_table("dossier") as batch_op:
        batch_op.drop_column("version")
