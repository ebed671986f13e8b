"""A panel's calendar settings: read by its members, changed by an administrator."""

import uuid
from typing import Any, cast

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.orm.exc import StaleDataError

from api.audit.unit_of_work import commit_audited
from api.common import access as common
from api.common.query import no_unknown_query
from api.concurrency import IfMatchHeader, etag, require_version
from api.db import SessionDep
from api.errors import RULE_PROBLEMS
from api.meetings import access, repository, service
from api.meetings.schemas import PanelSettings, PanelSettingsUpdate
from api.panels.models import Panel
from api.problems import Forbidden, NotFound, PreconditionFailed, PreconditionRequired
from api.problems import problem_responses as problems
from api.security.dependencies import PrincipalDep
from domain.working_days import Subdivision

router = APIRouter(prefix="/panels", tags=["meetings"], dependencies=[Depends(no_unknown_query)])
_ETAG = {"ETag": {"schema": {"type": "string"}, "description": "Version for If-Match"}}


def _read(panel: Panel, response: Response) -> PanelSettings:
    response.headers["ETag"] = etag(panel.version)
    # The column holds one of the subdivisions (updates are validated); pydantic checks again.
    return PanelSettings(
        panel_id=panel.id, cadence=panel.cadence,
        subdivision=cast(Subdivision, panel.bank_holiday_region),
        referral_cutoff_working_days=panel.referral_cutoff_working_days,
        agenda_working_days=panel.agenda_working_days,
        minutes_working_days=panel.minutes_working_days,
        hearing_weeks=panel.hearing_deadline_weeks)


@router.get("/{panel_id}/settings", operation_id="getPanelSettings",
            response_model=PanelSettings, responses={200: {"headers": _ETAG}, **problems(
                *common.CALLER_PROBLEMS, NotFound)})
def get_settings(panel_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
                 response: Response) -> Any:
    """The panel's cadence, bank-holiday nation, cut-off, agenda, minutes and hearing weeks."""
    access.require_settings_reader(principal, panel_id)
    return _read(repository.panel(session, panel_id), response)


@router.patch("/{panel_id}/settings", operation_id="updatePanelSettings",
              response_model=PanelSettings, responses={200: {"headers": _ETAG}, **problems(
                  *common.CALLER_PROBLEMS, *common.BODY_PROBLEMS, Forbidden, NotFound,
                  PreconditionFailed, PreconditionRequired, *RULE_PROBLEMS.values())})
def update_settings(panel_id: uuid.UUID, body: PanelSettingsUpdate, request: Request,
                    session: SessionDep, principal: PrincipalDep, response: Response,
                    if_match: IfMatchHeader = None) -> Any:
    """Change calendar settings; meetings listed from now on are counted with them."""
    access.require_administrator(principal)
    panel = repository.panel(session, panel_id, for_update=True)
    require_version(if_match, panel.version)
    service.update_settings(panel, body)
    try:
        commit_audited(session, request, 200)
    except StaleDataError:
        session.rollback()
        raise PreconditionFailed("The panel changed meanwhile; read it again.") from None
    return _read(panel, response)
