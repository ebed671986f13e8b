"""People search: match keys learn how a name sounds and its words, for typos and variants;
referrals remember whether submission found a repeat candidate (for the list).

Every key row is rebuilt from its person (names now fold look-alike letters and drop invisible
characters), the lookup indexes carry the new columns, and four indexes serve one-letter typos.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "person_name_keys"
_OLD = {
    "ix_person_name_keys_full": ["panel_id", "full_key"],
    "ix_person_name_keys_surname_dob": ["panel_id", "surname_key", "date_of_birth"],
    "ix_person_name_keys_dob_postcode": ["panel_id", "date_of_birth", "postcode_key"],
    "ix_person_name_keys_postcode": ["panel_id", "postcode_key"],
}
_NEW = {
    "ix_person_name_keys_phonetic": ["panel_id", "phonetic_key"],
    "ix_person_name_keys_given_surname": ["panel_id", "given_key", "surname_key"],
    "ix_person_name_keys_given_surname_rev": ["panel_id", "given_key", "surname_rev"],
    "ix_person_name_keys_surname_given": ["panel_id", "surname_key", "given_key"],
    "ix_person_name_keys_surname_given_rev": ["panel_id", "surname_key", "given_rev"],
}
_CARRIED_BEFORE = ("role", "person_id", "referral_id", "case_id", "is_alias", "full_key",
                   "surname_key", "date_of_birth", "postcode_key", "outward_code")
_CARRIED = (*_CARRIED_BEFORE, "given_key", "phonetic_key")
_BATCH = 5000


def _index(name: str, columns: list[str], carried: tuple[str, ...]) -> None:
    op.create_index(name, _TABLE, columns,
                    postgresql_include=[c for c in carried if c not in columns])


# Plain ALTER TABLE, never SQLite's batch mode: batch copies and drops a table, and dropping
# referrals with foreign keys on would cascade to every person and key on file.
_COLUMNS = ((_TABLE, "given_key", 200), (_TABLE, "given_rev", 200),
            (_TABLE, "surname_rev", 200), (_TABLE, "phonetic_key", 120))


def upgrade() -> None:
    for table, name, length in _COLUMNS:
        op.add_column(table, sa.Column(name, sa.String(length), nullable=False,
                                       server_default=""))
    op.add_column("referrals", sa.Column("has_repeat_candidate", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    _rebuild_keys(op.get_bind())
    for name, columns in _OLD.items():
        op.drop_index(name, table_name=_TABLE)
        _index(name, columns, _CARRIED)
    for name, columns in _NEW.items():
        _index(name, columns, _CARRIED)
    _backfill_repeat_candidates()
    op.create_index("ix_referrals_panel_status_submitted", "referrals",
                    ["panel_id", "status", "submitted_at", "id"])


# The tables as this revision knows them, typed (reflection would read SQLite's UUIDs as text).
_PEOPLE = sa.table("people", *(sa.column(n, t) for n, t in (
    ("id", sa.Uuid()), ("panel_id", sa.Uuid()), ("referral_id", sa.Uuid()),
    ("role", sa.String()), ("given_names", sa.String()), ("family_name", sa.String()),
    ("aliases", sa.JSON()), ("date_of_birth", sa.Date()), ("postcode", sa.String()))))
_REFERRALS = sa.table("referrals", sa.column("id", sa.Uuid()), sa.column("case_id", sa.Uuid()))
_KEYS = sa.table(_TABLE, *(sa.column(n, t) for n, t in (
    ("id", sa.Uuid()), ("panel_id", sa.Uuid()), ("person_id", sa.Uuid()),
    ("referral_id", sa.Uuid()), ("case_id", sa.Uuid()), ("role", sa.String()),
    ("is_alias", sa.Boolean()), ("date_of_birth", sa.Date()),
    *((name, sa.String()) for name in ("full_key", "surname_key", "postcode_key",
                                       "outward_code", "given_key", "given_rev",
                                       "surname_rev", "phonetic_key")))))


def _rebuild_keys(conn: sa.Connection) -> None:
    """Every person's key rows, made again as intake now makes them, batch by batch."""
    from api.people.keys import key_dicts  # the product's own keys, as of this revision

    query = sa.select(_PEOPLE, _REFERRALS.c.case_id).join(
        _REFERRALS, _REFERRALS.c.id == _PEOPLE.c.referral_id).order_by(_PEOPLE.c.id).limit(_BATCH)
    last = None
    while True:
        rows = conn.execute(query if last is None else query.where(_PEOPLE.c.id > last)).all()
        if not rows:
            return
        ids = [row.id for row in rows]
        conn.execute(_KEYS.delete().where(_KEYS.c.person_id.in_(ids)))
        conn.execute(_KEYS.insert(), [{**k, "case_id": row.case_id}
                                     for row in rows for k in key_dicts(_Named(row))])
        last = ids[-1]


class _Named:
    """A people row as key_dicts reads a person."""

    def __init__(self, row: Any) -> None:
        self.id, self.panel_id, self.referral_id = row.id, row.panel_id, row.referral_id
        self.role, self.given_names, self.family_name = row.role, row.given_names, row.family_name
        self.aliases = list(row.aliases or [])
        self.date_of_birth, self.postcode = row.date_of_birth, row.postcode


def _backfill_repeat_candidates() -> None:
    """Referrals already on file: a repeat candidate is another referral's victim, on a case,
    with the same name, or the same surname and date of birth (the strong matches)."""
    op.execute(
        "UPDATE referrals SET has_repeat_candidate = EXISTS (SELECT 1 FROM person_name_keys v "
        "JOIN person_name_keys o ON o.panel_id = v.panel_id AND o.role = 'victim' "
        "AND o.case_id IS NOT NULL AND o.referral_id <> v.referral_id "
        "AND (o.full_key = v.full_key OR (o.surname_key = v.surname_key "
        "AND o.date_of_birth = v.date_of_birth)) "
        "WHERE v.referral_id = referrals.id AND v.role = 'victim' "
        "AND (referrals.case_id IS NULL OR o.case_id <> referrals.case_id))")


def downgrade() -> None:
    op.drop_index("ix_referrals_panel_status_submitted", table_name="referrals")
    for name in _NEW:
        op.drop_index(name, table_name=_TABLE)
    for name, columns in _OLD.items():
        op.drop_index(name, table_name=_TABLE)
        _index(name, columns, _CARRIED_BEFORE)
    for table, name in (("referrals", "has_repeat_candidate"),
                        *((table, name) for table, name, _ in _COLUMNS)):
        # SQLite 3.35+ drops a column in place (no copy, so no cascade).
        op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
