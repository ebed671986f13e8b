"""Grants the service's own PostgreSQL role what it needs and no more: `python -m api.db_roles`.

Run it as the role that owns the tables (the one migrations run as: MARAC_DATABASE_URL), after
every `alembic upgrade`; it names the service's role from MARAC_APP_ROLE (default `marac_app`)
and creates it (LOGIN, no password: set one, or use certificate auth) if it does not exist.

The service's role may read and write the case tables, but the audit trail only grows:
- audit_entries: SELECT and INSERT only. No UPDATE, DELETE or TRUNCATE, and, not being the
  owner, it cannot ALTER the table, disable its triggers or drop it; nor may it set
  session_replication_role (superusers only), which would skip the triggers.
- audit_chain_heads: SELECT, and UPDATE of `seq` and `hash` only, because every append moves
  its lane's head (and `SELECT ... FOR UPDATE` needs UPDATE). The lane column, INSERT and
  DELETE are refused, and the forward-only trigger lets a head move only to its lane's next
  entry; a head moved onto a forged entry is caught by verify, as the entry is not keyed.
- alembic_version: SELECT only, so the service can see the schema is current but not pretend.
- sequences: USAGE (nextval) but not UPDATE, so setval cannot rewind audit_entries.seq.
Tables later migrations add get the same read/write rights by default privileges; re-run this
command after each upgrade so any new audit table is narrowed too.
"""

import argparse
import os
import re
import sys
from collections.abc import Sequence

from sqlalchemy import Connection, text

from api.config import get_settings
from api.db import make_engine

DEFAULT_ROLE = "marac_app"
APPEND_ONLY = ("audit_entries",)
HEADS = "audit_chain_heads"
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleRefused(ValueError):
    """The named role cannot be the service's restricted role."""


def grant_app_role(conn: Connection, role: str) -> None:
    """Creates `role` if missing and grants it the service's privileges, as the tables' owner."""
    if not _ROLE_NAME.match(role):
        raise RoleRefused("MARAC_APP_ROLE must be a lower-case PostgreSQL identifier")
    owner = conn.execute(text("SELECT current_user")).scalar_one()
    if role == owner:
        raise RoleRefused("the service's role must not be the role that owns the tables")
    found = conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = :r"),
                         {"r": role}).one_or_none()
    if found is not None and found.rolsuper:
        raise RoleRefused("the service's role must not be a superuser")
    quote = conn.dialect.identifier_preparer.quote_identifier
    if found is None:
        conn.execute(text(f"CREATE ROLE {quote(role)} LOGIN"))
    schema = conn.execute(text("SELECT current_schema()")).scalar() or "public"
    for statement in _grants(quote(role), quote(owner), quote(schema)):
        conn.execute(text(statement))


def _grants(role: str, owner: str, schema: str) -> list[str]:
    """The statements (identifiers already quoted), in order: read and write on every table
    first, then the audit tables and the migrations' own table narrowed."""
    rw = "SELECT, INSERT, UPDATE, DELETE"
    audit = ", ".join((*APPEND_ONLY, HEADS, "alembic_version"))
    return [
        f"GRANT USAGE ON SCHEMA {schema} TO {role}",
        f"GRANT {rw} ON ALL TABLES IN SCHEMA {schema} TO {role}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        f"GRANT {rw} ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        f"GRANT USAGE ON SEQUENCES TO {role}",
        f"REVOKE ALL ON {audit} FROM {role}",
        *(f"GRANT SELECT, INSERT ON {table} TO {role}" for table in APPEND_ONLY),
        f"GRANT SELECT, UPDATE (seq, hash) ON {HEADS} TO {role}",
        f"GRANT SELECT ON alembic_version TO {role}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.db_roles", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    role = os.environ.get("MARAC_APP_ROLE", DEFAULT_ROLE)
    engine = make_engine(get_settings().database_url)
    try:
        if engine.dialect.name != "postgresql":
            print("nothing to grant: SQLite has no roles (protect the file instead)")
            return 0
        with engine.begin() as conn:
            grant_app_role(conn, role)
    except RoleRefused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"granted the service's privileges to role {role}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
