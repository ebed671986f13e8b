"""Meetings and hearings: the meeting cycle's calendar and the cases scheduled onto it.

Revision ID: 0009
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Uuid(), nullable=nullable)


def _when(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "meetings",
        _id("id"), _id("panel_id"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("referral_cutoff", sa.Date(), nullable=False),
        sa.Column("agenda_due", sa.Date(), nullable=False),
        sa.Column("minutes_due", sa.Date(), nullable=False),
        sa.Column("emergency_reason", sa.Text(), nullable=True),
        sa.Column("moved_from", sa.Date(), nullable=True),
        sa.Column("move_reason", sa.Text(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        _id("created_by_id"), _when("created_at"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["panel_id"], ["panels.id"], ondelete="CASCADE",
                                name=op.f("fk_meetings_panel_id_panels")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_index("ix_meetings_panel_held_on", "meetings", ["panel_id", "held_on"])
    op.create_table(
        "hearings",
        _id("id"), _id("panel_id"), _id("case_id"), _id("referral_id"),
        sa.Column("referral_date", sa.Date(), nullable=False),
        sa.Column("hearing_deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        _id("meeting_id", True),
        sa.Column("warning", sa.String(32), nullable=True),
        sa.Column("late_addition", sa.Boolean(), nullable=False),
        _id("late_meeting_id", True),
        _id("coordinator_agreed_by", True), _when("coordinator_agreed_at", True),
        _id("chair_agreed_by", True), _when("chair_agreed_at", True),
        _when("created_at"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["panel_id"], ["panels.id"], ondelete="CASCADE",
                                name=op.f("fk_hearings_panel_id_panels")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE",
                                name=op.f("fk_hearings_case_id_cases")),
        sa.ForeignKeyConstraint(["referral_id"], ["referrals.id"], ondelete="CASCADE",
                                name=op.f("fk_hearings_referral_id_referrals")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="SET NULL",
                                name=op.f("fk_hearings_meeting_id_meetings")),
        sa.ForeignKeyConstraint(["late_meeting_id"], ["meetings.id"], ondelete="SET NULL",
                                name=op.f("fk_hearings_late_meeting_id_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearings")),
        sa.UniqueConstraint("referral_id", name=op.f("uq_hearings_referral_id")),
    )
    op.create_index("ix_hearings_panel_status", "hearings", ["panel_id", "status"])
    op.create_index(op.f("ix_hearings_case_id"), "hearings", ["case_id"])
    op.create_index(op.f("ix_hearings_meeting_id"), "hearings", ["meeting_id"])


def downgrade() -> None:
    op.drop_table("hearings")
    op.drop_table("meetings")
