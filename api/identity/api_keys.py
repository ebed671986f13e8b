"""Partner API keys: `mk_<key id>_<secret>`, shown once; only sha256(secret) is stored.

A key is high-entropy random, not a password, so a fast hash is right; the id prefix finds the row
and the comparison is constant-time.
"""

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from api.db import table_of, utcnow
from api.identity.models import ApiKey
from api.panels.models import PanelAgency
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


@dataclass(frozen=True)
class ValidKey:
    id: uuid.UUID
    agency_id: uuid.UUID
    scopes: list[str]
    panel_ids: list[uuid.UUID]  # the panels its agency belongs to
    marked_used: bool  # last_used_at was moved: the caller commits


# The key and its agency's panels in one round trip: this runs on every partner request.
_KEY_AND_PANELS = select(
    ApiKey.id, ApiKey.agency_id, ApiKey.secret_hash, ApiKey.scopes, ApiKey.revoked_at,
    ApiKey.expires_at, ApiKey.last_used_at, PanelAgency.panel_id,
).outerjoin(PanelAgency, PanelAgency.agency_id == ApiKey.agency_id).where(
    ApiKey.id == bindparam("key_id"))


_MARK_USED = update(table_of(ApiKey)).where(table_of(ApiKey).c.id == bindparam("key_id"))


def find_valid(session: Session, presented: str, *, mark_used: bool = True) -> ValidKey | None:
    """The key if it exists, matches, is not revoked and has not expired; else None. Marks it
    used (at most once a minute, so the hot path stays read-only; the caller commits) unless
    told not to (naming the caller of a refused request in the audit trail writes nothing)."""
    try:
        _, key_hex, secret = presented.split("_", 2)
        key_id = uuid.UUID(hex=key_hex)
    except ValueError:
        return None
    rows = session.connection().execute(_KEY_AND_PANELS, {"key_id": key_id}).all()
    if not rows or not hmac.compare_digest(rows[0].secret_hash, _digest(secret)):
        return None
    key, now = rows[0], utcnow()
    if key.revoked_at is not None or key.expires_at <= now:
        return None
    stale = mark_used and (key.last_used_at is None
                           or now - key.last_used_at > LAST_USED_GRANULARITY)
    if stale:
        session.connection().execute(_MARK_USED, {"key_id": key.id, "last_used_at": now})
    return ValidKey(key.id, key.agency_id, list(key.scopes),
                    [row.panel_id for row in rows if row.panel_id is not None], stale)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
