"""Meetings and hearings (a case waiting for, or listed on, a meeting)."""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, new_id, utcnow


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=32, validate_strings=True)


class MeetingKind(enum.StrEnum):
    regular = "regular"
    emergency = "emergency"


class MeetingStatus(enum.StrEnum):
    listed = "listed"
    cancelled = "cancelled"
    started = "started"
    closed = "closed"


class Meeting(Base):
    """A panel meeting. Its deadlines are fixed from the panel's settings when it is listed
    (or moved), so a later change of settings applies to meetings listed after it."""

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_panel_held_on", "panel_id", "held_on"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    held_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[MeetingKind] = mapped_column(_enum(MeetingKind, "meeting_kind"))
    status: Mapped[MeetingStatus] = mapped_column(_enum(MeetingStatus, "meeting_status"))
    referral_cutoff: Mapped[date] = mapped_column(Date)
    agenda_due: Mapped[date] = mapped_column(Date)
    minutes_due: Mapped[date] = mapped_column(Date)
    emergency_reason: Mapped[str | None] = mapped_column(Text)
    moved_from: Mapped[date | None] = mapped_column(Date)
    move_reason: Mapped[str | None] = mapped_column(Text)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[uuid.UUID] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class HearingStatus(enum.StrEnum):
    waiting = "waiting"  # accepted, on no meeting yet (none listed, or its meeting went)
    listed = "listed"
    heard = "heard"
    deferred = "deferred"


class Hearing(Base):
    """One accepted referral's way to a meeting: its hearing deadline, the meeting it is on,
    the warning when no listed meeting meets the deadline, and late-addition agreements."""

    __tablename__ = "hearings"
    __table_args__ = (Index("ix_hearings_panel_status", "panel_id", "status"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), unique=True)
    referral_date: Mapped[date] = mapped_column(Date)
    hearing_deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[HearingStatus] = mapped_column(_enum(HearingStatus, "hearing_status"))
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    warning: Mapped[str | None] = mapped_column(String(32))
    late_addition: Mapped[bool] = mapped_column(Boolean, default=False)
    # A late addition (after the cut-off) needs both; each is recorded with who and when.
    deferral_reason: Mapped[str | None] = mapped_column(Text)
    late_meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"))
    coordinator_agreed_by: Mapped[uuid.UUID | None] = mapped_column()
    coordinator_agreed_at: Mapped[datetime | None] = mapped_column()
    chair_agreed_by: Mapped[uuid.UUID | None] = mapped_column()
    chair_agreed_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class AgendaPublication(Base):
    """One circulation of a meeting's agenda or minutes: when, by whom, to which member
    agencies and whether late. Only a digest of the content is kept, to tell a changed agenda (a new
    version) from one published twice, and the cases it listed."""

    __tablename__ = "agenda_publications"
    __table_args__ = (UniqueConstraint("meeting_id", "document", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    document: Mapped[str] = mapped_column(String(16), default="agenda")  # agenda or minutes
    version: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_on: Mapped[date] = mapped_column(Date)
    published_by_id: Mapped[uuid.UUID] = mapped_column()
    late: Mapped[bool] = mapped_column(Boolean)
    agency_ids: Mapped[list[str]] = mapped_column(JSON)
    case_ids: Mapped[list[str]] = mapped_column(JSON)
    content_sha256: Mapped[str] = mapped_column(String(64))


class Attendance(Base):
    """Who came from which agency (lead or deputy), when they arrived and left, and when they
    signed the confidentiality declaration; apologies are recorded here too."""

    __tablename__ = "meeting_attendance"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    person_name: Mapped[str] = mapped_column(String(200))
    standing: Mapped[str] = mapped_column(String(16))  # lead or deputy
    apologies: Mapped[bool] = mapped_column(Boolean, default=False)
    arrived_at: Mapped[datetime | None] = mapped_column()
    departed_at: Mapped[datetime | None] = mapped_column()
    declared_at: Mapped[datetime | None] = mapped_column()
    recorded_by_id: Mapped[uuid.UUID] = mapped_column()
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class Discussion(Base):
    """One case's discussion at a meeting: who presented, what each agency shared (fact or
    opinion), the risks, the victim's views (from the IDVA), the lead agency and who updates
    the victim."""

    __tablename__ = "case_discussions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    hearing_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("hearings.id", ondelete="CASCADE"), unique=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    referrer_presentation: Mapped[str] = mapped_column(Text)
    shared: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    risks: Mapped[list[str]] = mapped_column(JSON)
    victim_views: Mapped[str | None] = mapped_column(Text)
    lead_agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    victim_updater: Mapped[str] = mapped_column(String(200))
    recorded_by_id: Mapped[uuid.UUID] = mapped_column()
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class Deferral(Base):
    """A case deferred at a meeting, with the reason: the minutes of that meeting keep it even
    after the hearing has moved on to the next meeting."""

    __tablename__ = "case_deferrals"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    hearing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("hearings.id", ondelete="CASCADE"))
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    deferred_to_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"))
    deferred_by_id: Mapped[uuid.UUID] = mapped_column()
    deferred_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResearchForm(Base):
    """One invited agency's research on one case before the meeting (Kent research form).
    Internal to the agency: only it reads the content; the coordinator sees who submitted."""

    __tablename__ = "research_forms"
    __table_args__ = (UniqueConstraint("hearing_id", "agency_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    hearing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("hearings.id", ondelete="CASCADE"))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    nothing_held: Mapped[bool] = mapped_column(Boolean)
    content: Mapped[dict[str, object]] = mapped_column(JSON)
    submitted_by_id: Mapped[uuid.UUID] = mapped_column()
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
