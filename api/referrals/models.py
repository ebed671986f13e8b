"""Referrals with every field of the referral forms, their scored risk assessment and triage."""

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
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, new_id, utcnow


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=32, validate_strings=True)


class ReferralStatus(enum.StrEnum):
    submitted = "submitted"
    accepted = "accepted"
    returned = "returned"
    redirected = "redirected"
    withdrawn = "withdrawn"


class ConsentStatus(enum.StrEnum):
    given = "given"
    refused = "refused"
    not_sought = "not_sought"


class TriageOutcome(enum.StrEnum):
    accept_new_case = "accept_new_case"
    accept_repeat = "accept_repeat"
    return_with_recommendations = "return_with_recommendations"
    redirect = "redirect"


class Referral(Base):
    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_panel_submitted", "panel_id", "submitted_at", "id"),
        # The list filtered by status (the triage queue: status=submitted) walks this one.
        Index("ix_referrals_panel_status_submitted", "panel_id", "status", "submitted_at", "id"),
        Index("ix_referrals_submitter", "submitted_by_id", "submitted_at"),
        Index("ix_referrals_agency_submitted", "agency_id", "submitted_at"),
        # The agency's own reference (occurrence or case number): one referral each per agency.
        # A unique index, not a constraint: adding one is an ALTER on SQLite, where a new
        # constraint would rebuild `referrals` and cascade-delete its people (foreign keys on).
        Index("uq_referrals_external_reference", "external_reference", "agency_id",
              unique=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    status: Mapped[ReferralStatus] = mapped_column(_enum(ReferralStatus, "referral_status"))
    referral_date: Mapped[date] = mapped_column(Date)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_kind: Mapped[str] = mapped_column(String(16))
    submitted_by_id: Mapped[uuid.UUID] = mapped_column()
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    external_reference: Mapped[str | None] = mapped_column(String(100))
    referrer: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    risks_identified: Mapped[list[str]] = mapped_column(JSON, default=list)
    actions_taken: Mapped[str | None] = mapped_column(Text)
    victim_aware: Mapped[bool] = mapped_column(Boolean)
    victim_unaware_reason: Mapped[str | None] = mapped_column(Text)
    consent: Mapped[dict[str, Any]] = mapped_column(JSON)
    consent_status: Mapped[ConsentStatus] = mapped_column(_enum(ConsentStatus, "consent_status"))
    # Details the victim fears disclosed: kept out of circulated documents.
    victim_fears: Mapped[str | None] = mapped_column(Text)
    safe_to_talk_to: Mapped[str | None] = mapped_column(Text)
    unsafe_to_talk_to: Mapped[str | None] = mapped_column(Text)
    referred_to_marac_elsewhere: Mapped[bool] = mapped_column(Boolean, default=False)
    other_marac_area: Mapped[str | None] = mapped_column(String(200))
    fire_service_referral_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    referrer_says_repeat: Mapped[bool] = mapped_column(Boolean, default=False)
    last_marac_date: Mapped[date | None] = mapped_column(Date)
    professional_judgement: Mapped[str | None] = mapped_column(Text)
    incident_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    relationships: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    community: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    eligible: Mapped[bool] = mapped_column(Boolean)
    verdict: Mapped[dict[str, Any]] = mapped_column(JSON)
    case_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    is_repeat: Mapped[bool] = mapped_column(Boolean, default=False)
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    # Submission found an earlier case this may repeat (shown in lists; confirmed at triage).
    has_repeat_candidate: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=false())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ReferralVersion(Base):
    """A referral as it stood before an amendment replaced it: every version stays readable."""

    __tablename__ = "referral_versions"
    __table_args__ = (UniqueConstraint("referral_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    replaced_at: Mapped[datetime] = mapped_column(default=utcnow)
    replaced_by_kind: Mapped[str] = mapped_column(String(16))
    replaced_by_id: Mapped[uuid.UUID] = mapped_column()


class RiskAssessment(Base):
    """A scored checklist; it keeps the instrument key and version it was scored on."""

    __tablename__ = "risk_assessments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), unique=True)
    instrument_key: Mapped[str] = mapped_column(String(64))
    instrument_version: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict[str, str]] = mapped_column(JSON)
    score: Mapped[int] = mapped_column(Integer)
    threshold: Mapped[int] = mapped_column(Integer)
    threshold_met: Mapped[bool] = mapped_column(Boolean)


class TriageDecision(Base):
    __tablename__ = "triage_decisions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), unique=True)
    outcome: Mapped[TriageOutcome] = mapped_column(_enum(TriageOutcome, "triage_outcome"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))
    recommendations: Mapped[str | None] = mapped_column(Text)
    review_date: Mapped[date | None] = mapped_column(Date)
    forum: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    # Accepting an ineligible referral, or a new case despite an in-window repeat candidate,
    # needs a reason on record; the case history shows both.
    override_reason: Mapped[str | None] = mapped_column(Text)
    not_repeat_reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[uuid.UUID] = mapped_column()
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
