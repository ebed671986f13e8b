"""Match keys carry their referral's case, and the lookup indexes cover what a lookup reads.

Repeat checks then find earlier cases from the key rows alone, and on PostgreSQL every lookup
is an index-only scan (INCLUDE columns; SQLite keeps its plain indexes).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "person_name_keys"
_LOOKUPS = {
    "ix_person_name_keys_full": ["panel_id", "full_key"],
    "ix_person_name_keys_surname_dob": ["panel_id", "surname_key", "date_of_birth"],
    "ix_person_name_keys_dob_postcode": ["panel_id", "date_of_birth", "postcode_key"],
    "ix_person_name_keys_postcode": ["panel_id", "postcode_key"],
}
_CARRIED = ("role", "person_id", "referral_id", "case_id", "is_alias", "full_key",
            "surname_key", "date_of_birth", "postcode_key", "outward_code")


def upgrade() -> None:
    with op.batch_alter_table(_TABLE) as batch:
        batch.add_column(sa.Column("case_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key("fk_person_name_keys_case_id_cases", "cases",
                                 ["case_id"], ["id"], ondelete="SET NULL")
    op.execute("UPDATE person_name_keys SET case_id = (SELECT referrals.case_id FROM referrals "
               "WHERE referrals.id = person_name_keys.referral_id)")
    op.create_index("ix_person_name_keys_case_id", _TABLE, ["case_id"],
                    postgresql_where=sa.text("case_id IS NOT NULL"),
                    sqlite_where=sa.text("case_id IS NOT NULL"))
    for name, columns in _LOOKUPS.items():
        op.drop_index(name, table_name=_TABLE)
        op.create_index(name, _TABLE, columns,
                        postgresql_include=[c for c in _CARRIED if c not in columns])


def downgrade() -> None:
    for name, columns in _LOOKUPS.items():
        op.drop_index(name, table_name=_TABLE)
        op.create_index(name, _TABLE, columns)
    op.drop_index("ix_person_name_keys_case_id", table_name=_TABLE)
    with op.batch_alter_table(_TABLE) as batch:
        batch.drop_constraint("fk_person_name_keys_case_id_cases", type_="foreignkey")
        batch.drop_column("case_id")
