"""Alembic environment: run in code by ``assistant.storage.database``, never from an ini file.

The caller passes its open connection in ``config.attributes["connection"]``.
"""

from alembic import context

from assistant.storage.models import Base

UNMAPPED_PREFIXES = ("dossier_fts", "ix_dossier_list_")
"""Objects made by raw SQL in the migrations, unknown to the models: the FTS5 index (and its shadow tables)
and the list's sort indexes (with a collation, which the models cannot say)."""


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (name or "").startswith(UNMAPPED_PREFIXES)


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
