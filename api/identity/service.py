"""Login, refresh-token rotation and logout. Services never commit; routes do."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from api.config import Settings
from api.db import utcnow
from api.identity import mfa, repository, throttle
from api.identity.models import LoginSession, RefreshToken, User
from api.security import passwords, tokens


class LoginRefused(Exception):
    """Wrong email, wrong password or disabled: deliberately indistinguishable."""


class RefreshRefused(Exception):
    """Unknown, used, expired or revoked refresh token."""


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    expires_in: int
    refresh_token: str
    user: User
    session_id: uuid.UUID


def authenticate(session: Session, settings: Settings, identity: str, pair_key: str,
                 email: str, password: str) -> User:
    """Throttled per identity and client first (raises throttle.LoginThrottled); then one argon2
    verify on every path, so timing does not tell whether the account exists.

    The verify runs outside any transaction: the throttle's row lock is on SQLite the whole
    database's write lock, and held through a slow hash it stalled every other request. So the
    throttle is checked (a throttled identity costs no hash), the lock let go, the password
    hashed, and then the rows locked again, briefly, to check and count the attempt."""
    throttle.check(session, settings, identity, pair_key, utcnow())
    known = repository.user_by_email(session, email)
    stored_hash = known.password_hash if known else None
    session.rollback()  # no lock held while hashing
    valid = passwords.verify_password(password, stored_hash)
    now = utcnow()
    attempt = throttle.check(session, settings, identity, pair_key, now)
    user = repository.user_by_email(session, email)
    if user is not None and user.password_hash != stored_hash:
        valid = False  # the password changed while this one was hashed
    if user is None or not valid or not user.is_active:
        # From the end of this attempt: a slow hash must not eat into the delay.
        waits_until = throttle.record_failure(attempt, settings, utcnow())
        if user is not None:  # mirrored on the account, where administrators see it
            user.failed_logins, user.locked_until = attempt.identity.failures, waits_until
        raise LoginRefused
    throttle.record_success(attempt, now)
    user.failed_logins, user.locked_until = 0, None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user


def start_login(session: Session, settings: Settings, user: User) -> TokenPair:
    login = LoginSession(user_id=user.id,
                         expires_at=utcnow() + timedelta(days=settings.refresh_token_days))
    session.add(login)
    session.flush()
    return _issue(session, settings, user, login)


def rotate(session: Session, settings: Settings, presented: str) -> TokenPair:
    """One-time use: a refresh token presented twice revokes its whole login (family)."""
    now = utcnow()
    stored = repository.refresh_token_by_hash(session, _digest(presented))
    if stored is None:
        raise RefreshRefused
    login = session.get(LoginSession, stored.session_id)
    user = session.get(User, login.user_id) if login else None
    if login is None or user is None:
        raise RefreshRefused
    if stored.used_at is not None or not repository.mark_refresh_used(session, stored.id, now):
        repository.revoke_login(session, login.id, now)
        raise RefreshRefused
    if login.revoked_at is not None or login.expires_at <= now or not user.is_active:
        raise RefreshRefused
    if mfa.required_for(session, settings, user) and not mfa.enrolled(session, user.id):
        raise RefreshRefused  # MFA became required: the next login enrols
    return _issue(session, settings, user, login)


def end_login(session: Session, login_id: uuid.UUID) -> None:
    repository.revoke_login(session, login_id, utcnow())


def change_password(session: Session, user: User, new_password: str,
                    keep_login: uuid.UUID | None) -> None:
    """Sets the new password and ends every other login of the user (their refresh tokens
    stop working with them); the caller's own login goes on."""
    user.password_hash = passwords.hash_password(new_password)
    end_logins(session, user.id, keep_login)


def end_logins(session: Session, user_id: uuid.UUID, keep: uuid.UUID | None = None) -> None:
    """Ends every login of the user but `keep`: their access and refresh tokens stop working."""
    now = utcnow()
    for login_id in repository.live_logins(session, user_id):
        if login_id != keep:
            repository.revoke_login(session, login_id, now)


def _issue(session: Session, settings: Settings, user: User, login: LoginSession) -> TokenPair:
    refresh = secrets.token_urlsafe(32)
    session.add(RefreshToken(session_id=login.id, token_hash=_digest(refresh)))
    access, expires_in = tokens.issue_access_token(settings, user.id, login.id,
                                                   user.token_version)
    return TokenPair(access, expires_in, refresh, user, login.id)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
