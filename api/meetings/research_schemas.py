"""The Kent research form: what an agency holds on a case, before the meeting."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from api.common.fields import Long
from api.meetings.schemas import _In


class SummaryCheck(_In):
    """Are the case summary's details accurate? Corrections in `corrections`."""

    victim_accurate: bool | None = None
    children_accurate: bool | None = None
    perpetrator_accurate: bool | None = None
    corrections: Long | None = None


class PoliceInformation(_In):
    warning_markers: bool | None = None
    bail_conditions: bool | None = None
    recorded_incidents: int | None = Field(None, ge=0, le=10_000)
    escalating: bool | None = None


class ResearchContent(_In):
    summary_check: SummaryCheck = Field(default_factory=SummaryCheck)
    victim: Long | None = Field(None, description="What the agency holds on the victim")
    perpetrator: Long | None = None
    children: Long | None = None
    risks: Long | None = Field(None, description="Risk factors the agency knows of")
    involvement: Long | None = Field(None, description="The agency's current involvement")
    police: PoliceInformation | None = None
    not_for_sharing: Long | None = Field(
        None, description="Held but not relevant to share, and why (stays with the agency)")


class ResearchSubmit(_In):
    nothing_held: bool = Field(description="The agency searched its systems and holds nothing")
    content: ResearchContent = Field(default_factory=ResearchContent)


class ResearchRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    meeting_id: uuid.UUID
    hearing_id: uuid.UUID
    agency_id: uuid.UUID
    nothing_held: bool
    content: ResearchContent
    submitted_at: datetime


class ResearchStatus(BaseModel):
    hearing_id: uuid.UUID
    case_id: uuid.UUID
    agency_id: uuid.UUID
    submitted: bool


class ResearchOverview(BaseModel):
    """The coordinator's view: per case and invited agency, submitted or not (no content)."""

    items: list[ResearchStatus]
    own_forms: list[ResearchRead] = Field(description="The caller's own agency's forms")
