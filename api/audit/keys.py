"""The audit chain's key: entries are HMAC-SHA256'd with a secret the database does not hold.

MARAC_AUDIT_KEY (at least 32 random bytes, from a secret store) keys every new entry, so someone
who can rewrite the audit tables but cannot read the key cannot recompute a lane after changing
it. Each entry stores the id of the key that made it (a digest of the key, which reveals nothing
of it); to rotate, move the old key to MARAC_AUDIT_RETIRED_KEYS, which verify still accepts for
the entries it made, and set a new MARAC_AUDIT_KEY.

The app binds its keyring to its engine at start-up (`install`); an append finds the key from
the connection it writes on, so every caller of the chain keys its entries without passing it.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from pydantic import SecretStr
from sqlalchemy import Engine

from api.config import Settings

MIN_KEY_BYTES = 32
_BOUND: "WeakKeyDictionary[Engine, Keyring]" = WeakKeyDictionary()


class MissingAuditKey(RuntimeError):
    """No audit key of at least 32 bytes is configured (MARAC_AUDIT_KEY)."""


@dataclass(frozen=True)
class AuditKey:
    key_id: str
    secret: bytes = field(repr=False)


@dataclass(frozen=True)
class Keyring:
    """The key new entries are made with, and the retired ones older entries were made with."""

    current: AuditKey
    retired: tuple[AuditKey, ...] = ()

    def find(self, key_id: str) -> AuditKey | None:
        return next((k for k in (self.current, *self.retired) if k.key_id == key_id), None)


def audit_key(secret: str) -> AuditKey:
    raw = secret.encode()
    if len(raw) < MIN_KEY_BYTES:
        raise MissingAuditKey("MARAC_AUDIT_KEY must hold at least 32 random bytes")
    return AuditKey(hashlib.sha256(b"marac-audit-key-id:" + raw).hexdigest()[:16], raw)


def keyring(settings: Settings, *, ephemeral_in_tests: bool = False) -> Keyring:
    """The configured keys; refuses to work without a strong current key. Tests that configure
    none (`ephemeral_in_tests`) get a random one that lives as long as their app."""
    if settings.audit_key is None and ephemeral_in_tests and settings.environment == "test":
        return Keyring(audit_key(secrets.token_urlsafe(48)))
    if settings.jwt_secret is not None and settings.audit_key == settings.jwt_secret:
        raise MissingAuditKey("MARAC_AUDIT_KEY must differ from MARAC_JWT_SECRET")
    return Keyring(_key(settings.audit_key),
                   tuple(_key(secret) for secret in settings.audit_retired_keys))


def _key(secret: SecretStr | None) -> AuditKey:
    return audit_key(secret.get_secret_value() if secret is not None else "")


def bind(engine: Engine, ring: Keyring) -> Keyring:
    """Entries appended through `engine` are keyed with `ring.current` from now on."""
    _BOUND[engine] = ring
    return ring


def install(engine: Engine, settings: Settings) -> Keyring:
    """Binds the app's keyring to its engine; refuses to start without a key (except in tests)."""
    return bind(engine, keyring(settings, ephemeral_in_tests=True))


def bound(engine: Engine) -> Keyring:
    ring = _BOUND.get(engine)
    if ring is None:
        raise MissingAuditKey("no audit key is bound to this engine (api.audit.keys.install)")
    return ring
