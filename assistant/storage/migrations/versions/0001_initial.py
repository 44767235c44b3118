"""Initial schema: dossiers, offers and the append-only journal.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("organisation", sa.String(length=500), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("justifications", sa.JSON(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("current_step", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("rulebook_version", sa.String(length=40), nullable=True),
        sa.Column("rulebook_digest", sa.String(length=80), nullable=True),
        sa.Column("evaluated_at", sa.DateTime(), nullable=True),
        sa.Column("conclusion", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
        sa.UniqueConstraint("uid", name=op.f("uq_dossier_uid")),
    )
    with op.batch_alter_table("dossier") as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_updated_at"), ["updated_at"], unique=False)
    op.create_table(
        "candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossier.id"], name=op.f("fk_candidate_dossier_id_dossier"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate")),
    )
    with op.batch_alter_table("candidate") as batch_op:
        batch_op.create_index(batch_op.f("ix_candidate_dossier_id"), ["dossier_id"], unique=False)
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("dossier_uid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event") as batch_op:
        batch_op.create_index(batch_op.f("ix_event_dossier_id"), ["dossier_id"], unique=False)
    # The journal is append-only.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'le journal est en ajout seul'; END $$"
        )
        for name, action in (("event_no_update", "UPDATE"), ("event_no_delete", "DELETE")):
            op.execute(f"CREATE TRIGGER {name} BEFORE {action} ON event "
                       "FOR EACH ROW EXECUTE FUNCTION event_append_only()")
        return
    op.execute(
        "CREATE TRIGGER event_no_update BEFORE UPDATE ON event "
        "BEGIN SELECT RAISE(ABORT, 'le journal est en ajout seul'); END"
    )
    op.execute(
        "CREATE TRIGGER event_no_delete BEFORE DELETE ON event "
        "BEGIN SELECT RAISE(ABORT, 'le journal est en ajout seul'); END"
    )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    on = " ON event" if postgres else ""
    op.execute(f"DROP TRIGGER IF EXISTS event_no_delete{on}")
    op.execute(f"DROP TRIGGER IF EXISTS event_no_update{on}")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS event_append_only()")
    op.drop_table("event")
    op.drop_table("candidate")
    op.drop_table("dossier")
