"""Team mode: the shared PostgreSQL base of a buying office, opened and migrated like the SQLite file.

psycopg is imported (by SQLAlchemy's dialect) only when a ``postgresql+psycopg://`` URL is opened, so the
single-workstation mode never loads it. Passwords never come from ``site.toml``: libpq reads them from
``~/.pgpass``, a service file (``PGSERVICEFILE``) or ``PGPASSWORD``, and TLS from the URL's ``sslmode``.

Two workstations starting a new version at once cannot race: the check of the schema revision and the
migration run under a PostgreSQL advisory lock. A base of a newer schema is refused before anything is
written, exactly as a newer SQLite file.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import sessionmaker

from assistant.storage import rights
from assistant.storage.database import (
    Database,
    DatabaseError,
    DatabaseTooNewError,
    _alembic_config,
    head_revision,
    known_revisions,
)

SERVER_SCHEMES = ("postgresql+psycopg",)
"""The URL schemes that select the shared base (psycopg 3)."""
MIGRATION_LOCK_KEY = 4_150_723_815
"""The advisory lock held while the schema is checked and migrated (any fixed 64-bit number)."""


def is_server_url(url: str | None) -> bool:
    """Whether ``url`` names a shared PostgreSQL base (None or empty: the data folder's SQLite file)."""
    return bool(url) and str(url).split("://", 1)[0] in SERVER_SCHEMES


def shown_url(url: str) -> str:
    """The URL as printed in messages: never a password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.rsplit("@", maxsplit=1)[-1]


def place(url: str) -> str:
    """The base and its server in words, for the window: « « achats » sur srv-achats »."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return shown_url(url)
    host = parsed.host or parsed.query.get("host") or "ce poste"
    host = host if isinstance(host, str) else ", ".join(host)
    return f"«\u00a0{parsed.database}\u00a0» sur {host}"


def url_problem(url: str) -> str | None:
    """What is wrong with a ``database_url`` setting (French, without the subject), or None when usable."""
    if not is_server_url(url):
        return f"doit commencer par {SERVER_SCHEMES[0]}://"
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "n'est pas une adresse de base de données valide"
    if parsed.password is not None:
        return ("contient un mot de passe, qui ne doit jamais figurer dans site.toml "
                "(utilisez ~/.pgpass, un fichier de service ou PGPASSWORD)")
    return None


CONNECT_TIMEOUT_SECONDS = 5
"""How long a connection attempt waits for a server that does not answer (libpq's connect_timeout), unless
the URL sets its own: the window tells the buyer rather than hanging."""


class ServerUnreachableError(DatabaseError):
    """The shared base's server does not answer or refuses the connection (the window offers to retry)."""


def server_engine(url: str) -> Engine:
    """An engine on the shared base; a connection lost (server restarted) is replaced on next use."""
    try:
        parsed = make_url(url)
        options = {} if "connect_timeout" in parsed.query else {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
        return create_engine(url, pool_pre_ping=True, connect_args=options)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseError(f"L'adresse de base de données {shown_url(url)} n'est pas utilisable ({exc}).") from exc


def unreachable(url: str, exc: BaseException) -> DatabaseError:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ServerUnreachableError(
        f"Le serveur de la base partagée {place(url)} ne répond pas ou refuse la connexion "
        f"({reason}) ; réessayez, ou ouvrez un dossier de données local.")


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def _migrate_locked(connection: Connection, url: str) -> None:
    """Under the advisory lock: refuse a newer schema, else bring the base to the head revision."""
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    connection.commit()
    try:
        revision = _revision(connection)
        connection.rollback()
        if revision is not None and revision not in known_revisions():
            raise DatabaseTooNewError(
                f"La base {shown_url(url)} a été créée par une version plus récente de l'application "
                f"(schéma « {revision} ») ; installez cette version pour l'ouvrir. La base n'a pas été modifiée."
            )
        if revision != head_revision():
            from alembic import command

            refusal = rights.migration_refusal(connection, shown_url(url))
            connection.rollback()
            if refusal is not None:
                raise DatabaseError(refusal, 2)
            with connection.begin():
                command.upgrade(_alembic_config(connection), "head")
                rights.protect(connection)
    finally:
        connection.rollback()
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()


def open_server_database(url: str, local_path: Path) -> Database:
    """Open (creating its schema if needed) and migrate the shared base at ``url``.

    ``local_path`` is the data folder's database file, kept as the ``Database``'s path for what is local
    (nothing is written to it). Raises ``DatabaseTooNewError`` (status 2) or ``DatabaseError``.
    """
    engine = server_engine(url)
    try:
        with engine.connect() as connection:
            _migrate_locked(connection, url)
            author = str(connection.execute(text("SELECT current_user")).scalar() or "")
            read_only = not rights.can_write(connection)
    except DatabaseError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise unreachable(url, exc) from exc
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"La mise à jour de la base {shown_url(url)} a échoué : {exc}") from exc
    warnings = [rights.read_only_warning(place(url), author)] if read_only else []
    return Database(local_path, engine, sessionmaker(engine, expire_on_commit=False), read_only=read_only,
                    warnings=warnings, url=url, author=author)
