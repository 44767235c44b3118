"""Team mode's live list: on PostgreSQL, every statement that adds journal events sends a notification on the
``assistant_changes`` channel (delivered at commit; one per transaction), which the open windows listen to.
SQLite has no notifications: its windows read the journal's newest ids instead (nothing to create).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHANNEL = "assistant_changes"


def _server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _server():
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION assistant_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
    )
    op.execute("CREATE TRIGGER event_notify_change AFTER INSERT ON event "
               "FOR EACH STATEMENT EXECUTE FUNCTION assistant_notify_change()")


def downgrade() -> None:
    if not _server():
        return
    op.execute("DROP TRIGGER IF EXISTS event_notify_change ON event")
    op.execute("DROP FUNCTION IF EXISTS assistant_notify_change()")
