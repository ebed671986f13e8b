"""Audit entries name the key their hash was made with: the chain is keyed (HMAC), keys rotate.

Entries written before stay NULL: their links are unkeyed, and verify accepts them only when told
to (`--allow-unkeyed`). The column is added in place, not through a table copy, so SQLite keeps the
append-only triggers of audit_entries. A downgrade drops the key ids, after which entries made
since verify as neither keyed nor unkeyed: it is for development databases only.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("audit_entries", sa.Column("key_id", sa.String(16), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_entries", "key_id")
