"""Access tokens: the one module that touches python-jose. HS256 only, every claim required.

Access tokens are short-lived and stateless to verify, but each carries the user's
`token_version` and login-session id (`sid`), which the principal dependency checks against the
database on every request: logout, disabling a user or changing their roles refuses older tokens
at once.

A verified access token's claims are kept in a bounded cache keyed by the exact token string
(and the settings it was verified under), so its signature and claims are checked once, not on
every request; `exp` is still checked on every use. The cache holds only what the token itself
says: whether its login, user and version are still good is asked of the database every time.
"""

import hashlib
import hmac
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta

from jose import JWTError, jwt

from api.config import Settings
from api.db import utcnow

ALGORITHM = "HS256"
MIN_SECRET_BYTES = 32
# Clocks of this service's workers may differ a little; an `iat` further in the future than
# this, or a lifetime (exp - iat) longer than the configured one by more, is not ours.
CLOCK_LEEWAY_SECONDS = 30
REQUIRED_CLAIMS = ("exp", "iat", "sub", "aud", "iss", "jti")
_DECODE_OPTIONS = {f"require_{claim}": True for claim in REQUIRED_CLAIMS} | {"leeway": 0}


class InvalidToken(Exception):
    """The token is malformed, forged, expired or meant for someone else."""


class MissingSecret(RuntimeError):
    """No signing secret of at least 32 bytes is configured (MARAC_JWT_SECRET)."""


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID
    token_version: int
    jti: str


def signing_secret(settings: Settings) -> str:
    """The HS256 secret; refuses to work without a strong one from the environment."""
    secret = settings.jwt_secret.get_secret_value() if settings.jwt_secret else ""
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise MissingSecret("MARAC_JWT_SECRET must hold at least 32 random bytes")
    return secret


def issue_access_token(settings: Settings, user_id: uuid.UUID, session_id: uuid.UUID,
                       token_version: int) -> tuple[str, int]:
    """A signed access token and its lifetime in seconds."""
    now = utcnow()
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims = {
        "sub": str(user_id), "sid": str(session_id), "ver": token_version,
        "iss": settings.jwt_issuer, "aud": settings.jwt_audience,
        "iat": int(now.timestamp()), "exp": int((now + lifetime).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    token = jwt.encode(claims, signing_secret(settings), algorithm=ALGORITHM)
    return token, int(lifetime.total_seconds())


VERIFIED_CACHE_SIZE = 4096
# (token, secret, audience, issuer, lifetime) -> (claims, exp): a token verified under other
# settings (another secret, say) is verified afresh.
_VERIFIED: OrderedDict[tuple[str, str, str, str, int], tuple[AccessClaims, int]] = OrderedDict()
_VERIFIED_LOCK = threading.Lock()


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    """Verifies signature, algorithm, expiry, audience and issuer; all claims must be present.
    A token already verified skips the signature check, never the expiry."""
    secret = signing_secret(settings)
    key = (token, secret, settings.jwt_audience, settings.jwt_issuer,
           settings.access_token_minutes)
    with _VERIFIED_LOCK:
        cached = _VERIFIED.get(key)
        if cached is not None:
            _VERIFIED.move_to_end(key)
    if cached is not None:
        claims, expires = cached
        if expires < int(utcnow().timestamp()):  # python-jose's rule, without leeway
            forget_verified(token)
            raise InvalidToken("expired")
        return claims
    verified, expires = _verify(settings, secret, token)
    with _VERIFIED_LOCK:
        _VERIFIED[key] = (verified, expires)
        while len(_VERIFIED) > VERIFIED_CACHE_SIZE:
            _VERIFIED.popitem(last=False)
    return verified


def _verify(settings: Settings, secret: str, token: str) -> tuple[AccessClaims, int]:
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], audience=settings.jwt_audience,
                            issuer=settings.jwt_issuer, options=_DECODE_OPTIONS)
        check_lifetime(claims, settings.access_token_minutes * 60)
        return AccessClaims(user_id=uuid.UUID(claims["sub"]),
                            session_id=uuid.UUID(claims["sid"]),
                            token_version=int(claims["ver"]),
                            jti=str(claims["jti"])), int(claims["exp"])
    except (JWTError, KeyError, ValueError, TypeError) as exc:
        raise InvalidToken from exc


def forget_verified(token: str) -> None:
    """Drops the token's cached claims (all settings)."""
    with _VERIFIED_LOCK:
        for key in [k for k in _VERIFIED if k[0] == token]:
            del _VERIFIED[key]


@dataclass(frozen=True)
class MfaClaims:
    user_id: uuid.UUID
    token_version: int
    purpose: str  # "verify": the password was right, a code is next; "enrol": enrol first


MFA_PURPOSES = ("verify", "enrol")


def _mfa_audience(settings: Settings) -> str:
    """Its own audience: an MFA token is never accepted where an access token is expected."""
    return f"{settings.jwt_audience}:mfa"


def issue_mfa_token(settings: Settings, user_id: uuid.UUID, token_version: int,
                    purpose: str) -> tuple[str, int]:
    """A short-lived token proving the password step of one login, and its lifetime."""
    now = utcnow()
    lifetime = timedelta(minutes=settings.mfa_token_minutes)
    claims = {
        "sub": str(user_id), "ver": token_version, "mfa": purpose,
        "iss": settings.jwt_issuer, "aud": _mfa_audience(settings),
        "iat": int(now.timestamp()), "exp": int((now + lifetime).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    return (jwt.encode(claims, signing_secret(settings), algorithm=ALGORITHM),
            int(lifetime.total_seconds()))


def decode_mfa_token(settings: Settings, token: str) -> MfaClaims:
    try:
        claims = jwt.decode(token, signing_secret(settings), algorithms=[ALGORITHM],
                            audience=_mfa_audience(settings), issuer=settings.jwt_issuer,
                            options=_DECODE_OPTIONS)
        check_lifetime(claims, settings.mfa_token_minutes * 60)
        if claims["mfa"] not in MFA_PURPOSES:
            raise InvalidToken("unknown purpose")
        return MfaClaims(uuid.UUID(claims["sub"]), int(claims["ver"]), str(claims["mfa"]))
    except (JWTError, KeyError, ValueError, TypeError) as exc:
        raise InvalidToken from exc


def check_lifetime(claims: dict[str, object], lifetime_seconds: int) -> None:
    """A token issued in the future, or living longer than we issue them, is refused: a leaked
    secret or a forged clock must not mint tokens that outlive the configured lifetime."""
    issued, expires = int(claims["iat"]), int(claims["exp"])  # type: ignore[call-overload]
    if issued > int(utcnow().timestamp()) + CLOCK_LEEWAY_SECONDS:
        raise InvalidToken("issued in the future")
    if expires - issued > lifetime_seconds + CLOCK_LEEWAY_SECONDS:
        raise InvalidToken("lifetime longer than configured")


def keyed_hash(settings: Settings, purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` under a key derived from the secret: correlates, never reveals."""
    key = hashlib.sha256(f"marac:{purpose}:".encode() + signing_secret(settings).encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
