"""Users, panel roles, refresh tokens, API keys, login throttling and the audit chains.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TS = sa.DateTime(timezone=True)


def _fk(column: str, table: str, target: str,
        ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("is_administrator", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", _TS, nullable=True),
        sa.Column("token_version", sa.Integer(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("agency_id", "users", "agencies"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_index(op.f("ix_users_agency_id"), "users", ["agency_id"])
    op.create_table(
        "panel_roles",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("panel_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        _fk("user_id", "panel_roles", "users", "CASCADE"),
        _fk("panel_id", "panel_roles", "panels", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_roles")),
        sa.UniqueConstraint("user_id", "panel_id", "role", name=op.f("uq_panel_roles_user_id")),
    )
    op.create_index(op.f("ix_panel_roles_user_id"), "panel_roles", ["user_id"])
    op.create_index(op.f("ix_panel_roles_panel_id"), "panel_roles", ["panel_id"])
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS, nullable=True),
        _fk("user_id", "login_sessions", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_sessions")),
    )
    op.create_index(op.f("ix_login_sessions_user_id"), "login_sessions", ["user_id"])
    op.create_table(
        "refresh_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("used_at", _TS, nullable=True),
        _fk("session_id", "refresh_tokens", "login_sessions", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens_token_hash")),
    )
    op.create_index(op.f("ix_refresh_tokens_session_id"), "refresh_tokens", ["session_id"])
    _create_api_keys()
    _create_login_throttles()
    _create_audit_entries()


def _create_login_throttles() -> None:
    op.create_table(
        "login_throttles",
        sa.Column("identity_hash", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", _TS, nullable=True),
        sa.Column("locked_until", _TS, nullable=True),
        sa.PrimaryKeyConstraint("identity_hash", name=op.f("pk_login_throttles")),
    )


def _create_api_keys() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS, nullable=True),
        sa.Column("last_used_at", _TS, nullable=True),
        _fk("agency_id", "api_keys", "agencies"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"],
                                name=op.f("fk_api_keys_created_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
    )
    op.create_index(op.f("ix_api_keys_agency_id"), "api_keys", ["agency_id"])


def _create_audit_entries() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("seq", _SEQ, autoincrement=True, nullable=False),
        sa.Column("lane", sa.SmallInteger(), nullable=False),
        sa.Column("lane_seq", sa.BigInteger(), nullable=False),
        sa.Column("occurred_at", _TS, nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True),
        sa.Column("actor_kind", sa.String(16), nullable=True),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("roles", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("method", sa.String(8), nullable=False),
        sa.Column("route", sa.String(200), nullable=False),
        sa.Column("resource_type", sa.String(64), nullable=True),
        sa.Column("resource_id", sa.String(64), nullable=True),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("subject_hash", sa.String(64), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entries")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_entries_hash")),
        sa.UniqueConstraint("lane", "lane_seq", name=op.f("uq_audit_entries_lane")),
    )
    op.create_index(op.f("ix_audit_entries_actor_id"), "audit_entries", ["actor_id"])
    op.create_index(op.f("ix_audit_entries_resource_id"), "audit_entries", ["resource_id"])
    op.create_index(op.f("ix_audit_entries_case_id"), "audit_entries", ["case_id"])
    _append_only_triggers()
    _create_audit_chain_heads()


def _create_audit_chain_heads() -> None:
    """One head row per lane (16 lanes), starting at the genesis hash."""
    heads = op.create_table(
        "audit_chain_heads",
        sa.Column("lane", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("lane", name=op.f("pk_audit_chain_heads")),
    )
    op.bulk_insert(heads, [{"lane": lane, "seq": 0, "hash": "0" * 64} for lane in range(16)])
    _forward_only_heads()


def _forward_only_heads() -> None:
    """Defence in depth: a head only ever moves to the next entry of its lane, never back."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION audit_chain_heads_forward() RETURNS trigger LANGUAGE plpgsql "
                   "AS $$ BEGIN IF TG_OP = 'DELETE' OR NEW.lane <> OLD.lane "
                   "OR NEW.seq <> OLD.seq + 1 THEN "
                   "RAISE EXCEPTION 'audit_chain_heads only move forward'; END IF; "
                   "RETURN NEW; END $$")
        op.execute("CREATE TRIGGER audit_chain_heads_forward BEFORE UPDATE OR DELETE ON "
                   "audit_chain_heads FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_forward()")
        op.execute("CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON "
                   "audit_chain_heads FOR EACH STATEMENT "
                   "EXECUTE FUNCTION audit_chain_heads_forward()")
        return
    op.execute("CREATE TRIGGER audit_chain_heads_forward BEFORE UPDATE ON audit_chain_heads "
               "WHEN NEW.lane <> OLD.lane OR NEW.seq <> OLD.seq + 1 BEGIN "
               "SELECT RAISE(ABORT, 'audit_chain_heads only move forward'); END")
    op.execute("CREATE TRIGGER audit_chain_heads_no_delete BEFORE DELETE ON audit_chain_heads "
               "BEGIN SELECT RAISE(ABORT, 'audit_chain_heads only move forward'); END")


def _append_only_triggers() -> None:
    """Defence in depth: the database refuses UPDATE and DELETE; the hash chain detects the rest."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql "
                   "AS $$ BEGIN RAISE EXCEPTION 'audit_entries is append-only'; END $$")
        op.execute("CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "
                   "audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()")
        op.execute("CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()")
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER audit_entries_no_{event.lower()} BEFORE {event} ON "
                   "audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END")


def downgrade() -> None:
    op.drop_table("audit_chain_heads")
    op.drop_table("audit_entries")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_chain_heads_forward()")
        op.execute("DROP FUNCTION audit_entries_append_only()")
    op.drop_table("login_throttles")
    op.drop_table("api_keys")
    op.drop_table("refresh_tokens")
    op.drop_table("login_sessions")
    op.drop_table("panel_roles")
    op.drop_table("users")
