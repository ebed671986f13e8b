"""Actions as the API takes and answers them."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.common.fields import Day, Text
from domain.actions import ActionCategory, ActionStatus

Description = Annotated[str, Text(2000, 1)]
Note = Annotated[str, Text(2000, 1)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActionCreate(_In):
    """A SMART action agreed for a case at a meeting; a joint action names each agency."""

    meeting_id: uuid.UUID = Field(description="The meeting that agreed it")
    case_id: uuid.UUID
    owner_agency_ids: Annotated[list[uuid.UUID], Field(
        min_length=1, max_length=10,
        description="Each agency taking the action, all recorded as attending the meeting; "
                    "several make a joint action (one action per agency)")]
    category: ActionCategory
    description: Description
    due_on: Day


class ActionUpdate(_In):
    """An update from the owning agency (or given in a meeting): a progress note, done with
    an outcome, or not done with a reason."""

    status: Literal[ActionStatus.DONE, ActionStatus.NOT_DONE] | None = Field(
        None, description="done (needs outcome) or not_done (needs reason); absent: still open")
    outcome: Note | None = None
    reason: Note | None = None
    progress: Note | None = Field(None, description="Progress so far, while still open")
    meeting_id: uuid.UUID | None = Field(
        None, description="The meeting at which this update was given, for its minutes")


class ActionReassign(_In):
    """Re-assignment at a later meeting to another agency present at it."""

    meeting_id: uuid.UUID = Field(description="The later meeting that re-assigns it")
    owner_agency_id: uuid.UUID
    due_on: Day | None = Field(None, description="A new due date; absent: unchanged")
    reason: Note


class ActionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    plan_id: uuid.UUID = Field(description="Shared by the agencies' parts of a joint action")
    panel_id: uuid.UUID
    case_id: uuid.UUID
    meeting_id: uuid.UUID = Field(description="The meeting that agreed it")
    owner_agency_id: uuid.UUID
    owner_agency: str = Field(description="The owner agency's name")
    category: ActionCategory
    description: str
    due_on: date
    status: ActionStatus
    overdue: bool = Field(description="Still open past the working day it fell due on, in the "
                                      "panel's bank-holiday calendar")
    outcome: str | None
    reason: str | None
    progress: str | None
    recorded_by_kind: str
    recorded_by_id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    closed_on: date | None


class ActionsRecorded(BaseModel):
    items: list[ActionRead] = Field(description="One action per owner agency")


class ActionPage(BaseModel):
    items: list[ActionRead]
    next_cursor: str | None


class ActionChangeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    action_id: uuid.UUID
    meeting_id: uuid.UUID | None
    kind: str = Field(description="recorded, progress, done, not_done or reassigned")
    before: dict[str, Any] | None
    after: dict[str, Any]
    by_kind: str
    by_id: uuid.UUID
    by_agency_id: uuid.UUID
    at: datetime


class ActionHistory(BaseModel):
    items: list[ActionChangeRead] = Field(description="Oldest first")


class ActionCounts(BaseModel):
    """What an analyst sees: counts, never a case or a description."""

    panel_id: uuid.UUID
    open: int
    overdue: int
    done: int
    not_done: int
    by_category: dict[str, int]


class OutstandingAction(BaseModel):
    """An action still open from an earlier meeting, as the agenda lists it."""

    action_id: uuid.UUID
    case_id: uuid.UUID
    owner_agency_id: uuid.UUID
    owner_agency: str
    category: ActionCategory
    description: str
    due_on: date
    overdue: bool = Field(description="Overdue on the meeting's day")
    agreed_at_meeting_id: uuid.UUID
