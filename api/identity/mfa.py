"""Multi-factor authentication: TOTP (RFC 6238, through pyotp) and one-time recovery codes.

Enrolment is two steps: `start` makes a secret (shown once, with its otpauth URI) that is only
pending until `confirm` receives a valid code from it; confirming returns ten recovery codes,
shown once and stored as keyed hashes. A code is good once: the time step of the last accepted
code is kept, and a code of that step or an earlier one is refused. Wrong codes slow down like
wrong passwords (per user, api/identity/throttle.py). Services never commit; routes do.
"""

import hmac
import secrets
import uuid
from datetime import datetime, timedelta

import pyotp
from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from api.config import Settings
from api.db import utcnow
from api.identity import repository, throttle
from api.identity.models import MfaRecoveryCode, User, UserMfa
from api.panels.models import Panel
from api.security import tokens
from api.security.principal import Role

RECOVERY_CODES = 10
# Codes one step either side of now are accepted: clocks of phones drift.
_DRIFT_STEPS = 1
# Every panel role but analyst reads personal data (analysts see aggregates only).
PERSON_DATA_ROLES = frozenset(Role) - {Role.analyst, Role.administrator}


class AlreadyEnrolled(Exception):
    """MFA is on already: an administrator resets it before anyone enrols again."""


class NotEnrolling(Exception):
    """No enrolment was started, so there is nothing to confirm."""


class WrongCode(Exception):
    """The code is not valid now, or was used already."""


def enrolled(session: Session, user_id: uuid.UUID) -> bool:
    return session.scalar(select(exists().where(
        UserMfa.user_id == user_id, UserMfa.enabled_at.is_not(None)))) or False


def required_for(session: Session, settings: Settings, user: User) -> bool:
    """For administrators and those who read personal data: by deployment setting, or for the
    latter by the setting of any panel where they do."""
    panels = [p for p, held in repository.panel_roles_of(session, user.id).items()
              if held & PERSON_DATA_ROLES]
    if not (user.is_administrator or panels):
        return False
    if settings.mfa_required:
        return True
    return bool(panels) and bool(session.scalar(select(exists().where(
        Panel.id.in_(panels), Panel.mfa_required.is_(True)))))


def start(session: Session, settings: Settings, user: User) -> tuple[str, str]:
    """A new pending secret and its otpauth URI (for a QR code); shown only in this answer."""
    row = session.get(UserMfa, user.id, with_for_update=True)
    if row is None:
        row = UserMfa(user_id=user.id)
        session.add(row)
    if row.enabled_at is not None:
        raise AlreadyEnrolled
    row.pending_secret = pyotp.random_base32()
    uri = pyotp.TOTP(row.pending_secret).provisioning_uri(name=user.email,
                                                         issuer_name=settings.mfa_issuer)
    return row.pending_secret, uri


def confirm(session: Session, settings: Settings, user: User, code: str) -> list[str]:
    """Turns the pending secret on if `code` comes from it; returns fresh recovery codes."""
    row = session.get(UserMfa, user.id, with_for_update=True)
    if row is None or row.pending_secret is None:
        raise NotEnrolling
    step = _totp_step(row.pending_secret, code, None, utcnow())
    if step is None:
        raise WrongCode
    row.secret, row.pending_secret = row.pending_secret, None
    row.enabled_at, row.last_step = utcnow(), step
    return _new_recovery_codes(session, settings, user.id)


def verify(session: Session, settings: Settings, user: User, code: str) -> None:
    """Accepts a current TOTP code or an unused recovery code, once; throttled per user."""
    now = utcnow()
    key = tokens.keyed_hash(settings, "mfa", str(user.id))
    row = throttle.lock_row(session, key, tokens.keyed_hash(settings, "login", user.email))
    backoff = throttle.client_backoff(settings)
    throttle.refuse_until([backoff.not_before(row)], now)
    if _accept(session, settings, user.id, code.strip(), now):
        row.failures, row.last_failure_at = 0, None
        return
    row.failures += 1
    row.last_failure_at = utcnow()
    raise WrongCode


def reset(session: Session, user_id: uuid.UUID) -> None:
    """An administrator's reset (a lost phone and lost codes): the user enrols again."""
    session.execute(delete(UserMfa).where(UserMfa.user_id == user_id))
    session.execute(delete(MfaRecoveryCode).where(MfaRecoveryCode.user_id == user_id))


def _accept(session: Session, settings: Settings, user_id: uuid.UUID, code: str,
            now: datetime) -> bool:
    mfa = session.get(UserMfa, user_id, with_for_update=True)
    if mfa is None or mfa.secret is None:
        return False
    if code.isdigit() and len(code) == 6:
        step = _totp_step(mfa.secret, code, mfa.last_step, now)
        if step is not None:
            mfa.last_step = step
        return step is not None
    return _use_recovery_code(session, settings, user_id, code, now)


def _totp_step(secret: str, code: str, last_step: int | None, now: datetime) -> int | None:
    """The time step `code` belongs to (within the drift), if later than `last_step`."""
    totp = pyotp.TOTP(secret)
    for offset in range(-_DRIFT_STEPS, _DRIFT_STEPS + 1):
        moment = now + timedelta(seconds=offset * totp.interval)
        step = totp.timecode(moment)
        if (last_step is None or step > last_step) and hmac.compare_digest(
                totp.at(moment), code):
            return step
    return None


def _use_recovery_code(session: Session, settings: Settings, user_id: uuid.UUID, code: str,
                       now: datetime) -> bool:
    digest = _recovery_hash(settings, user_id, code)
    used = session.execute(update(MfaRecoveryCode).where(
        MfaRecoveryCode.user_id == user_id, MfaRecoveryCode.code_hash == digest,
        MfaRecoveryCode.used_at.is_(None)).values(used_at=now))
    return bool(getattr(used, "rowcount", 0) == 1)


def _new_recovery_codes(session: Session, settings: Settings, user_id: uuid.UUID) -> list[str]:
    session.execute(delete(MfaRecoveryCode).where(MfaRecoveryCode.user_id == user_id))
    codes = [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(RECOVERY_CODES)]
    session.add_all(MfaRecoveryCode(user_id=user_id,
                                    code_hash=_recovery_hash(settings, user_id, code))
                    for code in codes)
    return codes


def _recovery_hash(settings: Settings, user_id: uuid.UUID, code: str) -> str:
    return tokens.keyed_hash(settings, "mfa-recovery", f"{user_id}:{code.strip().lower()}")
