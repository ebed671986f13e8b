"""Meetings, panel settings and hearings as the API takes and answers them."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.common.fields import Day, Text, WholeNumber
from api.meetings.models import HearingStatus, MeetingKind, MeetingStatus
from api.panels.models import Cadence
from domain.working_days import Subdivision

Reason = Annotated[str, Text(2000, 1)]
WorkingDays = Annotated[int, Field(ge=0, le=30), WholeNumber]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PanelSettings(BaseModel):
    """The calendar settings a panel's meetings and hearing deadlines are counted from."""

    panel_id: uuid.UUID
    cadence: Cadence
    subdivision: Subdivision = Field(description="UK nation whose bank holidays apply")
    referral_cutoff_working_days: int
    agenda_working_days: int
    minutes_working_days: int
    hearing_weeks: int = Field(description="A case is heard within this many weeks of referral")


class PanelSettingsUpdate(_In):
    cadence: Cadence | None = None
    subdivision: Subdivision | None = None
    referral_cutoff_working_days: WorkingDays | None = None
    agenda_working_days: WorkingDays | None = None
    minutes_working_days: WorkingDays | None = None
    hearing_weeks: Annotated[int, Field(ge=1, le=12), WholeNumber] | None = None


class MeetingCreate(_In):
    panel_id: uuid.UUID
    held_on: Day
    emergency: bool = Field(False, description="Imminent risk: listed without the cut-off")
    emergency_reason: Reason | None = None


class NthWeekdayRule(_In):
    kind: Literal["nth_weekday"]
    weekday: Annotated[int, Field(ge=0, le=6, description="0 is Monday"), WholeNumber]
    nth: Literal[1, 2, 3, 4, -1] = Field(description="1-4, or -1 for the last in the month")


class EveryOtherWeekRule(_In):
    kind: Literal["every_other_week"]
    first: Day = Field(description="A meeting of the series; its weekday sets the series")


class MeetingSeriesCreate(_In):
    panel_id: uuid.UUID
    year: Annotated[int, Field(ge=2000, le=2099), WholeNumber]
    rule: Annotated[NthWeekdayRule | EveryOtherWeekRule, Field(discriminator="kind")]


class MeetingMove(_In):
    held_on: Day
    reason: Reason


class MeetingCancel(_In):
    reason: Reason


_REASON = ("Free text: shown to the panel's coordinator, chair, agency representatives and "
           "IDVAs; null for its other roles (analyst, referrer).")


class MeetingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    panel_id: uuid.UUID
    held_on: date
    kind: MeetingKind
    status: MeetingStatus
    referral_cutoff: date
    agenda_due: date
    minutes_due: date
    emergency_reason: str | None = Field(description=_REASON)
    moved_from: date | None
    move_reason: str | None = Field(description=_REASON)
    cancel_reason: str | None = Field(description=_REASON)
    created_at: datetime


class SkippedDate(BaseModel):
    planned: date
    held_on: date
    why: str = Field(description="The problem type that kept this date off the list")


class MeetingSeries(BaseModel):
    listed: list[MeetingRead]
    skipped: list[SkippedDate]


class MeetingList(BaseModel):
    items: list[MeetingRead]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page")


class ScheduleRun(_In):
    panel_id: uuid.UUID


class LateAddition(_In):
    meeting_id: uuid.UUID


class HearingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    panel_id: uuid.UUID
    case_id: uuid.UUID
    referral_id: uuid.UUID
    referral_date: date
    hearing_deadline: date
    status: HearingStatus
    meeting_id: uuid.UUID | None
    warning: str | None = Field(description=(
        "no-meeting-listed, after-hearing-deadline, or awaiting-sharing-basis (neither "
        "consent nor an approved sharing decision: it goes on no agenda until one is recorded)"))
    late_addition: bool
    late_meeting_id: uuid.UUID | None
    coordinator_agreed_by: uuid.UUID | None
    coordinator_agreed_at: datetime | None
    chair_agreed_by: uuid.UUID | None
    chair_agreed_at: datetime | None


class HearingList(BaseModel):
    items: list[HearingRead]
