"""The need-to-know views of a case: the agencies' case summary and the IDVA's safety plan."""

import uuid
from datetime import date

from pydantic import BaseModel, Field

from api.people.schemas import PersonSummary
from api.referrals.models import ConsentStatus


class CaseSummaryRead(BaseModel):
    """The minimal case summary (as on the agenda): never contact details, who the victim fears
    or anything marked as feared disclosed."""

    case_id: uuid.UUID
    panel_id: uuid.UUID
    referral_date: date = Field(description="Of the case's latest referral")
    repeat: bool
    referring_agency: str
    victim: PersonSummary | None
    perpetrators: list[PersonSummary]
    children: list[PersonSummary]


class SafetyPlanVictim(BaseModel):
    given_names: str
    family_name: str
    aliases: list[str]
    date_of_birth: date | None
    address: str | None
    postcode: str | None
    accommodation: str | None
    phone: str | None
    safe_to_call: bool | None
    safe_times: str | None
    preferred_contact: str | None
    disability: str | None
    pregnant: bool | None
    pregnancy_details: str | None


class SafetyPlanPerpetrator(BaseModel):
    given_names: str
    family_name: str
    aliases: list[str]
    date_of_birth: date | None
    address: str | None
    postcode: str | None
    relationship_to_victim: str | None


class SafetyPlanChild(BaseModel):
    given_names: str
    family_name: str
    date_of_birth: date | None
    address: str | None
    postcode: str | None
    school: str | None


class SafetyPlanRisk(BaseModel):
    instrument_key: str
    instrument_version: str
    answers: dict[str, str]
    score: int
    threshold: int


class SafetyPlanRead(BaseModel):
    """What the IDVA needs to plan the victim's safety: how to reach the victim safely, whether
    they know of the referral, whom they fear and trust, the risks and the checklist answers,
    the perpetrators and the children. Not the referrer's narrative or judgement, the triage
    record, other household members, ethnicity, sexuality or GP."""

    case_id: uuid.UUID
    panel_id: uuid.UUID
    referral_id: uuid.UUID = Field(description="The case's latest accepted referral")
    referral_date: date
    repeat: bool
    referring_agency: str
    victim_aware: bool
    victim_unaware_reason: str | None
    consent_status: ConsentStatus
    victim_fears: str | None
    safe_to_talk_to: str | None
    unsafe_to_talk_to: str | None
    risks_identified: list[str]
    victim: SafetyPlanVictim | None
    perpetrators: list[SafetyPlanPerpetrator]
    children: list[SafetyPlanChild]
    risk_assessment: SafetyPlanRisk | None
