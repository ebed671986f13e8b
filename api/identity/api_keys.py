"""Partner API keys: `mk_<key id>_<secret>`, shown once; only sha256(secret) is stored.

A key is high-entropy random, not a password, so a fast hash is right; the id prefix finds the row
and the comparison is constant-time.
"""

import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.db import utcnow
from api.identity.models import ApiKey
from api.security.principal import Scope

PREFIX = "mk_"
# last_used_at is written at most this often per key, to keep the hot path read-only.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def issue(session: Session, *, agency_id: uuid.UUID, name: str, scopes: list[Scope],
          expires_at: datetime, created_by: uuid.UUID) -> tuple[ApiKey, str]:
    secret = secrets.token_urlsafe(32)
    key = ApiKey(id=uuid.uuid4(), agency_id=agency_id, name=name, secret_hash=_digest(secret),
                 scopes=sorted(s.value for s in set(scopes)), expires_at=expires_at,
                 created_by=created_by)
    session.add(key)
    return key, f"{PREFIX}{key.id.hex}_{secret}"


def is_api_key(token: str) -> bool:
    return token.startswith(PREFIX)


def find_valid(session: Session, presented: str) -> ApiKey | None:
    """The key if it exists, matches, is not revoked and has not expired; else None."""
    try:
        _, key_hex, secret = presented.split("_", 2)
        key_id = uuid.UUID(hex=key_hex)
    except ValueError:
        return None
    key = session.get(ApiKey, key_id)
    if key is None or not hmac.compare_digest(key.secret_hash, _digest(secret)):
        return None
    now = utcnow()
    if key.revoked_at is not None or key.expires_at <= now:
        return None
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_GRANULARITY:
        key.last_used_at = now
    return key


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
