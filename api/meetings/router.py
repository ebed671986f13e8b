"""Meetings: list a year from a rule or add one, read, move and cancel with a reason."""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from api.audit.unit_of_work import commit_audited, commit_read
from api.clock import TodayDep
from api.common import access as common
from api.common import responses
from api.common.cursor import Cursor
from api.common.fields import Day
from api.common.query import no_unknown_query
from api.common.responses import json_model
from api.concurrency import IfMatchHeader, etag, require_version
from api.db import SessionDep
from api.meetings import access, repository, service
from api.meetings import problems as mp
from api.meetings.models import Meeting
from api.meetings.schemas import (
    MeetingCancel,
    MeetingCreate,
    MeetingList,
    MeetingMove,
    MeetingRead,
    MeetingSeries,
    MeetingSeriesCreate,
)
from api.problems import (
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    problem_responses,
)
from api.security.dependencies import PrincipalDep
from api.security.principal import Principal

router = APIRouter(prefix="/meetings", tags=["meetings"],
                   dependencies=[Depends(no_unknown_query)])
_ETAG = {"ETag": {"schema": {"type": "string"}, "description": "Version for If-Match"}}
_ID = "$response.body#/id"
_LINKS = {
    "GetMeeting": {"operationId": "getMeeting", "parameters": {"path.meeting_id": _ID}},
    "MoveMeeting": {"operationId": "moveMeeting", "parameters": {
        "path.meeting_id": _ID, "header.If-Match": "$response.header.ETag"}},
    "GetMeetingAgenda": {"operationId": "getMeetingAgenda",
                         "parameters": {"path.meeting_id": _ID}},
    "GetMeetingMinutes": {"operationId": "getMeetingMinutes",
                          "parameters": {"path.meeting_id": _ID}},
    "PublishAgenda": {"operationId": "publishAgenda", "parameters": {"path.meeting_id": _ID}},
    "CancelMeeting": {"operationId": "cancelMeeting", "parameters": {
        "path.meeting_id": _ID, "header.If-Match": "$response.header.ETag"}},
}
_DATE_PROBLEMS = (mp.NotAWorkingDay, mp.InThePast, mp.CutoffPassed, mp.DateTaken)
_WRITE = (*common.CALLER_PROBLEMS, *common.BODY_PROBLEMS, Forbidden, NotFound)
_CHANGE = (*_WRITE, *_DATE_PROBLEMS, mp.MeetingStarted, mp.MeetingCancelled,
           PreconditionFailed, PreconditionRequired)


_REASONS = {"emergency_reason": None, "move_reason": None, "cancel_reason": None}


def _shown(meeting: Any, with_reasons: bool) -> MeetingRead:
    """The meeting as the caller may see it: without its free-text reasons unless they read
    the panel's cases (access.reads_reasons)."""
    read = MeetingRead.model_validate(meeting)
    return read if with_reasons else read.model_copy(update=_REASONS)


def _read(meeting: Meeting, response: Response, principal: Principal) -> MeetingRead:
    response.headers["ETag"] = etag(meeting.version)
    return _shown(meeting, access.reads_reasons(principal, meeting.panel_id))


@router.get("", operation_id="listMeetings", response_model=MeetingList,
            responses=problem_responses(*common.CALLER_PROBLEMS, Forbidden, NotFound))
def list_meetings(panel_id: uuid.UUID, request: Request, session: SessionDep,
                  principal: PrincipalDep,
                  since: Annotated[Day | None, Query(alias="from")] = None,
                  until: Annotated[Day | None, Query(alias="to")] = None,
                  limit: Annotated[int, Query(ge=1, le=500)] = 100,
                  cursor: Cursor = None) -> Any:
    """One panel's meetings in date order, with their cut-off, agenda and minutes dates; walk
    pages with `next_cursor`."""
    access.require_calendar_reader(principal, panel_id)
    rows, next_cursor = repository.meetings(session, panel_id, since, until, limit, cursor)
    with_reasons = access.reads_reasons(principal, panel_id)
    answer = json_model(MeetingList(items=[_shown(m, with_reasons) for m in rows],
                                    next_cursor=next_cursor))
    commit_read(session, request)
    return answer


@router.post("", status_code=201, operation_id="addMeeting", response_model=MeetingRead,
             responses={201: {"headers": {**_ETAG, "Location": {"schema": {"type": "string"}}},
                              "links": _LINKS},
                        **problem_responses(*_WRITE, *_DATE_PROBLEMS)})
