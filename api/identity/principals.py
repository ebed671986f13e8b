"""Turns presented credentials (an access token or an API key) into a Principal, or refuses."""

import uuid

from sqlalchemy.orm import Session

from api.config import Settings
from api.db import utcnow
from api.identity import api_keys, repository
from api.identity.models import LoginSession, User
from api.security import tokens
from api.security.principal import Principal, Role, Scope

_REFERRER = frozenset({Role.referrer})


class NotAuthenticated(Exception):
    """The credentials are missing, invalid, expired or revoked."""


def user_principal(session: Session, user: User) -> Principal:
    return Principal(kind="user", subject_id=user.id, agency_id=user.agency_id,
                     panel_roles=repository.panel_roles_of(session, user.id),
                     is_administrator=user.is_administrator)


def from_access_token(session: Session, settings: Settings,
                      token: str) -> tuple[Principal, uuid.UUID]:
    """Valid signature and claims, an active user, the same token_version, a live login."""
    try:
        claims = tokens.decode_access_token(settings, token)
    except tokens.InvalidToken as exc:
        raise NotAuthenticated from exc
    user = session.get(User, claims.user_id)
    login = session.get(LoginSession, claims.session_id)
    if user is None or not user.is_active or user.token_version != claims.token_version:
        raise NotAuthenticated
    if login is None or login.user_id != user.id or login.revoked_at is not None:
        raise NotAuthenticated
    if login.expires_at <= utcnow():
        raise NotAuthenticated
    return user_principal(session, user), login.id


def from_api_key(session: Session, presented: str) -> tuple[Principal, bool]:
    """A partner system: referrer on every panel its agency belongs to, within its scopes; and
    whether its last use was written (to be committed)."""
    key = api_keys.find_valid(session, presented)
    if key is None:
        raise NotAuthenticated
    return Principal(kind="api_key", subject_id=key.id, agency_id=key.agency_id,
                     panel_roles={p: _REFERRER for p in key.panel_ids},
                     scopes=frozenset(Scope(s) for s in key.scopes)), key.marked_used
