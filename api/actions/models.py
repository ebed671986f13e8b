"""Actions and every change to them (who, when, before and after); nothing is deleted."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, new_id, utcnow


class Action(Base):
    """One agency's action on a case, agreed at a meeting. A joint action is one row per agency
    present, sharing `plan_id`, so each agency closes its own part."""

    __tablename__ = "actions"
    __table_args__ = (
        # An agency's open actions by due date; the panel's overdue ones; a case's history.
        Index("ix_actions_owner_status_due", "owner_agency_id", "status", "due_on", "id"),
        Index("ix_actions_panel_status_due", "panel_id", "status", "due_on", "id"),
        Index("ix_actions_case_created", "case_id", "created_at", "id"),
        Index("ix_actions_meeting_id", "meeting_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    plan_id: Mapped[uuid.UUID] = mapped_column()
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meetings.id"))
    owner_agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    category: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    outcome: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    progress: Mapped[str | None] = mapped_column(Text)
    recorded_by_kind: Mapped[str] = mapped_column(String(16))
    recorded_by_id: Mapped[uuid.UUID] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ActionChange(Base):
    """One change to an action: recorded, a progress note, closed, re-assigned. `meeting_id` is
    the meeting at which the update was given, when it was given at one (for the minutes)."""

    __tablename__ = "action_changes"
    __table_args__ = (Index("ix_action_changes_action_at", "action_id", "at", "id"),
                      Index("ix_action_changes_meeting_id", "meeting_id"))

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meetings.id"))
    kind: Mapped[str] = mapped_column(String(16))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)
    by_kind: Mapped[str] = mapped_column(String(16))
    by_id: Mapped[uuid.UUID] = mapped_column()
    by_agency_id: Mapped[uuid.UUID] = mapped_column()
    at: Mapped[datetime] = mapped_column(default=utcnow)
