"""Intake for integrators: panel instruments, references, amendments, triage reasons.

Panels store their own instrument versions and may accept ad-hoc referrals; a referral carries
the agency's reference (unique per agency), keeps every amended version, can be withdrawn; triage
records why it overrode the verdict or a repeat candidate.

Revision ID: 0007
Revises: 0009
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTERs throughout, never a batch rebuild: on SQLite a rebuild drops the table, and
    # with foreign keys on that cascade-deletes every referral, person and assessment under it.
    op.add_column("panels", sa.Column("accepts_ad_hoc_referrals", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table(
        "panel_instruments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("panel_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("loaded_by_id", sa.Uuid(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["panel_id"], ["panels.id"],
                                name=op.f("fk_panel_instruments_panel_id_panels"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_instruments")),
        sa.UniqueConstraint("panel_id", "key", "version",
                            name=op.f("uq_panel_instruments_panel_id")),
    )
    op.add_column("referrals", sa.Column("external_reference", sa.String(100), nullable=True))
    op.add_column("referrals", sa.Column("withdrawal_reason", sa.Text(), nullable=True))
    op.add_column("referrals",
                  sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("uq_referrals_external_reference", "referrals",
                    ["external_reference", "agency_id"], unique=True)
    op.create_table(
        "referral_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_by_kind", sa.String(16), nullable=False),
        sa.Column("replaced_by_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["referral_id"], ["referrals.id"],
                                name=op.f("fk_referral_versions_referral_id_referrals"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_versions")),
        sa.UniqueConstraint("referral_id", "version",
                            name=op.f("uq_referral_versions_referral_id")),
    )
    op.add_column("triage_decisions", sa.Column("override_reason", sa.Text(), nullable=True))
    op.add_column("triage_decisions", sa.Column("not_repeat_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("triage_decisions", "not_repeat_reason")  # SQLite 3.35+: no rebuild
    op.drop_column("triage_decisions", "override_reason")
    op.drop_table("referral_versions")
    op.drop_index("uq_referrals_external_reference", table_name="referrals")
    for column in ("withdrawn_at", "withdrawal_reason", "external_reference"):
        op.drop_column("referrals", column)  # SQLite 3.35+: an ALTER, no rebuild
    op.drop_table("panel_instruments")
    op.drop_column("panels", "accepts_ad_hoc_referrals")
