"""SQLite storage: typed SQLAlchemy models, a repository, Alembic migrations run at start-up."""

from assistant.storage.database import (
    Database,
    DatabaseDamagedError,
    DatabaseError,
    DatabaseTooNewError,
    open_database,
)
from assistant.storage.repository import (
    DossierNotFoundError,
    DossierSummary,
    EventRecord,
    Repository,
    StorageError,
)

__all__ = [
    "Database",
    "DatabaseDamagedError",
    "DatabaseError",
    "DatabaseTooNewError",
    "DossierNotFoundError",
    "DossierSummary",
    "EventRecord",
    "Repository",
    "StorageError",
    "open_database",
]
