"""Failed logins slow down, and never lock: per identity and client, and looser per identity.

Two counts are kept for every attempt, checked before any hashing, for known and unknown
identities alike (so throttling never tells whether an account exists):
- per (identity, client address): from the `login_delay_after_failures`th consecutive failure
  on, the next attempt from that client waits 2^(failures - that) seconds after the last one, up
  to `login_max_delay_seconds`;
- per identity, over every client: the same from the `login_identity_delay_after_failures`th
  failure on, capped at `login_identity_max_delay_seconds` (short: it slows a distributed guess
  without keeping the account's owner out). A client that logged in as this identity within
  `login_known_client_days` is exempt from it, so an attacker elsewhere cannot keep a
  coordinator out of their usual office at all.
There is no hard lock an outsider can trigger; an administrator can clear both counts (unlock).
Early attempts are refused at once with 429 and Retry-After, so no server thread ever sleeps.
Rows are locked for the attempt, so parallel guesses queue behind one another instead of all
slipping past the check; the pair's row is always locked before the identity's (no deadlock).
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from api.config import Settings
from api.identity.models import LoginThrottle


class LoginThrottled(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Backoff:
    after_failures: int
    cap_seconds: int

    def not_before(self, row: LoginThrottle) -> datetime | None:
        """When the next attempt may come; None when it need not wait."""
        excess = row.failures - self.after_failures
        if excess < 0 or row.last_failure_at is None:
            return None
        delay = min(2 ** min(excess, 20), self.cap_seconds)
        return row.last_failure_at + timedelta(seconds=delay)


def client_backoff(settings: Settings) -> Backoff:
    return Backoff(settings.login_delay_after_failures, settings.login_max_delay_seconds)


def identity_backoff(settings: Settings) -> Backoff:
    return Backoff(settings.login_identity_delay_after_failures,
                   settings.login_identity_max_delay_seconds)


@dataclass(frozen=True)
class Attempt:
    """The locked counts of one attempt: this client's for the identity, and the identity's."""

    pair: LoginThrottle
    identity: LoginThrottle


def check(session: Session, settings: Settings, identity: str, pair_key: str,
          now: datetime) -> Attempt:
    """Locks both counts (creating them) and raises LoginThrottled if this attempt must wait."""
    pair = lock_row(session, pair_key, identity)
    wide = lock_row(session, identity, identity)
    moments = [client_backoff(settings).not_before(pair)]
    if not _known_client(pair, settings, now):
        moments.append(identity_backoff(settings).not_before(wide))
    refuse_until(moments, now)
    return Attempt(pair, wide)


def refuse_until(moments: list[datetime | None], now: datetime) -> None:
    wait = max(((m - now).total_seconds() for m in moments if m is not None), default=0.0)
    if wait > 0:
        raise LoginThrottled(max(1, math.ceil(wait)))


def _known_client(pair: LoginThrottle, settings: Settings, now: datetime) -> bool:
    since = now - timedelta(days=settings.login_known_client_days)
    return pair.last_success_at is not None and pair.last_success_at > since


def lock_row(session: Session, key: str, identity: str) -> LoginThrottle:
    """The key's row, made if missing and locked until the transaction ends. Housekeeping
    may delete a quiet row between the insert and the lock: then it is made again, and a row
    with no failure and no success yet is one housekeeping leaves alone."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    make = dialect.insert(LoginThrottle).values(key_hash=key, identity_hash=identity,
                                                failures=0).on_conflict_do_nothing()
    lock = select(LoginThrottle).where(LoginThrottle.key_hash == key) \
        .with_for_update().execution_options(populate_existing=True)
    while True:
        session.execute(make)
        row = session.scalars(lock).one_or_none()
        if row is not None:
            return row


def record_failure(attempt: Attempt, settings: Settings, now: datetime) -> datetime | None:
    """Counts a failure on both; returns until when unknown clients must now wait, if at all."""
    for row in (attempt.pair, attempt.identity):
        row.failures += 1
        row.last_failure_at = now
    return identity_backoff(settings).not_before(attempt.identity)


def record_success(attempt: Attempt, now: datetime) -> None:
    """Forgets the failures; remembers that this client logged in as this identity."""
    for row in (attempt.pair, attempt.identity):
        row.failures, row.last_failure_at = 0, None
    attempt.pair.last_success_at = now


def unlock(session: Session, identity: str) -> int:
    """An administrator's unlock: every count of the identity, from every client, goes."""
    result = session.execute(delete(LoginThrottle).where(LoginThrottle.identity_hash == identity))
    return int(getattr(result, "rowcount", 0) or 0)


def forget_quiet(session: Session, settings: Settings, now: datetime) -> int:
    """Deletes counts with no failure for `login_throttle_forget_hours` and no success for
    `login_known_client_days`; a row with neither yet belongs to a login in progress."""
    quiet_since = now - timedelta(hours=settings.login_throttle_forget_hours)
    known_since = now - timedelta(days=settings.login_known_client_days)
    failure, success = LoginThrottle.last_failure_at, LoginThrottle.last_success_at
    result = session.execute(delete(LoginThrottle).where(
        or_(failure.is_(None), failure < quiet_since),
        or_(success.is_(None), success < known_since),
        or_(failure.is_not(None), success.is_not(None))))
    return int(getattr(result, "rowcount", 0) or 0)
