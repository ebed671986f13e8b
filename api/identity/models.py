"""Users and panel roles, login sessions and refresh tokens, partner API keys.

`administrator` is a deployment-wide flag on the user (`is_administrator`), never a panel role:
administrators manage users and keys; they see cases only through panel roles they also hold.
"""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, new_id, utcnow
from api.security.principal import Role


class User(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_administrator: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who the user is, so that no circulation reaches a perpetrator on a case (api/people/
    # perpetrators.py): optional, set by an administrator.
    given_names: Mapped[str | None] = mapped_column(String(200), default=None)
    family_name: Mapped[str | None] = mapped_column(String(200), default=None)
    date_of_birth: Mapped[date | None] = mapped_column(Date, default=None)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # May approve or refuse its agency's decisions to share without consent (a manager).
    is_sharing_approver: Mapped[bool] = mapped_column(Boolean, default=False,
                                                      server_default=false())
    # Mirrors of the identity's login throttle (api/identity/throttle.py), for administrators:
    # failures over every client, and until when unknown clients must wait. Neither locks.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    # Bumped whenever roles, the administrator flag or is_active change: older tokens stop working.
    token_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class PanelRole(Base):
    """A user's role on one panel; a user may hold several roles on several panels."""

    __tablename__ = "panel_roles"
    __table_args__ = (UniqueConstraint("user_id", "panel_id", "role"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                               index=True)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"),
                                                index=True)
    role: Mapped[Role] = mapped_column(Enum(Role, name="panel_role", native_enum=False,
                                            length=32, validate_strings=True))


class LoginSession(Base):
    """One login: the family of refresh tokens it rotates through. Revoking it ends the login."""

    __tablename__ = "login_sessions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                               index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class RefreshToken(Base):
    """A one-time refresh token, stored as its sha256; presenting a used one revokes the login."""

    __tablename__ = "refresh_tokens"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("login_sessions.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(default=None)


class ApiKey(Base):
    """A partner system's key, per agency; only the sha256 of its secret part is kept."""

    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(JSON)
    created_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)


class LoginThrottle(Base):
    """Consecutive failed logins under one key: a keyed hash of (email, client address), or of
    the email alone (then key_hash = identity_hash); never the email or the address. Kept for
    unknown identities too, so throttling never tells whether an account exists."""

    __tablename__ = "login_throttles"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The email's keyed hash: an administrator's unlock clears every key of the identity.
    identity_hash: Mapped[str] = mapped_column(String(64), index=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(default=None)
    # (email, client) keys: when this client last logged in as this identity.
    last_success_at: Mapped[datetime | None] = mapped_column(default=None)


class UserRoleChange(Base):
    """A change of a user's panel roles or flags, before and after: ids and role names only,
    never personal data. Written in the same transaction as the change and its audit entry."""

    __tablename__ = "user_role_changes"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                               index=True)
    changed_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)


class UserMfa(Base):
    """A user's TOTP: the secret being enrolled until a code confirms it, then the live one.
    `last_step` is the time step of the last code accepted: a code is good once."""

    __tablename__ = "user_mfa"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                               primary_key=True)
    pending_secret: Mapped[str | None] = mapped_column(String(64), default=None)
    secret: Mapped[str | None] = mapped_column(String(64), default=None)
    enabled_at: Mapped[datetime | None] = mapped_column(default=None)
    last_step: Mapped[int | None] = mapped_column(BigInteger, default=None)


class MfaRecoveryCode(Base):
    """A one-time recovery code, stored as a keyed hash; shown once, at enrolment."""

    __tablename__ = "mfa_recovery_codes"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                               index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(default=None)
