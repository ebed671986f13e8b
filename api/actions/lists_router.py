"""The lists people work from, beside their panel and case: a panel's overdue actions, a case's
action history, and (for analysts too) a panel's action counts."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request

from api.actions import access, repository
from api.actions.router import page_response
from api.actions.schemas import ActionCounts, ActionPage
from api.cases.models import Case
from api.clock import TodayDep
from api.common import access as common
from api.common import csv_export
from api.common.cursor import Cursor, Limit
from api.common.query import no_unknown_query
from api.db import SessionDep
from api.problems import Forbidden, NotFound, problem_responses
from api.security.dependencies import PrincipalDep
from api.security.principal import Principal

router = APIRouter(tags=["actions"], dependencies=[Depends(no_unknown_query)])
_LIST = {**csv_export.CSV_RESPONSE,
         **problem_responses(*common.CALLER_PROBLEMS, Forbidden, NotFound)}


@router.get("/panels/{panel_id}/actions/overdue", operation_id="listOverdueActions",
            response_model=ActionPage, responses=_LIST)
def list_overdue_actions(panel_id: uuid.UUID, request: Request, session: SessionDep,
                         principal: PrincipalDep, today: TodayDep, cursor: Cursor = None,
                         limit: Limit = 50) -> Any:
    """A panel's overdue actions, longest overdue first (the coordinator and chair see all;
    an agency its own), counted in the panel's working-day calendar."""
    access.require_panel_reader(principal, panel_id)
    rows, next_cursor = repository.overdue_page(
        session, access.visible(principal), panel_id, today, cursor, limit)
    return page_response(request, session, rows, next_cursor, today, "overdue-actions")


@router.get("/panels/{panel_id}/actions/counts", operation_id="getActionCounts",
            response_model=ActionCounts, responses=problem_responses(
                *common.CALLER_PROBLEMS, Forbidden, NotFound))
def get_action_counts(panel_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
                      today: TodayDep) -> ActionCounts:
    """How many of the panel's actions are open, overdue, done and not done, and by category:
    counts only (analysts, coordinator, chair)."""
    access.require_roles(principal, panel_id, *access.COUNTERS)
    by_status, overdue, by_category = repository.counts(session, panel_id, today)
    return ActionCounts(panel_id=panel_id, open=by_status.get("open", 0), overdue=overdue,
                        done=by_status.get("done", 0), not_done=by_status.get("not_done", 0),
                        by_category=by_category)


def _case_panel(session: SessionDep, principal: Principal, case_id: uuid.UUID) -> None:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("No such case.")
    try:
        access.require_panel_reader(principal, case.panel_id)
    except NotFound:
        raise NotFound("No such case.") from None


@router.get("/cases/{case_id}/actions", operation_id="listCaseActions",
            response_model=ActionPage, responses=_LIST)
def list_case_actions(case_id: uuid.UUID, request: Request, session: SessionDep,
                      principal: PrincipalDep, today: TodayDep, cursor: Cursor = None,
                      limit: Limit = 50) -> Any:
    """A case's action history, newest first, whatever each action's state (an agency sees
    its own actions on the case)."""
    _case_panel(session, principal, case_id)
    request.state.audit_case_id = case_id
    rows, next_cursor = repository.case_page(session, access.visible(principal), case_id,
                                             cursor, limit)
    return page_response(request, session, rows, next_cursor, today, "case-actions")



