"""Queries for users, panel roles, login sessions, refresh tokens and API keys."""

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.identity.models import ApiKey, LoginSession, PanelRole, RefreshToken, User
from api.security.principal import Role

Row = TypeVar("Row", User, ApiKey)


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def panel_roles_of(session: Session, user_id: uuid.UUID) -> dict[uuid.UUID, frozenset[Role]]:
    return roles_by_panel(session.execute(select(PanelRole.panel_id, PanelRole.role)
                                          .where(PanelRole.user_id == user_id)).tuples())


def roles_by_panel(rows: Iterable[tuple[uuid.UUID | None, str | None]],
                   ) -> dict[uuid.UUID, frozenset[Role]]:
    """(panel, role) rows as each panel's roles; rows without a panel (an outer join that found
    no role) are passed over."""
    held: dict[uuid.UUID, set[Role]] = {}
    for panel_id, role in rows:
        if panel_id is not None and role is not None:
            held.setdefault(panel_id, set()).add(Role(role))
    return {panel_id: frozenset(roles) for panel_id, roles in held.items()}


def replace_panel_roles(session: Session, user_id: uuid.UUID,
                        roles: list[tuple[uuid.UUID, Role]]) -> None:
    for existing in session.scalars(select(PanelRole).where(PanelRole.user_id == user_id)):
        session.delete(existing)
    session.flush()
    session.add_all(PanelRole(user_id=user_id, panel_id=p, role=r) for p, r in set(roles))


def users_page(session: Session, after: uuid.UUID | None, limit: int,
               agency_id: uuid.UUID | None) -> list[User]:
    return _page(session, User, after, limit, agency_id)


def _page(session: Session, model: type[Row], after: uuid.UUID | None, limit: int,
          agency_id: uuid.UUID | None) -> list[Row]:
    """A keyset page ordered by id, optionally one agency's rows only."""
    query = select(model).order_by(model.id).limit(limit)
    if after is not None:
        query = query.where(model.id > after)
    if agency_id is not None:
        query = query.where(model.agency_id == agency_id)
    return list(session.scalars(query))


def refresh_token_by_hash(session: Session, token_hash: str) -> RefreshToken | None:
    return session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_hash))


def mark_refresh_used(session: Session, token_id: uuid.UUID, now: datetime) -> bool:
    """Marks a refresh token used; False when another request used it first (a race or reuse)."""
    result = session.execute(update(RefreshToken)
                             .where(RefreshToken.id == token_id, RefreshToken.used_at.is_(None))
                             .values(used_at=now))
    return bool(getattr(result, "rowcount", 0) == 1)


def revoke_login(session: Session, session_id: uuid.UUID, now: datetime) -> None:
    session.execute(update(LoginSession)
                    .where(LoginSession.id == session_id, LoginSession.revoked_at.is_(None))
                    .values(revoked_at=now))


def live_logins(session: Session, user_id: uuid.UUID) -> list[uuid.UUID]:
    return list(session.scalars(select(LoginSession.id).where(
        LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None))))


def api_keys_page(session: Session, after: uuid.UUID | None, limit: int,
                  agency_id: uuid.UUID | None) -> list[ApiKey]:
    return _page(session, ApiKey, after, limit, agency_id)
