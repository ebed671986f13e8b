"""Discovery: the panels a caller may refer to or work on, their instruments and agencies."""

import uuid

from fastapi import APIRouter, Depends, Request, Response

from api.audit.unit_of_work import commit_audited
from api.common import access, responses
from api.common.access import require_administrator
from api.common.query import no_unknown_query
from api.db import SessionDep
from api.panels import repository, service
from api.panels.schemas import (
    AgencyList,
    AgencyRead,
    InstrumentBody,
    InstrumentRead,
    PanelList,
    PanelRead,
)
from api.panels.views import instrument_read, panel_read
from api.problems import Conflict, Forbidden, NotFound, problem_responses
from api.security.dependencies import PrincipalDep

router = APIRouter(prefix="/panels", tags=["panels"], dependencies=[Depends(no_unknown_query)])
agencies_router = APIRouter(prefix="/agencies", tags=["panels"],
                            dependencies=[Depends(no_unknown_query)])


@router.get("", operation_id="listPanels", response_model=PanelList,
            responses=problem_responses(*access.CALLER_PROBLEMS))
def list_panels(session: SessionDep, principal: PrincipalDep) -> PanelList:
    """The panels the caller may see: where they hold a role, or (an API key) may refer to."""
    panels = repository.list_visible(session, principal)
    members = repository.members(session, [p.id for p in panels])
    return PanelList(items=[panel_read(p, members[p.id]) for p in panels])


@router.get("/{panel_id}", operation_id="getPanel", response_model=PanelRead,
            responses=problem_responses(*access.CALLER_PROBLEMS, NotFound))
def get_panel(panel_id: uuid.UUID, session: SessionDep, principal: PrincipalDep) -> PanelRead:
    """One panel: kind, cadence, age floor, deadlines, instrument and member agencies."""
    panel = service.visible_panel(session, principal, panel_id)
    return panel_read(panel, repository.members(session, [panel.id])[panel.id])


@router.get("/{panel_id}/instrument", operation_id="getPanelInstrument",
            response_model=InstrumentRead,
            responses=problem_responses(*access.CALLER_PROBLEMS, NotFound))
def get_panel_instrument(panel_id: uuid.UUID, session: SessionDep,
                         principal: PrincipalDep) -> InstrumentRead:
    """The risk instrument this panel scores referrals on: every question, answer and weight."""
    panel = service.visible_panel(session, principal, panel_id)
    return instrument_read(service.current_instrument(session, panel))


@router.post("/{panel_id}/instruments", operation_id="loadPanelInstrument", status_code=201,
             response_model=InstrumentRead,
             responses={201: {"headers": {"Location": {"schema": {"type": "string"}}}},
                        **problem_responses(*access.CALLER_PROBLEMS, *access.BODY_PROBLEMS,
                                            Forbidden, NotFound, Conflict)})
def load_panel_instrument(panel_id: uuid.UUID, body: InstrumentBody, request: Request,
                          session: SessionDep, principal: PrincipalDep,
                          response: Response) -> InstrumentRead:
    """Loads a new instrument version for the panel; referrals are scored on it from now on."""
    require_administrator(principal, "load a panel's risk instrument")
    instrument = service.load_instrument(session, principal, panel_id, body)
    location = responses.location(request, "get_panel_instrument", panel_id=str(panel_id))
    commit_audited(session, request, 201, location)
    response.headers["Location"] = location
    return instrument_read(instrument)


@agencies_router.get("", operation_id="listAgencies", response_model=AgencyList,
                     responses=problem_responses(*access.CALLER_PROBLEMS, Forbidden))
def list_agencies(session: SessionDep, principal: PrincipalDep) -> AgencyList:
    """Every agency (administrators: to issue API keys and grant roles)."""
    require_administrator(principal, "list every agency; a panel lists its member agencies")
    return AgencyList(items=[AgencyRead.model_validate(a)
                             for a in repository.all_agencies(session)])
