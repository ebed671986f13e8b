"""Case endpoints: list and read, with referral history and repeat status."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.cases import repository
from api.cases.views import CasePage, CaseRead
from api.clock import TodayDep
from api.common import access
from api.common.cursor import Cursor, Limit
from api.common.query import no_unknown_query
from api.db import SessionDep
from api.problems import Forbidden, NotFound, problem_responses
from api.security.dependencies import PrincipalDep
from domain.flags import flagged_since

router = APIRouter(prefix="/cases", tags=["cases"],
                   dependencies=[Depends(no_unknown_query)])


@router.get("", operation_id="listCases", response_model=CasePage,
            responses=problem_responses(*access.CALLER_PROBLEMS, Forbidden))
def list_cases(session: SessionDep, principal: PrincipalDep, today: TodayDep,
               cursor: Cursor = None,
               limit: Limit = 50, panel_id: uuid.UUID | None = None,
               flagged: Annotated[bool | None, Query(
                   description="true: only cases still flagged (heard within 12 months); "
                               "false: only cases not flagged")] = None) -> CasePage:
    """Cases of the caller's panels, newest first; walk pages with `next_cursor`."""
    access.refuse_analyst_only(principal)
    since = flagged_since(today) if flagged is not None else None
    items, next_cursor = repository.list_visible(session, principal, panel_id, cursor, limit,
                                                 flagged=flagged, flagged_since=since)
    return CasePage(items=items, next_cursor=next_cursor)


@router.get("/{case_id}", operation_id="getCase", response_model=CaseRead,
            responses=problem_responses(*access.CALLER_PROBLEMS, NotFound))
def get_case(case_id: uuid.UUID, session: SessionDep, principal: PrincipalDep) -> CaseRead:
    """One case with its referral history, repeat window end and flag."""
    return repository.get_visible(session, principal, case_id)
