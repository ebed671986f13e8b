"""Administration of users: create with an initial password, list, read, change roles or disable."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from sqlalchemy.orm import Session

from api.audit.unit_of_work import commit_audited
from api.common.access import require_administrator
from api.db import SessionDep, utcnow
from api.identity import mfa, repository, role_changes
from api.identity.admin import check_if_match, etag
from api.identity.models import LoginSession, User
from api.identity.schemas import Membership, UserCreate, UserPage, UserRead, UserUpdate
from api.problems import (
    BadRequest,
    Conflict,
    FieldError,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    SelfRoleGrant,
    Unauthenticated,
    ValidationFailed,
    problem_responses,
)
from api.security import passwords
from api.security.dependencies import PrincipalDep
from api.security.principal import Role

router = APIRouter(prefix="/api/v1/admin/users", tags=["administration"])
_READ_ERRORS = (Unauthenticated, Forbidden, NotFound)


@router.post("", operation_id="createUser", status_code=201, response_model=UserRead,
             responses=problem_responses(BadRequest, Unauthenticated, Forbidden, Conflict))
def create_user(body: UserCreate, request: Request, session: SessionDep, principal: PrincipalDep,
                response: Response) -> UserRead:
    """Creates a user in an agency with an initial password and panel roles."""
    require_administrator(principal)
    _check_password(body.password, body.email)
    if repository.user_by_email(session, body.email) is not None:
        raise Conflict("A user with this email already exists.")
    user = User(id=uuid.uuid4(), email=body.email.strip().lower(), agency_id=body.agency_id,
                password_hash=passwords.hash_password(body.password),
                is_administrator=body.is_administrator,
                is_sharing_approver=body.is_sharing_approver)
    session.add(user)
    session.flush()
    repository.replace_panel_roles(session, user.id, _pairs(body.memberships))
    role_changes.record(session, user, principal.subject_id, None)
    location = f"/api/v1/admin/users/{user.id}"
    commit_audited(session, request, 201, location)
    response.headers["ETag"] = etag(user.version)
    response.headers["Location"] = location
    return user_read(session, user)


@router.get("", operation_id="listUsers", response_model=UserPage,
            responses=problem_responses(Unauthenticated, Forbidden))
def list_users(session: SessionDep, principal: PrincipalDep,
               agency_id: uuid.UUID | None = None, cursor: uuid.UUID | None = None,
               limit: Annotated[int, Query(ge=1, le=200)] = 50) -> UserPage:
    """Lists users, optionally of one agency; pass next_cursor back as cursor for the next page."""
    require_administrator(principal)
    users = repository.users_page(session, cursor, limit, agency_id)
    return UserPage(items=[user_read(session, u) for u in users],
                    next_cursor=users[-1].id if len(users) == limit else None)


@router.get("/{user_id}", operation_id="getUser", response_model=UserRead,
            responses=problem_responses(*_READ_ERRORS))
def get_user(user_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
             response: Response) -> UserRead:
    """One user, with an ETag to send back as If-Match when updating."""
    require_administrator(principal)
    user = get_user_or_404(session, user_id)
    response.headers["ETag"] = etag(user.version)
    return user_read(session, user)


@router.patch("/{user_id}", operation_id="updateUser", response_model=UserRead,
              responses=problem_responses(*_READ_ERRORS, BadRequest, PreconditionFailed,
                                          PreconditionRequired, SelfRoleGrant))
def update_user(user_id: uuid.UUID, body: UserUpdate, request: Request, session: SessionDep,
                principal: PrincipalDep, response: Response,
                if_match: Annotated[str | None, Header(max_length=64)] = None) -> UserRead:
    """Changes roles or disables a user (never one's own roles: another administrator grants
    those); their existing tokens stop working at once."""
    require_administrator(principal)
    user = get_user_or_404(session, user_id)
    check_if_match(if_match, user.version)
    before = role_changes.snapshot(session, user)
    if body.memberships is not None:
        role_changes.refuse_self_grant(principal, user.id, _pairs(body.memberships))
        repository.replace_panel_roles(session, user.id, _pairs(body.memberships))
    if body.is_administrator is not None:
        user.is_administrator = body.is_administrator
    if body.is_sharing_approver is not None:
        role_changes.refuse_self_approver(principal, user, body.is_sharing_approver)
        user.is_sharing_approver = body.is_sharing_approver
    if body.is_active is not None:
        user.is_active = body.is_active
        if not body.is_active:
            _revoke_logins(session, user.id)
    user.token_version += 1
    role_changes.record(session, user, principal.subject_id, before)
    commit_audited(session, request, 200)
    response.headers["ETag"] = etag(user.version)
    return user_read(session, user)


def get_user_or_404(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


def user_read(session: Session, user: User) -> UserRead:
    roles = repository.panel_roles_of(session, user.id)
    memberships = [Membership(panel_id=p, role=r)
                   for p, held in roles.items() for r in sorted(held)]
    return UserRead(id=user.id, email=user.email, agency_id=user.agency_id,
                    is_administrator=user.is_administrator,
                    is_sharing_approver=user.is_sharing_approver, is_active=user.is_active,
                    failed_logins=user.failed_logins, locked_until=user.locked_until,
                    mfa_enabled=mfa.enrolled(session, user.id), memberships=memberships,
                    created_at=user.created_at)


def _pairs(memberships: list[Membership]) -> list[tuple[uuid.UUID, Role]]:
    return [(m.panel_id, m.role) for m in memberships]


def _check_password(password: str, email: str) -> None:
    try:
        passwords.check_new_password(password, (email,))
    except passwords.WeakPassword as exc:
        raise ValidationFailed("The password is not acceptable.", errors=[
            FieldError(pointer="/body/password", detail=str(exc))]) from None


def _revoke_logins(session: Session, user_id: uuid.UUID) -> None:
    for login in session.query(LoginSession).filter(LoginSession.user_id == user_id,
                                                    LoginSession.revoked_at.is_(None)):
        login.revoked_at = utcnow()
