"""Panels, agencies and panel membership. Every number here is a panel default it can change."""

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Enum, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, new_id, utcnow


class PanelKind(enum.StrEnum):
    domestic_abuse = "domestic_abuse"
    community = "community"


class Cadence(enum.StrEnum):
    monthly = "monthly"
    fortnightly = "fortnightly"


class MembershipKind(enum.StrEnum):
    core = "core"
    flexible = "flexible"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=32, validate_strings=True)


class Panel(Base):
    __tablename__ = "panels"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PanelKind] = mapped_column(_enum(PanelKind, "panel_kind"))
    cadence: Mapped[Cadence] = mapped_column(_enum(Cadence, "panel_cadence"))
    bank_holiday_region: Mapped[str] = mapped_column(String(8), default="ENG")
    age_floor: Mapped[int] = mapped_column(Integer)
    risk_instrument_key: Mapped[str] = mapped_column(String(64))
    risk_instrument_version: Mapped[str] = mapped_column(String(64))
    risk_threshold: Mapped[int] = mapped_column(Integer)
    escalation_incidents: Mapped[int] = mapped_column(Integer, default=3)
    referral_cutoff_working_days: Mapped[int] = mapped_column(Integer, default=8)
    agenda_working_days: Mapped[int] = mapped_column(Integer, default=5)
    minutes_working_days: Mapped[int] = mapped_column(Integer, default=5)
    hearing_deadline_weeks: Mapped[int] = mapped_column(Integer)
    adult_female_population: Mapped[int | None] = mapped_column(Integer, default=None)
    # Redbridge ToR 3.1: an agency that is not a member may still refer when this is set.
    accepts_ad_hoc_referrals: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false())
    # Multi-factor authentication for everyone on the panel who reads personal data.
    mfa_required: Mapped[bool] = mapped_column(Boolean, default=False,
                                               server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    memberships: Mapped[list["PanelAgency"]] = relationship(back_populates="panel", lazy="raise")

    __mapper_args__ = {"version_id_col": version}


class Agency(Base):
    __tablename__ = "agencies"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PanelAgency(Base):
    """An agency's membership: core members attend every meeting, flexible ones when invited."""

    __tablename__ = "panel_agencies"
    __table_args__ = (UniqueConstraint("panel_id", "agency_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    panel_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("panels.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agencies.id", ondelete="CASCADE"), index=True)
    membership: Mapped[MembershipKind] = mapped_column(_enum(MembershipKind, "membership_kind"))

    panel: Mapped[Panel] = relationship(back_populates="memberships", lazy="raise")
    agency: Mapped[Agency] = relationship(lazy="raise")


class PanelInstrument(Base):
    """A risk instrument version a panel loaded as data; never changed once loaded, so a
    referral scored on it can always be read against the questions it answered."""

    __tablename__ = "panel_instruments"
    __table_args__ = (UniqueConstraint("panel_id", "key", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    loaded_by_id: Mapped[uuid.UUID] = mapped_column()
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)
