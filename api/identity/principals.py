"""Turns presented credentials (an access token or an API key) into a Principal, or refuses."""

import uuid

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from api.config import Settings
from api.db import utcnow
from api.identity import api_keys, repository
from api.identity.models import LoginSession, PanelRole, User
from api.security import tokens
from api.security.principal import Principal, Role, Scope

_REFERRER = frozenset({Role.referrer})


class NotAuthenticated(Exception):
    """The credentials are missing, invalid, expired or revoked."""


def user_principal(session: Session, user: User) -> Principal:
    return Principal(kind="user", subject_id=user.id, agency_id=user.agency_id,
                     panel_roles=repository.panel_roles_of(session, user.id),
                     is_administrator=user.is_administrator,
                     is_sharing_approver=user.is_sharing_approver)


# The user, their login and their panel roles in one round trip: this runs on every request.
_USER_LOGIN_ROLES = select(
    User.id, User.agency_id, User.is_active, User.is_administrator, User.is_sharing_approver,
    User.token_version,
    LoginSession.revoked_at, LoginSession.expires_at, PanelRole.panel_id, PanelRole.role,
).join(LoginSession, LoginSession.user_id == User.id).outerjoin(
    PanelRole, PanelRole.user_id == User.id).where(
    User.id == bindparam("user_id"), LoginSession.id == bindparam("session_id"))


def from_access_token(session: Session, settings: Settings,
                      token: str) -> tuple[Principal, uuid.UUID]:
    """Valid signature and claims, an active user, the same token_version, a live login."""
    try:
        claims = tokens.decode_access_token(settings, token)
    except tokens.InvalidToken as exc:
        raise NotAuthenticated from exc
    rows = session.connection().execute(_USER_LOGIN_ROLES, {
        "user_id": claims.user_id, "session_id": claims.session_id}).all()
    if not rows:  # no such user, or no such login of theirs
        raise NotAuthenticated
    user = rows[0]
    if not user.is_active or user.token_version != claims.token_version:
        raise NotAuthenticated
    if user.revoked_at is not None or user.expires_at <= utcnow():
        raise NotAuthenticated
    return Principal(kind="user", subject_id=user.id, agency_id=user.agency_id,
                     panel_roles=repository.roles_by_panel((r.panel_id, r.role) for r in rows),
                     is_administrator=user.is_administrator,
                     is_sharing_approver=user.is_sharing_approver), claims.session_id


def from_api_key(session: Session, presented: str, *,
                 mark_used: bool = True) -> tuple[Principal, bool]:
    """A partner system: referrer on every panel its agency belongs to, within its scopes; and
    whether its last use was written (to be committed)."""
    key = api_keys.find_valid(session, presented, mark_used=mark_used)
    if key is None:
        raise NotAuthenticated
    return Principal(kind="api_key", subject_id=key.id, agency_id=key.agency_id,
                     panel_roles={p: _REFERRER for p in key.panel_ids},
                     scopes=frozenset(Scope(s) for s in key.scopes)), key.marked_used
