"""Research forms: an invited agency records its own; the coordinator sees who has not."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request

from api.audit.unit_of_work import commit_audited
from api.common import access as common
from api.common.query import no_unknown_query
from api.db import SessionDep
from api.meetings import problems as mp
from api.meetings import research
from api.meetings.agenda_router import meeting_for
from api.meetings.research_schemas import ResearchOverview, ResearchRead, ResearchSubmit
from api.problems import Conflict, Forbidden, NotFound, problem_responses
from api.security.dependencies import PrincipalDep
from api.security.principal import Role

router = APIRouter(prefix="/meetings", tags=["meetings"],
                   dependencies=[Depends(no_unknown_query)])
_READ = (*common.CALLER_PROBLEMS, Forbidden, NotFound)


@router.put("/{meeting_id}/research/{hearing_id}", operation_id="submitResearch",
            response_model=ResearchRead, responses=problem_responses(
                *_READ, *common.BODY_PROBLEMS, mp.NotInvited, Conflict))
def submit_research(meeting_id: uuid.UUID, hearing_id: uuid.UUID, body: ResearchSubmit,
                    request: Request, session: SessionDep, principal: PrincipalDep) -> Any:
    """Record your agency's research form for a case on the published agenda."""
    meeting = meeting_for(session, principal, meeting_id, Role.agency_representative,
                          Role.coordinator)
    form = research.submit(session, meeting, hearing_id, principal.agency_id, body,
                           principal.subject_id)
    commit_audited(session, request, 200)
    return ResearchRead.model_validate(form)


@router.get("/{meeting_id}/research", operation_id="getResearchOverview",
            response_model=ResearchOverview, responses=problem_responses(*_READ))
def research_overview(meeting_id: uuid.UUID, session: SessionDep,
                      principal: PrincipalDep) -> ResearchOverview:
    """Per case and invited agency, who has submitted; your own agency's forms in full."""
    meeting = meeting_for(session, principal, meeting_id, Role.agency_representative,
                          Role.coordinator, Role.chair)
    see_all = principal.has_role(meeting.panel_id, Role.coordinator, Role.chair)
    return research.overview(session, meeting, principal.agency_id, see_all)
