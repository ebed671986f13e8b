"""Updates to the meeting record: arrival and departure times, and the IDVA's account of the
victim's views on a case discussed."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.orm.exc import StaleDataError

from api.audit.unit_of_work import commit_audited
from api.clock import TodayDep
from api.common import access as common
from api.common.query import no_unknown_query
from api.concurrency import IfMatchHeader, etag, require_version
from api.db import SessionDep
from api.meetings import access, record
from api.meetings import problems as mp
from api.meetings.agenda_router import meeting_for
from api.meetings.conduct_router import RUNNERS
from api.meetings.conduct_schemas import (
    AttendanceRead,
    AttendanceTimes,
    DiscussionRead,
    VictimViews,
)
from api.problems import (
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    problem_responses,
)
from api.security.dependencies import PrincipalDep
from api.security.principal import Role

router = APIRouter(prefix="/meetings", tags=["meetings"],
                   dependencies=[Depends(no_unknown_query)])
_ETAG: dict[int | str, dict[str, Any]] = {200: {"headers": {"ETag": {
    "schema": {"type": "string"}, "description": "Version for If-Match"}}}}
_READ = (*common.CALLER_PROBLEMS, Forbidden, NotFound)
_UPDATE = (*_READ, *common.BODY_PROBLEMS, mp.MeetingCancelled, mp.NotYetHeld,
           PreconditionFailed, PreconditionRequired)


def _stale() -> Exception:
    return PreconditionFailed("The record changed meanwhile; read it again.")


@router.patch("/{meeting_id}/attendance/{attendance_id}", operation_id="updateAttendance",
              response_model=AttendanceRead, responses={
                  **_ETAG, **problem_responses(*_UPDATE, mp.NotAttending,
                                               mp.DepartureBeforeArrival)})
def update_attendance(meeting_id: uuid.UUID, attendance_id: uuid.UUID, body: AttendanceTimes,
                      request: Request, session: SessionDep, principal: PrincipalDep,
                      response: Response, today: TodayDep,
                      if_match: IfMatchHeader = None) -> Any:
    """Record when an attendee arrived or left; an agency representative for their own agency."""
    meeting = meeting_for(session, principal, meeting_id, *RUNNERS, Role.agency_representative)
    row = record.attendee(session, meeting, attendance_id)
    if not principal.has_role(meeting.panel_id, *RUNNERS) and row.agency_id != \
            principal.agency_id:
        raise Forbidden("An agency representative records their own agency's attendance.")
    require_version(if_match, row.version)
    record.set_times(meeting, row, body.arrived_at, body.departed_at, today)
    try:
        session.flush()
        commit_audited(session, request, 200)
    except StaleDataError:
        session.rollback()
        raise _stale() from None
    response.headers["ETag"] = etag(row.version)
    return AttendanceRead.model_validate(row)


@router.get("/{meeting_id}/discussions/{discussion_id}", operation_id="getDiscussion",
            response_model=DiscussionRead,
            responses={**_ETAG, **problem_responses(*_READ)})
def get_discussion(meeting_id: uuid.UUID, discussion_id: uuid.UUID, request: Request,
                   session: SessionDep, principal: PrincipalDep, response: Response) -> Any:
    """One case's discussion at this meeting, with its version for If-Match."""
    meeting = meeting_for(session, principal, meeting_id, *access.CASE_READERS)
    row = record.discussion(session, meeting, discussion_id)
    request.state.audit_case_id = row.case_id
    response.headers["ETag"] = etag(row.version)
    return DiscussionRead.model_validate(row)


@router.put("/{meeting_id}/discussions/{discussion_id}/victim-views",
            operation_id="recordVictimViews", response_model=DiscussionRead,
            responses={**_ETAG, **problem_responses(*_UPDATE)})
def record_victim_views(meeting_id: uuid.UUID, discussion_id: uuid.UUID, body: VictimViews,
                        request: Request, session: SessionDep, principal: PrincipalDep,
                        response: Response, today: TodayDep,
                        if_match: IfMatchHeader = None) -> Any:
    """The IDVA records their account of the victim's views on a case discussed."""
    meeting = meeting_for(session, principal, meeting_id, Role.idva)
    row = record.discussion(session, meeting, discussion_id, for_update=True)
    request.state.audit_case_id = row.case_id
    require_version(if_match, row.version)
    record.record_views(meeting, row, body.victim_views, today)
    try:
        session.flush()
        commit_audited(session, request, 200)
    except StaleDataError:
        session.rollback()
        raise _stale() from None
    response.headers["ETag"] = etag(row.version)
    return DiscussionRead.model_validate(row)
