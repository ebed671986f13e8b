"""The agenda as the API answers it: SafeLives sections with minimal case summaries."""

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from api.actions.schemas import OutstandingAction
from api.meetings.schemas import _In
from api.people.schemas import PersonSummary
from domain.agenda import Section


class AgendaCase(BaseModel):
    hearing_id: uuid.UUID
    case_id: uuid.UUID
    referral_id: uuid.UUID
    referral_date: date
    repeat: bool
    late_addition: bool
    referring_agency: str
    victim: PersonSummary | None
    perpetrators: list[PersonSummary]
    children: list[PersonSummary]


class Notification(BaseModel):
    case_id: uuid.UUID
    last_heard_on: date
    flagged_until: date


class AgendaSection(BaseModel):
    kind: Section
    cases: list[AgendaCase] = Field(default_factory=list)
    notifications: list[Notification] = Field(default_factory=list)
    actions: list[OutstandingAction] = Field(
        default_factory=list,
        description="Outstanding actions: still open from earlier meetings, by case")


class PublicationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: int
    published_at: datetime
    published_on: date
    late: bool = Field(description="Published after the agenda-due date")
    agency_ids: list[uuid.UUID]
    case_ids: list[uuid.UUID]


class AgendaRead(BaseModel):
    meeting_id: uuid.UUID
    held_on: date
    agenda_due: date
    sections: list[AgendaSection]
    published: PublicationRead | None = Field(description="The latest publication, if any")
    changed_since_published: bool = Field(
        description="The agenda differs from the version last published: publish again")


class AgendaPublish(_In):
    agency_ids: list[uuid.UUID] | None = Field(
        None, max_length=200, description="Member agencies to send to; all members if absent")


class PublicationList(BaseModel):
    items: list[PublicationRead]
