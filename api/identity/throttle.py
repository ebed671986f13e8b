"""Failed logins slow down, then lock: per identity, known or not, checked before any hashing.

From the `login_delay_after_failures`th consecutive failure on, the next attempt must wait
2^(failures - that) seconds after the last one; the `login_lockout_failures`th locks the identity
for `login_lockout_minutes`. Early attempts are refused at once with 429 and Retry-After, so no
server thread ever sleeps. The row is locked for the attempt, so parallel guesses queue behind
one another instead of all slipping past the check.
"""

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from api.config import Settings
from api.identity.models import LoginThrottle


class LoginThrottled(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def check(session: Session, settings: Settings, identity: str, now: datetime) -> LoginThrottle:
    """Locks the identity's row (creating it) and raises LoginThrottled if it must wait."""
    row = _lock_row(session, identity)
    wait = max((moment - now).total_seconds() for moment in _not_before(row, settings))
    if wait > 0:
        raise LoginThrottled(max(1, math.ceil(wait)))
    return row


def _lock_row(session: Session, identity: str) -> LoginThrottle:
    """The identity's row, made if missing and locked until the transaction ends. Housekeeping
    may delete a quiet row between the insert and the lock: then it is made again, and a row
    with no failure yet is one housekeeping leaves alone."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    make = dialect.insert(LoginThrottle).values(identity_hash=identity, failures=0) \
        .on_conflict_do_nothing()
    lock = select(LoginThrottle).where(LoginThrottle.identity_hash == identity) \
        .with_for_update().execution_options(populate_existing=True)
    while True:
        session.execute(make)
        row = session.scalars(lock).one_or_none()
        if row is not None:
            return row


def _not_before(row: LoginThrottle, settings: Settings) -> list[datetime]:
    """The moments before which the next attempt is refused (past ones refuse nothing)."""
    moments = [row.locked_until] if row.locked_until is not None else []
    excess = row.failures - settings.login_delay_after_failures
    if excess >= 0 and row.last_failure_at is not None:
        delay = min(2 ** min(excess, 20), settings.login_lockout_minutes * 60)
        moments.append(row.last_failure_at + timedelta(seconds=delay))
    return moments or [datetime.min.replace(tzinfo=UTC)]


def record_failure(row: LoginThrottle, settings: Settings, now: datetime) -> datetime | None:
    """Counts a failure; returns the end of the lockout when this failure starts one."""
    row.failures += 1
    row.last_failure_at = now
    if row.failures < settings.login_lockout_failures:
        return None
    row.failures, row.locked_until = 0, now + timedelta(minutes=settings.login_lockout_minutes)
    return row.locked_until


def clear(session: Session, identity: str) -> None:
    session.execute(delete(LoginThrottle).where(LoginThrottle.identity_hash == identity))


def forget_quiet(session: Session, settings: Settings, now: datetime) -> int:
    """Deletes the counts of identities with no failure for `login_throttle_forget_hours` and
    no lockout running; a row without a failure yet belongs to a login in progress."""
    quiet_since = now - timedelta(hours=settings.login_throttle_forget_hours)
    result = session.execute(delete(LoginThrottle).where(
        LoginThrottle.last_failure_at < quiet_since,
        or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until < now)))
    return int(getattr(result, "rowcount", 0) or 0)
