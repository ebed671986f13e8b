"""Panels, agencies and panel membership.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "panels",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("cadence", sa.String(32), nullable=False),
        sa.Column("bank_holiday_region", sa.String(8), nullable=False),
        sa.Column("age_floor", sa.Integer(), nullable=False),
        sa.Column("risk_instrument_key", sa.String(64), nullable=False),
        sa.Column("risk_instrument_version", sa.String(64), nullable=False),
        sa.Column("risk_threshold", sa.Integer(), nullable=False),
        sa.Column("escalation_incidents", sa.Integer(), nullable=False),
        sa.Column("referral_cutoff_working_days", sa.Integer(), nullable=False),
        sa.Column("agenda_working_days", sa.Integer(), nullable=False),
        sa.Column("minutes_working_days", sa.Integer(), nullable=False),
        sa.Column("hearing_deadline_weeks", sa.Integer(), nullable=False),
        sa.Column("adult_female_population", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panels")),
        sa.UniqueConstraint("slug", name=op.f("uq_panels_slug")),
    )
    op.create_table(
        "agencies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agencies")),
        sa.UniqueConstraint("code", name=op.f("uq_agencies_code")),
    )
    op.create_table(
        "panel_agencies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("panel_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("membership", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["panel_id"], ["panels.id"], ondelete="CASCADE",
                                name=op.f("fk_panel_agencies_panel_id_panels")),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], ondelete="CASCADE",
                                name=op.f("fk_panel_agencies_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_agencies")),
        sa.UniqueConstraint("panel_id", "agency_id", name=op.f("uq_panel_agencies_panel_id")),
    )
    op.create_index(op.f("ix_panel_agencies_panel_id"), "panel_agencies", ["panel_id"])
    op.create_index(op.f("ix_panel_agencies_agency_id"), "panel_agencies", ["agency_id"])


def downgrade() -> None:
    op.drop_table("panel_agencies")
    op.drop_table("agencies")
    op.drop_table("panels")
