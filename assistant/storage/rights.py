"""Team mode: what the connected PostgreSQL role may do with the shared base.

The roles come from ``installer/team-roles.sql``: the schema owner (creates and migrates the tables), the
buyers (read and write dossiers, append to the journal) and the controllers (read only). The application
never needs a superuser: it reads its rights from the server (``has_table_privilege``) and opens the base
read-only when it cannot write; a role that does not own the schema never migrates it.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

OWNER_ONLY: dict[str, tuple[str, ...]] = {
    "event": ("UPDATE", "DELETE", "TRUNCATE"),
    "dossier": ("DELETE", "TRUNCATE"),
    "alembic_version": ("INSERT", "UPDATE", "DELETE", "TRUNCATE"),
}
"""Privileges no other role keeps, whatever default privileges granted: the journal stays append-only,
erasing a dossier for good (emptying the trash) and the schema revision are the owner's. The SQL script
revokes the same list."""

WRITES: tuple[tuple[str, str], ...] = (
    ("dossier", "INSERT"), ("dossier", "UPDATE"), ("candidate", "INSERT"), ("candidate", "DELETE"),
    ("event", "INSERT"),
)
"""The privileges a buyer's work needs: without any of them the base opens read-only."""

INSUFFICIENT_PRIVILEGE = "42501"
"""The SQLSTATE of a statement the server refused to the role."""


def can_write(connection: Connection) -> bool:
    """Whether the connected role holds every privilege a buyer's work needs."""
    checks = " AND ".join(f"has_table_privilege(current_user, :t{i}, :p{i})" for i in range(len(WRITES)))
    values = {key: value for i, (table, privilege) in enumerate(WRITES)
              for key, value in ((f"t{i}", table), (f"p{i}", privilege))}
    return bool(connection.execute(text(f"SELECT {checks}"), values).scalar())


def may_erase(engine: Engine) -> bool:
    """Whether the role may erase dossiers for good (empty the trash): always on a SQLite file."""
    if engine.dialect.name != "postgresql":
        return True
    try:
        with engine.connect() as connection:
            return bool(connection.execute(
                text("SELECT has_table_privilege(current_user, 'dossier', 'DELETE')")).scalar())
    except DBAPIError:  # the server does not answer: not now (the trash's other buttons say why)
        return False


def _owner(connection: Connection) -> str | None:
    """The role that owns the schema revision table (None: the schema is not created yet)."""
    row = connection.execute(text(
        "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'alembic_version'"
    )).first()
    return str(row[0]) if row else None


def _creators(connection: Connection) -> list[str]:
    """The login roles, superusers aside, that may create the tables of an empty base."""
    rows = connection.execute(text(
        "SELECT rolname FROM pg_roles WHERE rolcanlogin AND NOT rolsuper "
        "AND has_schema_privilege(oid, current_schema(), 'CREATE') ORDER BY rolname"))
    return [str(row[0]) for row in rows]


def migration_refusal(connection: Connection, where: str) -> str | None:
    """Why the connected role may not bring the base at ``where`` to the application's schema (one French
    sentence), or None when it may: it owns the schema, or the base is empty and it may create tables."""
    role = str(connection.execute(text("SELECT current_user")).scalar())
    owner = _owner(connection)
    if owner is not None:
        if connection.execute(text("SELECT pg_has_role(current_user, :owner, 'USAGE')"), {"owner": owner}).scalar():
            return None
        named = f"rôle «\u00a0{owner}\u00a0»"
    else:
        if connection.execute(text("SELECT has_schema_privilege(current_user, current_schema(), 'CREATE')")).scalar():
            return None
        creators = _creators(connection)
        named = ("rôle " + " ou ".join(f"«\u00a0{name}\u00a0»" for name in creators[:3]) if creators
                 else "le rôle qui peut y créer les tables")
    return (f"La base {where} doit d'abord être mise à jour par son propriétaire ({named})\u00a0: votre rôle "
            f"«\u00a0{role}\u00a0» ne peut pas modifier son schéma, elle n'a pas été modifiée.")


def protect(connection: Connection) -> None:
    """Take back from every other role the ``OWNER_ONLY`` privileges on the tables the connected role owns
    (run after each migration: default privileges give new tables the buyers' rights)."""
    rows = connection.execute(text(
        "SELECT DISTINCT c.relname, g.privilege_type, "
        "CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END "
        "FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) g "
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(:tables) "
        "AND g.grantee <> c.relowner AND pg_has_role(current_user, c.relowner, 'USAGE')"),
        {"tables": list(OWNER_ONLY)})
    for table, privilege, grantee in rows:
        if privilege in OWNER_ONLY[str(table)]:
            connection.execute(text(f'REVOKE {privilege} ON "{table}" FROM {grantee}'))


def read_only_warning(where: str, role: str) -> str:
    """The opening warning of a base the role may only read."""
    return (f"Votre rôle «\u00a0{role}\u00a0» n'a que le droit de lire la base partagée {where}\u00a0: elle est "
            "ouverte en lecture seule et aucune modification n'est possible.")


def is_refused_privilege(exc: BaseException) -> bool:
    """Whether a database error is the server refusing a statement to the role (SQLSTATE 42501)."""
    return getattr(getattr(exc, "orig", exc), "sqlstate", None) == INSUFFICIENT_PRIVILEGE
