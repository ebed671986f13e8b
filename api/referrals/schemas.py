"""What a referrer submits: every field of the referral forms, bounded and strict."""

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.common.fields import Day, Flag, Long, Name, Short, Text
from api.people.schemas import ChildIn, PersonIn, VictimIn
from api.referrals.models import ConsentStatus
from domain.community_criteria import Vulnerability

PersonRef = Annotated[str, Field(
    pattern=r"^(victim|(perpetrator|child|household_member)\.[0-9]{1,2})$", max_length=20,
    description="victim, or role.index into the lists: perpetrator.0, child.1")]
# The agency's own reference (an occurrence or case number): no spaces at either end.
ExternalReference = Annotated[str, Field(
    min_length=1, max_length=100, pattern=r"^[A-Za-z0-9]([A-Za-z0-9 ._/:#-]*[A-Za-z0-9._/:#-])?$",
    description="The referring agency's own reference, unique within the agency")]
QuestionId = Annotated[str, Text(64, 1)]
AnswerValue = Annotated[str, Text(64, 1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Referrer(Strict):
    name: Name
    role: Short | None = None
    phone: Annotated[str, Text(32)] | None = None
    email: Annotated[str, Text(254)] | None = None
    address: Annotated[str, Text(500)] | None = None


class Consent(Strict):
    status: ConsentStatus
    reason: Long | None = Field(default=None, description="Why refused or not sought")
    method: Literal["written", "verbal"] | None = None
    obtained_by: Short | None = None
    obtained_on: Day | None = None


class RiskAssessmentIn(Strict):
    instrument_key: Annotated[str, Text(64, 1)]
    instrument_version: Annotated[str, Text(64, 1)]
    answers: dict[QuestionId, AnswerValue] = Field(max_length=100)


class CommunityIn(Strict):
    """Community panels: vulnerabilities, multi-agency need, steps already taken."""

    vulnerabilities: list[Vulnerability] = Field(default_factory=list, max_length=5)
    multi_agency_need: Long | None = None
    steps_already_taken: list[Long] = Field(default_factory=list, max_length=50)
    new_significant_incident: Flag = False


class Relationship(Strict):
    """Who is what to whom; both ends name people the referral lists (perpetrator.0 needs a
    perpetrator), a rule checked with the others (rule problem with a pointer)."""

    person: PersonRef
    other: PersonRef
    relationship: Short


class ReferralCreate(Strict):
    panel_id: uuid.UUID
    external_reference: ExternalReference | None = None
    referral_date: Day
    referrer: Referrer
    victim: VictimIn
    perpetrators: list[PersonIn] = Field(default_factory=list, max_length=10)
    children: list[ChildIn] = Field(default_factory=list, max_length=20)
    household_members: list[PersonIn] = Field(default_factory=list, max_length=20)
    relationships: list[Relationship] = Field(default_factory=list, max_length=100)
    reason: Annotated[str, Text(10_000, 1)]
    risks_identified: list[Annotated[str, Text(1000, 1)]] = Field(default_factory=list,
                                                                  max_length=50)
    actions_taken: Long | None = None
    victim_aware: Flag
    victim_unaware_reason: Long | None = None
    consent: Consent
    victim_fears: Long | None = Field(default=None, description="Who the victim fears")
    safe_to_talk_to: Long | None = None
    unsafe_to_talk_to: Long | None = None
    referred_to_marac_elsewhere: Flag = False
    other_marac_area: Annotated[str, Text(200)] | None = None
    fire_service_referral_needed: Flag = False
    referrer_says_repeat: Flag = False
    last_marac_date: Day | None = None
    professional_judgement: Long | None = Field(default=None, description="Rationale")
    incident_dates: list[Day] = Field(default_factory=list, max_length=100)
    risk_assessment: RiskAssessmentIn | None = None
    community: CommunityIn | None = None
