"""Alembic environment: run in code by ``assistant.storage.database``, never from an ini file.

The caller passes its open connection in ``config.attributes["connection"]``.
"""

from alembic import context

from assistant.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
