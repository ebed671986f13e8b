"""A meeting's agenda and minutes: built from its record, circulated in versions."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from api.audit.unit_of_work import commit_audited
from api.clock import TodayDep
from api.common import access as common
from api.common.query import no_unknown_query
from api.common.responses import json_model
from api.db import SessionDep
from api.meetings import access, agenda, minutes, readers, repository
from api.meetings import problems as mp
from api.meetings.agenda_schemas import AgendaPublish, AgendaRead, PublicationList, PublicationRead
from api.meetings.minutes_schemas import MinutesCirculate, MinutesRead
from api.meetings.models import Meeting
from api.people.perpetrators import RecipientIsPerpetrator
from api.problems import Conflict, Forbidden, NotFound, problem_responses
from api.security.dependencies import PrincipalDep
from api.security.principal import Principal
from api.sharing.disclosure import SharingBasisMissing

router = APIRouter(prefix="/meetings", tags=["meetings"],
                   dependencies=[Depends(no_unknown_query)])
_READ = (*common.CALLER_PROBLEMS, Forbidden, NotFound)


def meeting_for(session: Session, principal: Principal, meeting_id: uuid.UUID,
                *allowed: Any) -> Meeting:
    """The meeting, if the caller holds one of `allowed` on its panel (else 403, or 404)."""
    meeting = repository.meeting(session, meeting_id)
    try:
        access.require(principal, meeting.panel_id, *allowed)
    except NotFound:
        raise NotFound("No such meeting.") from None
    return meeting


def document_for(session: Session, principal: Principal, meeting_id: uuid.UUID,
                 document: str) -> repository.DocumentMeeting:
    """The meeting as its `document` (agenda or minutes) needs it, if the caller may read the
    meeting's cases (else 403, or 404)."""
    meeting = repository.document_meeting(session, meeting_id, document)
    try:
        access.require(principal, meeting.panel_id, *access.CASE_READERS)
    except NotFound:
        raise NotFound("No such meeting.") from None
    return meeting


@router.get("/{meeting_id}/agenda", operation_id="getMeetingAgenda", response_model=AgendaRead,
            responses=problem_responses(*_READ))
def get_agenda(meeting_id: uuid.UUID, session: SessionDep, principal: PrincipalDep) -> Any:
    """The agenda in SafeLives order, with minimal case summaries and its publication state."""
    meeting = document_for(session, principal, meeting_id, "agenda")
    sent = readers.circulated_cases(principal, meeting, "agenda")
    read = agenda.read(session, meeting)
    if sent is not None:  # an agency representative: only the cases sent to their agency
        for section in read.sections:
            section.cases = [c for c in section.cases if str(c.case_id) in sent]
    readers.refuse_perpetrator_reader(session, principal, meeting, [
        c.case_id for s in read.sections for c in s.cases])
    return json_model(read)


@router.get("/{meeting_id}/agenda/publications", operation_id="listAgendaPublications",
            response_model=PublicationList, responses=problem_responses(*_READ))
def list_publications(meeting_id: uuid.UUID, session: SessionDep,
                      principal: PrincipalDep) -> PublicationList:
    """Every published version: when, to which agencies, and whether late."""
    meeting = meeting_for(session, principal, meeting_id, *access.CASE_READERS)
    rows = repository.publications(session, meeting.id)
    return PublicationList(items=[PublicationRead.model_validate(p) for p in rows])


@router.post("/{meeting_id}/agenda/publications", status_code=201,
             operation_id="publishAgenda", response_model=PublicationRead,
             responses=problem_responses(*_READ, *common.BODY_PROBLEMS, mp.AgendaUnchanged,
                                         mp.NotMembers, mp.MeetingCancelled, Conflict,
                                         SharingBasisMissing, RecipientIsPerpetrator))
def publish_agenda(meeting_id: uuid.UUID, body: AgendaPublish, request: Request,
                   session: SessionDep, principal: PrincipalDep, today: TodayDep) -> Any:
    """Publish the agenda to member agencies; a changed agenda publishes a new version."""
    meeting = meeting_for(session, principal, meeting_id, access.Role.coordinator)
    session.refresh(meeting, with_for_update=True)  # one publication at a time per meeting
    publication = agenda.publish(session, meeting, body.agency_ids, today, principal.subject_id)
    commit_audited(session, request, 201)
    return PublicationRead.model_validate(publication)


@router.get("/{meeting_id}/minutes", operation_id="getMeetingMinutes",
            response_model=MinutesRead, responses=problem_responses(*_READ))
def get_minutes(meeting_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
                today: TodayDep) -> Any:
    """Minutes from the meeting record: attendance, apologies, each case, notifications."""
    meeting = document_for(session, principal, meeting_id, "minutes")
    readers.circulated_cases(principal, meeting, "minutes")
    read = minutes.read(session, meeting, today)
    readers.refuse_perpetrator_reader(session, principal, meeting,
                                      [c.summary.case_id for c in read.cases])
    return json_model(read)


@router.post("/{meeting_id}/minutes/circulations", status_code=201,
             operation_id="circulateMinutes", response_model=PublicationRead,
             responses=problem_responses(*_READ, *common.BODY_PROBLEMS, mp.AgendaUnchanged,
                                         mp.NotMembers, mp.MeetingCancelled, mp.NotYetHeld,
                                         Conflict, SharingBasisMissing,
                                         RecipientIsPerpetrator))
def circulate_minutes(meeting_id: uuid.UUID, body: MinutesCirculate, request: Request,
                      session: SessionDep, principal: PrincipalDep, today: TodayDep) -> Any:
    """Circulate the minutes to member agencies; lateness against minutes-due is recorded."""
    meeting = meeting_for(session, principal, meeting_id, access.Role.coordinator)
    session.refresh(meeting, with_for_update=True)
    row = minutes.circulate(session, meeting, body.agency_ids, today, principal.subject_id)
    commit_audited(session, request, 201)
    return PublicationRead.model_validate(row)
