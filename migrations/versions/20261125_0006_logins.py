"""Safe logins: throttle keys per identity and client, role-change history, TOTP and recovery
codes, and the panel's MFA setting.

login_throttles only holds short-lived failure counts, so it is made anew in its new shape
(per key, with the identity it belongs to, and no lock) rather than converted.

Revision ID: 0006
Revises: 0008
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)


def _user_fk(table: str, column: str = "user_id",
             ondelete: str | None = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["users.id"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_users"))


def upgrade() -> None:
    op.drop_table("login_throttles")
    op.create_table(
        "login_throttles",
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("identity_hash", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", _TS, nullable=True),
        sa.Column("last_success_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_login_throttles")),
    )
    op.create_index(op.f("ix_login_throttles_identity_hash"), "login_throttles",
                    ["identity_hash"])
    op.create_table(
        "user_role_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=False),
        sa.Column("changed_at", _TS, nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=False),
        _user_fk("user_role_changes"),
        _user_fk("user_role_changes", "changed_by", None),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_role_changes")),
    )
    op.create_index(op.f("ix_user_role_changes_user_id"), "user_role_changes", ["user_id"])
    _create_mfa()
    op.add_column("panels", sa.Column("mfa_required", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def _create_mfa() -> None:
    op.create_table(
        "user_mfa",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("pending_secret", sa.String(64), nullable=True),
        sa.Column("secret", sa.String(64), nullable=True),
        sa.Column("enabled_at", _TS, nullable=True),
        sa.Column("last_step", sa.BigInteger(), nullable=True),
        _user_fk("user_mfa"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_mfa")),
    )
    op.create_table(
        "mfa_recovery_codes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("used_at", _TS, nullable=True),
        _user_fk("mfa_recovery_codes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mfa_recovery_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_mfa_recovery_codes_code_hash")),
    )
    op.create_index(op.f("ix_mfa_recovery_codes_user_id"), "mfa_recovery_codes", ["user_id"])


def downgrade() -> None:
    op.drop_column("panels", "mfa_required")
    op.drop_table("mfa_recovery_codes")
    op.drop_table("user_mfa")
    op.drop_table("user_role_changes")
    op.drop_table("login_throttles")
    op.create_table(
        "login_throttles",
        sa.Column("identity_hash", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", _TS, nullable=True),
        sa.Column("locked_until", _TS, nullable=True),
        sa.PrimaryKeyConstraint("identity_hash", name=op.f("pk_login_throttles")),
    )
