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
    with op.batch_alter_table("panels") as batch:
        batch.add_column(sa.Column("accepts_ad_hoc_referrals", sa.Boolean(), nullable=False,
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
    with op.batch_alter_table("referrals") as batch:
        batch.add_column(sa.Column("external_reference", sa.String(100), nullable=True))
        batch.add_column(sa.Column("withdrawal_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_unique_constraint("uq_referrals_external_reference",
                                       ["external_reference", "agency_id"])
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
    with op.batch_alter_table("triage_decisions") as batch:
        batch.add_column(sa.Column("override_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("not_repeat_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("triage_decisions") as batch:
        batch.drop_column("not_repeat_reason")
        batch.drop_column("override_reason")
    op.drop_table("referral_versions")
    with op.batch_alter_table("referrals") as batch:
        batch.drop_constraint("uq_referrals_external_reference", type_="unique")
        batch.drop_column("withdrawn_at")
        batch.drop_column("withdrawal_reason")
        batch.drop_column("external_reference")
    op.drop_table("panel_instruments")
    with op.batch_alter_table("panels") as batch:
        batch.drop_column("accepts_ad_hoc_referrals")
