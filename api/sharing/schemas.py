"""Consent records, sharing decisions and the disclosure log as the API reads and writes them."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.common.fields import Day, Flag, Long, Short, Text
from api.referrals.models import ConsentStatus
from api.sharing.models import DisclosureMethod
from domain.sharing_gate import DecisionStatus, LegalGround


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConsentUpdate(_In):
    """The consent as it stands now; it replaces the current one, which stays in the history."""

    status: ConsentStatus
    reason: Long | None = Field(default=None, description="Why refused or not sought")
    method: Literal["written", "verbal"] | None = None
    obtained_by: Short | None = None
    obtained_on: Day | None = None
    victim_aware: Flag = Field(description="Whether the victim is aware of the referral")
    victim_unaware_reason: Long | None = None


class ConsentState(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    sequence: int = Field(description="1 is what intake recorded; each change adds one")
    status: ConsentStatus
    reason: str | None
    method: str | None
    obtained_by: str | None
    obtained_on: date | None
    victim_aware: bool
    victim_unaware_reason: str | None
    recorded_by_id: uuid.UUID | None = Field(description="Null for the intake's own record")
    recorded_at: datetime


class ConsentRead(BaseModel):
    referral_id: uuid.UUID
    current: ConsentState
    history: list[ConsentState] = Field(description="Every record, oldest first")


class GroundIn(_In):
    ground: LegalGround
    explanation: Annotated[str, Text(10_000, 1)]


class Consultation(_In):
    consulted: Annotated[str, Text(200, 1)]
    consulted_on: Day | None = None
    advice: Long | None = None


class DecisionFields(_In):
    """Every field of the Kent protocol's Appendix F "sharing without consent" form."""

    at_risk: Annotated[str, Text(10_000, 1)] = Field(description="Who is at risk")
    risk_from: Annotated[str, Text(10_000, 1)] = Field(description="From whom")
    concerns: Annotated[str, Text(10_000, 1)]
    legal_grounds: list[GroundIn] = Field(min_length=1, max_length=10,
                                          description="At least one, each explained")
    necessity: Annotated[str, Text(10_000, 1)]
    proportionality: Annotated[str, Text(10_000, 1)]
    without_sharing: Annotated[str, Text(10_000, 1)] = Field(
        description="What would happen if the information were not shared")
    consultations: list[Consultation] = Field(default_factory=list, max_length=20)
    victim_told: Flag | None = Field(default=None,
                                     description="Whether the victim was told; null: not yet")
    victim_told_on: Day | None = None
    victim_not_told_reason: Long | None = None
    review_date: Day = Field(description="Today or later")
    review_owner_id: uuid.UUID | None = Field(
        default=None, description="A user on the panel who owns the review; default the proposer")


class DecisionCreate(DecisionFields):
    referral_id: uuid.UUID = Field(description="The referral (and so the case) it covers")


class DecisionStep(_In):
    reason: Long | None = Field(default=None, description="The manager's reasons")


class DecisionEnd(_In):
    reason: Annotated[str, Text(10_000, 1)]


class DecisionReview(_In):
    """A review on or after the review date: what was found, when the next one is, whose."""

    note: Annotated[str, Text(10_000, 1)]
    next_review_date: Day = Field(description="Today or later")
    review_owner_id: uuid.UUID | None = Field(
        default=None, description="A user on the panel; default the current owner")
    victim_told: Flag | None = Field(
        default=None, description="Set when the victim has now been told (or will not be)")
    victim_told_on: Day | None = None
    victim_not_told_reason: Long | None = None


class ReviewRecord(BaseModel):
    reviewed_at: datetime
    reviewed_by_id: uuid.UUID
    note: str
    next_review_date: date
    review_owner_id: uuid.UUID


class DecisionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    panel_id: uuid.UUID
    referral_id: uuid.UUID
    case_id: uuid.UUID | None = Field(description="The case of the referral, once triaged")
    status: DecisionStatus
    at_risk: str
    risk_from: str
    concerns: str
    legal_grounds: list[GroundIn]
    necessity: str
    proportionality: str
    without_sharing: str
    consultations: list[Consultation]
    victim_told: bool | None
    victim_told_on: date | None
    victim_not_told_reason: str | None
    review_date: date
    review_owner_id: uuid.UUID
    review_overdue: bool
    proposed_by_id: uuid.UUID
    proposer_agency_id: uuid.UUID
    proposed_at: datetime
    submitted_at: datetime | None
    decided_by_id: uuid.UUID | None
    decided_at: datetime | None
    decision_reason: str | None
    withdrawn_by_id: uuid.UUID | None
    withdrawn_at: datetime | None
    withdrawal_reason: str | None
    reviews: list[ReviewRecord] = Field(description="Every review recorded, oldest first")


class DecisionList(BaseModel):
    items: list[DecisionRead]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end")


class DecisionCounts(BaseModel):
    """Counts only: what an analyst may see."""

    panel_id: uuid.UUID
    by_status: dict[DecisionStatus, int]
    review_overdue: int


class DisclosureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    agency_id: uuid.UUID
    recipient_user_id: uuid.UUID | None = Field(description="The person, when one read it")
    method: DisclosureMethod
    basis: Literal["consent", "decision"]
    decision_id: uuid.UUID | None = Field(description="The sharing decision it rested on")
    source_id: uuid.UUID | None = Field(description="e.g. the agenda publication")
    disclosed_by_id: uuid.UUID | None
    disclosed_at: datetime


class DisclosureList(BaseModel):
    items: list[DisclosureRead]


class SharingBasisRead(BaseModel):
    case_id: uuid.UUID
    basis: Literal["consent", "decision"] | None = Field(description="Null: waiting for a basis")
    decision_id: uuid.UUID | None
    missing: str | None = Field(description="What is missing, when there is no basis")
