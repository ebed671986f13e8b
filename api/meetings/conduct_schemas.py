"""The meeting itself as the API takes and answers it."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.common.fields import Long, Name, Text
from api.meetings.schemas import Reason, _In


class AttendanceCreate(_In):
    agency_id: uuid.UUID
    person_name: Name
    standing: Literal["lead", "deputy"]
    apologies: bool = Field(False, description="Sent apologies instead of attending")
    arrived_at: datetime | None = None
    departed_at: datetime | None = None


class AttendanceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    meeting_id: uuid.UUID
    agency_id: uuid.UUID
    person_name: str
    standing: str
    apologies: bool
    arrived_at: datetime | None
    departed_at: datetime | None
    declared_at: datetime | None


class AttendanceList(BaseModel):
    items: list[AttendanceRead]


class DeclarationCreate(_In):
    attendance_id: uuid.UUID


class SharedItem(_In):
    agency_id: uuid.UUID = Field(description="The agency that supplied the information")
    kind: Literal["fact", "opinion"]
    text: Long


class DiscussionCreate(_In):
    hearing_id: uuid.UUID
    referrer_presentation: Long
    shared: Annotated[list[SharedItem], Field(max_length=100)] = Field(default_factory=list)
    risks: Annotated[list[Annotated[str, Text(500, 1)]], Field(max_length=50)] = Field(
        default_factory=list)
    victim_views: Long | None = Field(None, description="The IDVA's account of the victim's views")
    lead_agency_id: uuid.UUID
    victim_updater: Name = Field(description="Who will update the victim")


class DiscussionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    meeting_id: uuid.UUID
    hearing_id: uuid.UUID
    case_id: uuid.UUID
    referrer_presentation: str
    shared: list[dict[str, str]]
    risks: list[str]
    victim_views: str | None
    lead_agency_id: uuid.UUID
    victim_updater: str
    recorded_at: datetime


class DeferralCreate(_In):
    hearing_id: uuid.UUID
    reason: Reason
