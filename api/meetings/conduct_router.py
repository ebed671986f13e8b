"""The meeting itself: attendance, declarations, case discussions and deferrals."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request

from api.audit.unit_of_work import commit_audited
from api.clock import TodayDep
from api.common import access as common
from api.common.query import no_unknown_query
from api.db import SessionDep
from api.meetings import access, conduct
from api.meetings import problems as mp
from api.meetings.agenda_router import meeting_for
from api.meetings.conduct_schemas import (
    AttendanceCreate,
    AttendanceList,
    AttendanceRead,
    DeclarationCreate,
    DeferralCreate,
    DiscussionCreate,
    DiscussionRead,
)
from api.meetings.schemas import HearingRead
from api.problems import Conflict, Forbidden, NotFound, problem_responses
from api.security.dependencies import PrincipalDep
from api.security.principal import Role

router = APIRouter(prefix="/meetings", tags=["meetings"],
                   dependencies=[Depends(no_unknown_query)])
_READ = (*common.CALLER_PROBLEMS, Forbidden, NotFound)
_WRITE = (*_READ, *common.BODY_PROBLEMS, mp.MeetingCancelled, mp.NotYetHeld, Conflict)
RUNNERS = (Role.coordinator, Role.chair)


@router.post("/{meeting_id}/attendance", status_code=201, operation_id="recordAttendance",
             response_model=AttendanceRead,
             responses=problem_responses(*_WRITE, mp.NotAMember))
def record_attendance(meeting_id: uuid.UUID, body: AttendanceCreate, request: Request,
                      session: SessionDep, principal: PrincipalDep, today: TodayDep) -> Any:
    """Record who attends (or sends apologies); an agency representative for their own agency."""
    meeting = meeting_for(session, principal, meeting_id, *RUNNERS, Role.agency_representative)
    if not principal.has_role(meeting.panel_id, *RUNNERS) and body.agency_id != \
            principal.agency_id:
        raise Forbidden("An agency representative records their own agency's attendance.")
    session.refresh(meeting, with_for_update=True)
    row = conduct.attend(session, meeting, body, today, principal.subject_id)
    commit_audited(session, request, 201)
    return AttendanceRead.model_validate(row)


@router.get("/{meeting_id}/attendance", operation_id="listAttendance",
            response_model=AttendanceList, responses=problem_responses(*_READ))
def list_attendance(meeting_id: uuid.UUID, session: SessionDep,
                    principal: PrincipalDep) -> AttendanceList:
    """Who attended, in arrival order, and whether each has signed the declaration."""
    meeting = meeting_for(session, principal, meeting_id, *access.CASE_READERS)
    return AttendanceList(items=[AttendanceRead.model_validate(a)
                                 for a in conduct.attendance(session, meeting.id)])


@router.post("/{meeting_id}/declarations", operation_id="signDeclaration",
             response_model=AttendanceRead,
             responses=problem_responses(*_WRITE, mp.NotAttending, mp.AlreadyDeclared))
def sign_declaration(meeting_id: uuid.UUID, body: DeclarationCreate, request: Request,
                     session: SessionDep, principal: PrincipalDep, today: TodayDep) -> Any:
    """Record an attendee's signed confidentiality declaration (the chair runs this)."""
    meeting = meeting_for(session, principal, meeting_id, *RUNNERS)
    conduct.require_held(meeting, today)
    row = conduct.declare(session, meeting, body.attendance_id)
    commit_audited(session, request, 200)
    return AttendanceRead.model_validate(row)


@router.post("/{meeting_id}/discussions", status_code=201, operation_id="recordDiscussion",
             response_model=DiscussionRead, responses=problem_responses(
                 *_WRITE, mp.DeclarationsOutstanding, mp.NotOnMeeting, mp.NotAMember))
def record_discussion(meeting_id: uuid.UUID, body: DiscussionCreate, request: Request,
                      session: SessionDep, principal: PrincipalDep, today: TodayDep) -> Any:
    """Record a case's discussion once everyone present has signed; the case is then heard."""
    meeting = meeting_for(session, principal, meeting_id, *RUNNERS)
    session.refresh(meeting, with_for_update=True)
    row = conduct.discuss(session, meeting, body, today, principal.subject_id)
    request.state.audit_case_id = row.case_id
    commit_audited(session, request, 201)
    return DiscussionRead.model_validate(row)


@router.post("/{meeting_id}/deferrals", operation_id="deferCase", response_model=HearingRead,
             responses=problem_responses(*_WRITE, mp.NotOnMeeting))
def defer_case(meeting_id: uuid.UUID, body: DeferralCreate, request: Request,
               session: SessionDep, principal: PrincipalDep) -> Any:
    """Defer a case listed on this meeting to the next meeting, with a reason."""
    meeting = meeting_for(session, principal, meeting_id, *RUNNERS)
    hearing = conduct.defer(session, meeting, body.hearing_id, body.reason)
    request.state.audit_case_id = hearing.case_id
    commit_audited(session, request, 200)
    return HearingRead.model_validate(hearing)
