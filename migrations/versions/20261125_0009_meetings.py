"""Meetings and hearings: the meeting cycle's calendar and the cases scheduled onto it.

Revision ID: 0009
Revises: 0005
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0005"
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
        sa.Column("deferral_reason", sa.Text(), nullable=True),
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
    op.create_table(
        "agenda_publications",
        _id("id"), _id("meeting_id"),
        sa.Column("document", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _when("published_at"),
        sa.Column("published_on", sa.Date(), nullable=False),
        _id("published_by_id"),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("agency_ids", sa.JSON(), nullable=False),
        sa.Column("case_ids", sa.JSON(), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE",
                                name=op.f("fk_agenda_publications_meeting_id_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_publications")),
        sa.UniqueConstraint("meeting_id", "document", "version",
                            name=op.f("uq_agenda_publications_meeting_id")),
    )


    _conduct()


def _conduct() -> None:
    op.create_table(
        "meeting_attendance",
        _id("id"), _id("meeting_id"), _id("agency_id"),
        sa.Column("person_name", sa.String(200), nullable=False),
        sa.Column("standing", sa.String(16), nullable=False),
        sa.Column("apologies", sa.Boolean(), nullable=False),
        _when("arrived_at", True), _when("departed_at", True), _when("declared_at", True),
        _id("recorded_by_id"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE",
                                name=op.f("fk_meeting_attendance_meeting_id_meetings")),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"],
                                name=op.f("fk_meeting_attendance_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendance")),
    )
    op.create_index(op.f("ix_meeting_attendance_meeting_id"), "meeting_attendance",
                    ["meeting_id"])
    op.create_table(
        "case_discussions",
        _id("id"), _id("meeting_id"), _id("hearing_id"), _id("case_id"),
        sa.Column("referrer_presentation", sa.Text(), nullable=False),
        sa.Column("shared", sa.JSON(), nullable=False),
        sa.Column("risks", sa.JSON(), nullable=False),
        sa.Column("victim_views", sa.Text(), nullable=True),
        _id("lead_agency_id"),
        sa.Column("victim_updater", sa.String(200), nullable=False),
        _id("recorded_by_id"), _when("recorded_at"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE",
                                name=op.f("fk_case_discussions_meeting_id_meetings")),
        sa.ForeignKeyConstraint(["hearing_id"], ["hearings.id"], ondelete="CASCADE",
                                name=op.f("fk_case_discussions_hearing_id_hearings")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE",
                                name=op.f("fk_case_discussions_case_id_cases")),
        sa.ForeignKeyConstraint(["lead_agency_id"], ["agencies.id"],
                                name=op.f("fk_case_discussions_lead_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_discussions")),
        sa.UniqueConstraint("hearing_id", name=op.f("uq_case_discussions_hearing_id")),
    )
    op.create_index(op.f("ix_case_discussions_meeting_id"), "case_discussions", ["meeting_id"])
    op.create_table(
        "research_forms",
        _id("id"), _id("meeting_id"), _id("hearing_id"), _id("agency_id"),
        sa.Column("nothing_held", sa.Boolean(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        _id("submitted_by_id"), _when("submitted_at"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE",
                                name=op.f("fk_research_forms_meeting_id_meetings")),
        sa.ForeignKeyConstraint(["hearing_id"], ["hearings.id"], ondelete="CASCADE",
                                name=op.f("fk_research_forms_hearing_id_hearings")),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"],
                                name=op.f("fk_research_forms_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_forms")),
        sa.UniqueConstraint("hearing_id", "agency_id",
                            name=op.f("uq_research_forms_hearing_id")),
    )
    op.create_index(op.f("ix_research_forms_meeting_id"), "research_forms", ["meeting_id"])


def downgrade() -> None:
    op.drop_table("research_forms")
    op.drop_table("case_discussions")
    op.drop_table("meeting_attendance")
    op.drop_table("agenda_publications")
    op.drop_table("hearings")
    op.drop_table("meetings")