def add_meeting(body: MeetingCreate, request: Request, session: SessionDep,
                principal: PrincipalDep, response: Response, today: TodayDep) -> Any:
    """Add one meeting (or an emergency meeting, listed without the cut-off)."""
    access.require_coordinator(principal, body.panel_id)
    panel = repository.panel(session, body.panel_id, for_update=True)
    meeting = service.add(session, panel, body, today, principal.subject_id)
    location = responses.location(request, "get_meeting", meeting_id=str(meeting.id))
    commit_audited(session, request, 201, location)
    response.headers["Location"] = location
    return _read(meeting, response, principal)


# Its own path: under /meetings, "series" would also match /meetings/{meeting_id}.
series_router = APIRouter(prefix="/meeting-series", tags=["meetings"],
                          dependencies=[Depends(no_unknown_query)])


@series_router.post("", status_code=201, operation_id="addMeetingSeries",
             response_model=MeetingSeries,
             responses=problem_responses(*_WRITE))
def add_series(body: MeetingSeriesCreate, request: Request, session: SessionDep,
               principal: PrincipalDep, today: TodayDep) -> MeetingSeries:
    """List a year of meetings from a rule; bank holidays move to the next working day."""
    access.require_coordinator(principal, body.panel_id)
    panel = repository.panel(session, body.panel_id, for_update=True)
    made, skipped = service.add_series(session, panel, body, today, principal.subject_id)
    commit_audited(session, request, 201)
    return MeetingSeries(listed=[MeetingRead.model_validate(m) for m in made], skipped=skipped)


def _visible(session: Session, principal: Principal, meeting_id: uuid.UUID) -> Meeting:
    """A meeting of a panel the caller holds any role on; any other answers 404."""
    meeting = repository.meeting(session, meeting_id)
    access.require_calendar_reader(principal, meeting.panel_id)
    return meeting


@router.get("/{meeting_id}", operation_id="getMeeting", response_model=MeetingRead,
            responses={200: {"headers": _ETAG, "links": _LINKS},
                       **problem_responses(*common.CALLER_PROBLEMS, NotFound)})
def get_meeting(meeting_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
                response: Response) -> Any:
    """One meeting with its dates and, if moved or cancelled, why."""
    return _read(_visible(session, principal, meeting_id), response, principal)


def _change(meeting_id: uuid.UUID, request: Request, session: Session, principal: Principal,
            if_match: str | None, work: Callable[[Any, Meeting], None]) -> Meeting:
    meeting = _visible(session, principal, meeting_id)
    access.require_coordinator(principal, meeting.panel_id)
    panel = repository.panel(session, meeting.panel_id, for_update=True)
    session.refresh(meeting, with_for_update=True)
    require_version(if_match, meeting.version)
    try:
        work(panel, meeting)
        commit_audited(session, request, 200)
    except StaleDataError:
        session.rollback()
        raise PreconditionFailed("The meeting changed meanwhile; read it again.") from None
    return meeting


@router.post("/{meeting_id}/move", operation_id="moveMeeting", response_model=MeetingRead,
             responses={200: {"headers": _ETAG}, **problem_responses(*_CHANGE)})
def move_meeting(meeting_id: uuid.UUID, body: MeetingMove, request: Request,
                 session: SessionDep, principal: PrincipalDep, response: Response,
                 today: TodayDep, if_match: IfMatchHeader = None) -> Any:
    """Move a meeting that has not started, with a reason; its cases are scheduled again."""
    meeting = _change(meeting_id, request, session, principal, if_match, lambda p, m: (
        service.move(session, p, m, body.held_on, body.reason, today)))
    return _read(meeting, response, principal)


@router.post("/{meeting_id}/cancel", operation_id="cancelMeeting", response_model=MeetingRead,
             responses={200: {"headers": _ETAG}, **problem_responses(*_CHANGE)})
def cancel_meeting(meeting_id: uuid.UUID, body: MeetingCancel, request: Request,
                   session: SessionDep, principal: PrincipalDep, response: Response,
                   today: TodayDep, if_match: IfMatchHeader = None) -> Any:
    """Cancel a meeting that has not started, with a reason; its cases are scheduled again."""
    meeting = _change(meeting_id, request, session, principal, if_match, lambda p, m: (
        service.cancel(session, p, m, body.reason, today)))
    return _read(meeting, response, principal)
