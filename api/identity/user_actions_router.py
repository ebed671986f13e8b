"""What administrators do for a user beyond editing them: unlock slowed logins, reset MFA, and
read the history of their roles."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.audit.unit_of_work import commit_audited
from api.common.access import require_administrator
from api.db import SessionDep
from api.identity import mfa, role_changes, service, throttle
from api.identity.schemas import RoleChangePage, RoleChangeRead, UserRead
from api.identity.users_router import get_user_or_404, user_read
from api.problems import Forbidden, NotFound, Unauthenticated, problem_responses
from api.security import tokens
from api.security.dependencies import PrincipalDep

router = APIRouter(prefix="/api/v1/admin/users", tags=["administration"])
_ERRORS = problem_responses(Unauthenticated, Forbidden, NotFound)


@router.post("/{user_id}/unlock", operation_id="unlockUser", response_model=UserRead,
             responses=_ERRORS)
def unlock_user(user_id: uuid.UUID, request: Request, session: SessionDep,
                principal: PrincipalDep) -> UserRead:
    """Forgets the user's failed logins and codes, from every client: no delay remains."""
    require_administrator(principal)
    user = get_user_or_404(session, user_id)
    identity = tokens.keyed_hash(request.app.state.settings, "login", user.email)
    throttle.unlock(session, identity)
    user.failed_logins, user.locked_until = 0, None
    commit_audited(session, request, 200)
    return user_read(session, user)


@router.post("/{user_id}/mfa/reset", operation_id="resetUserMfa", response_model=UserRead,
             responses=_ERRORS)
def reset_user_mfa(user_id: uuid.UUID, request: Request, session: SessionDep,
                   principal: PrincipalDep) -> UserRead:
    """Turns the user's MFA off (a lost authenticator and codes); they enrol again, and their
    logins end."""
    require_administrator(principal)
    user = get_user_or_404(session, user_id)
    mfa.reset(session, user.id)
    service.end_logins(session, user.id)  # logins made with the old factor end
    commit_audited(session, request, 200)
    return user_read(session, user)


@router.get("/{user_id}/role-changes", operation_id="listUserRoleChanges",
            response_model=RoleChangePage, responses=_ERRORS)
def list_role_changes(user_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
                      limit: Annotated[int, Query(ge=1, le=200)] = 50) -> RoleChangePage:
    """The user's role and flag changes, newest first, each with its before and after."""
    require_administrator(principal)
    get_user_or_404(session, user_id)
    return RoleChangePage(items=[RoleChangeRead.model_validate(change, from_attributes=True)
                                 for change in role_changes.history(session, user_id, limit)])
