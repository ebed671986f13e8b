"""The minutes as the API answers them: attendance, apologies, each case heard or deferred."""

import uuid
from datetime import date

from pydantic import BaseModel, Field

from api.actions.schemas import ActionChangeRead, ActionRead
from api.meetings.agenda_schemas import AgendaCase, Notification, PublicationRead
from api.meetings.conduct_schemas import AttendanceRead


class MinutesCase(BaseModel):
    summary: AgendaCase = Field(description="The same minimal details as the agenda")
    outcome: str = Field(description="heard or deferred")
    discussion_id: uuid.UUID | None = Field(None, description="The discussion, when heard")
    referrer_presentation: str | None = None
    shared: list[dict[str, str]] = Field(default_factory=list)
    risks: list[str] = Field(default_factory=list)
    victim_views: str | None = None
    lead_agency_id: uuid.UUID | None = None
    victim_updater: str | None = None
    deferral_reason: str | None = Field(None, description="Why it was deferred, when deferred")
    actions: list[ActionRead] = Field(
        default_factory=list, description="The action plan agreed for the case at this meeting")


class MinutesRead(BaseModel):
    meeting_id: uuid.UUID
    held_on: date
    minutes_due: date
    overdue: bool = Field(description="Not circulated and past the minutes-due date")
    attendance: list[AttendanceRead]
    apologies: list[AttendanceRead]
    cases: list[MinutesCase]
    notifications: list[Notification]
    action_updates: list[ActionChangeRead] = Field(
        default_factory=list, description="Each update given at this meeting on an action "
                                          "(progress, done, not done, re-assigned)")
    circulated: PublicationRead | None


class MinutesCirculate(BaseModel):
    agency_ids: list[uuid.UUID] | None = Field(None, max_length=200)
