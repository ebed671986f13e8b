"""A case: the victim's record on a panel, opened at triage; repeats join it."""

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, new_id, utcnow


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_panel_created", "panel_id", "created_at", "id"),
                      # Cases heard recently on a panel: 12-month notifications, flagged lists.
                      Index("ix_cases_panel_last_heard_on", "panel_id", "last_heard_on"))

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    opened_on: Mapped[date] = mapped_column(Date)
    last_referral_date: Mapped[date] = mapped_column(Date)
    # Set when a meeting hears the case (renewed each time); the flag runs 12 months from it.
    last_heard_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
