"""Hearings: accepted referrals scheduled onto meetings, their warnings and late additions."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm.exc import StaleDataError

from api.audit.unit_of_work import commit_audited
from api.clock import TodayDep
from api.common import access as common
from api.common.query import no_unknown_query
from api.db import SessionDep
from api.meetings import access, repository, scheduling
from api.meetings import problems as mp
from api.meetings.models import HearingStatus
from api.meetings.schemas import HearingList, HearingRead, LateAddition, ScheduleRun
from api.problems import Conflict, Forbidden, NotFound, problem_responses
from api.security.dependencies import PrincipalDep
from api.sharing.disclosure import SharingBasisMissing

router = APIRouter(prefix="/hearings", tags=["meetings"],
                   dependencies=[Depends(no_unknown_query)])
_WRITE = (*common.CALLER_PROBLEMS, *common.BODY_PROBLEMS, Forbidden, NotFound)


@router.get("", operation_id="listHearings", response_model=HearingList,
            responses=problem_responses(*common.CALLER_PROBLEMS, Forbidden, NotFound))
def list_hearings(panel_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
                  meeting_id: uuid.UUID | None = None, status: HearingStatus | None = None,
                  warned: bool | None = None,
                  limit: Annotated[int, Query(ge=1, le=500)] = 100) -> HearingList:
    """A panel's cases on their way to a meeting: where each is listed and any warning."""
    access.require(principal, panel_id, *access.CASE_READERS)
    rows = repository.hearings(session, panel_id, meeting_id, status, warned, limit)
    return HearingList(items=[HearingRead.model_validate(h) for h in rows])


@router.post("/schedule", operation_id="scheduleHearings", response_model=HearingList,
             responses=problem_responses(*_WRITE, Conflict))
def schedule_hearings(body: ScheduleRun, request: Request, session: SessionDep,
                      principal: PrincipalDep, today: TodayDep) -> HearingList:
    """Place the panel's accepted, waiting cases on the first meeting whose cut-off they meet."""
    access.require_coordinator(principal, body.panel_id)
    panel = repository.panel(session, body.panel_id, for_update=True)
    placed = scheduling.schedule(session, panel, today)
    commit_audited(session, request, 200)
    return HearingList(items=[HearingRead.model_validate(h) for h in placed])


@router.post("/{hearing_id}/late-addition", operation_id="agreeLateAddition",
             response_model=HearingRead, responses=problem_responses(
                 *_WRITE, mp.MeetingStarted, mp.MeetingCancelled, mp.NotLate, mp.HearingClosed,
                 Conflict, SharingBasisMissing))
def agree_late_addition(hearing_id: uuid.UUID, body: LateAddition, request: Request,
                        session: SessionDep, principal: PrincipalDep,
                        today: TodayDep) -> Any:
    """Agree, as coordinator or chair, to add a case after the cut-off; both must agree."""
    hearing = repository.hearing(session, hearing_id)
    try:
        access.require(principal, hearing.panel_id, *access.LATE_AGREEMENT)
    except NotFound:
        raise NotFound("No such hearing.") from None
    request.state.audit_case_id = hearing.case_id
    meeting = repository.meeting(session, body.meeting_id, for_update=True)
    if meeting.panel_id != hearing.panel_id:
        raise NotFound("No such meeting.")
    try:
        scheduling.agree_late_addition(session, principal, hearing, meeting, today)
        commit_audited(session, request, 200)
    except StaleDataError:
        session.rollback()
        raise Conflict("The case changed meanwhile; try again.") from None
    return HearingRead.model_validate(hearing)
