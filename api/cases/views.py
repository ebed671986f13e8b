"""Cases as the API answers them: referral history and repeat status."""

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from api.people.schemas import PersonBrief
from api.referrals.models import ReferralStatus


class CaseReferral(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    referral_date: date
    status: ReferralStatus
    is_repeat: bool
    eligible: bool
    override_reason: str | None = Field(
        description="Why triage accepted it although its verdict was not eligible")
    not_repeat_reason: str | None = Field(
        description="Why triage opened a new case despite an in-window repeat candidate")


class CaseSummary(BaseModel):
    id: uuid.UUID
    panel_id: uuid.UUID
    opened_on: date
    last_referral_date: date
    repeat_window_end: date = Field(description="A referral on or before this date is a repeat")
    last_heard_on: date | None
    flagged_until: date | None = Field(description="Agencies flag the case until this date")
    created_at: datetime
    hearing_deadline: date | None = Field(
        None, description="When the case's next hearing is due (a case waiting or listed)")
    hearing_warning: str | None = Field(
        None, description="no-meeting-listed or after-hearing-deadline: no listed meeting "
                          "hears the case by its hearing deadline")


class CaseRead(CaseSummary):
    referrals: list[CaseReferral]
    repeat_count: int


class CaseListItem(CaseSummary):
    """What a coordinator scans the case list by."""

    victim: PersonBrief | None = Field(
        description="The victim on the case's latest referral; null for an agency "
                    "representative, who reads names in the case summary")
    repeat_count: int = Field(description="Referrals accepted as repeats of this case")
    flagged: bool = Field(description="Agencies flag the case today (until flagged_until)")
    awaiting_sharing_basis: bool = Field(
        description="Neither consent given nor an approved sharing decision: it goes on no "
                    "agenda and is circulated to no agency until one is recorded")


class CasePage(BaseModel):
    items: list[CaseListItem]
    next_cursor: str | None
