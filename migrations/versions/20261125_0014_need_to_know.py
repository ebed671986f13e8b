"""Need to know: details a victim fears disclosed are marked per person; users carry the name
and date of birth that tell whether a recipient is a perpetrator on a case.

Plain ALTERs only (no batch rebuild: on SQLite a rebuild of people or users cascade-deletes).

Revision ID: 0014
Revises: 0010
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_USER_COLUMNS = ("given_names", "family_name", "date_of_birth")


def upgrade() -> None:
    op.add_column("people", sa.Column("do_not_circulate", sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))
    op.add_column("users", sa.Column("given_names", sa.String(200), nullable=True))
    op.add_column("users", sa.Column("family_name", sa.String(200), nullable=True))
    op.add_column("users", sa.Column("date_of_birth", sa.Date(), nullable=True))


def downgrade() -> None:
    for column in reversed(_USER_COLUMNS):
        op.drop_column("users", column)  # SQLite 3.35+: an ALTER, no rebuild
    op.drop_column("people", "do_not_circulate")
