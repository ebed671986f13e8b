"""Consent records, sharing decisions (Kent Appendix F) and the disclosure log.

Nothing here is deleted: a consent change adds a record, a decision moves through its states
(withdrawn, never removed), and each disclosure is one more log entry."""

import enum
import uuid
from datetime import date, datetime
from typing import Any

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
from domain.sharing_gate import DecisionStatus


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=32, validate_strings=True)


class ConsentRecord(Base):
    """One change of a referral's consent after intake (the referral holds the intake's own);
    the latest is current, the earlier ones are its history."""

    __tablename__ = "consent_records"
    __table_args__ = (UniqueConstraint("referral_id", "sequence"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"))
    sequence: Mapped[int] = mapped_column(Integer)  # 2, 3... (the intake's consent is 1)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    method: Mapped[str | None] = mapped_column(String(16))
    obtained_by: Mapped[str | None] = mapped_column(String(200))
    obtained_on: Mapped[date | None] = mapped_column(Date)
    victim_aware: Mapped[bool] = mapped_column(Boolean)
    victim_unaware_reason: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[uuid.UUID] = mapped_column()
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class SharingDecision(Base):
    """A decision to share a case's information without the victim's consent (Kent protocol
    Appendix F): the caseworker proposes, a manager of the same agency approves or refuses."""

    __tablename__ = "sharing_decisions"
    __table_args__ = (Index("ix_sharing_decisions_panel_review", "panel_id", "review_date"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    status: Mapped[DecisionStatus] = mapped_column(_enum(DecisionStatus, "decision_status"))
    at_risk: Mapped[str] = mapped_column(Text)
    risk_from: Mapped[str] = mapped_column(Text)
    concerns: Mapped[str] = mapped_column(Text)
    legal_grounds: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    necessity: Mapped[str] = mapped_column(Text)
    proportionality: Mapped[str] = mapped_column(Text)
    without_sharing: Mapped[str] = mapped_column(Text)
    consultations: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    victim_told: Mapped[bool | None] = mapped_column(Boolean)
    victim_told_on: Mapped[date | None] = mapped_column(Date)
    victim_not_told_reason: Mapped[str | None] = mapped_column(Text)
    review_date: Mapped[date] = mapped_column(Date)
    review_owner_id: Mapped[uuid.UUID] = mapped_column()
    proposed_by_id: Mapped[uuid.UUID] = mapped_column()
    proposer_agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column()
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column()
    decided_at: Mapped[datetime | None] = mapped_column()
    decision_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_by_id: Mapped[uuid.UUID | None] = mapped_column()
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)
    # Each review as it was recorded (when, by whom, the note, the next date and its owner).
    reviews: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class DisclosureMethod(enum.StrEnum):
    agenda = "agenda"
    minutes = "minutes"
    case_summary = "case_summary"
    safety_plan = "safety_plan"  # the IDVA's read of what the victim's safety plan needs
    export = "export"


class Disclosure(Base):
    """One disclosure of a case's details to an agency (or a person in it): when, how, and the
    legal basis it rested on (consent, or the sharing decision)."""

    __tablename__ = "disclosures"
    __table_args__ = (Index("ix_disclosures_case_disclosed", "case_id", "disclosed_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    recipient_user_id: Mapped[uuid.UUID | None] = mapped_column()
    method: Mapped[DisclosureMethod] = mapped_column(_enum(DisclosureMethod, "disclosure_method"))
    basis: Mapped[str] = mapped_column(String(16))  # consent or decision
    decision_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("sharing_decisions.id"))
    source_id: Mapped[uuid.UUID | None] = mapped_column()  # e.g. the agenda publication
    disclosed_by_id: Mapped[uuid.UUID | None] = mapped_column()
    disclosed_at: Mapped[datetime] = mapped_column(default=utcnow)
