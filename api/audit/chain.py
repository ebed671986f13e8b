"""The hash chain: each entry's hash is sha256(previous hash || canonical fields).

Appends are serialised (a PostgreSQL transaction-level advisory lock, which also covers several
processes; a process lock on SQLite, whose writers are serialised anyway), so the chain never
forks. Changing, inserting or deleting an entry breaks every later link, which `verify` finds.
"""

import hashlib
import json
import threading
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, insert, select, text

from api.audit.models import GENESIS_HASH, AuditEntry

# An arbitrary, fixed key naming "the audit chain head" among PostgreSQL advisory locks.
ADVISORY_LOCK_KEY = 0x4D41524143  # "MARAC"
_SQLITE_LOCK = threading.Lock()


@dataclass(frozen=True)
class AuditRecord:
    occurred_at: datetime
    request_id: str | None
    actor_kind: str | None
    actor_id: uuid.UUID | None
    agency_id: uuid.UUID | None
    roles: str
    action: str
    method: str
    route: str
    resource_type: str | None
    resource_id: str | None
    status: int
    outcome: str
    subject_hash: str | None


def canonical(record: AuditRecord) -> bytes:
    """A stable serialisation of the fields the hash covers."""
    fields = asdict(record)
    fields["occurred_at"] = record.occurred_at.isoformat(timespec="microseconds")
    for name in ("actor_id", "agency_id"):
        fields[name] = str(fields[name]) if fields[name] is not None else None
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(prev_hash: str, record: AuditRecord) -> str:
    return hashlib.sha256(prev_hash.encode() + b"|" + canonical(record)).hexdigest()


def append(engine: Engine, record: AuditRecord) -> None:
    """Appends one entry in its own short transaction, committed before this returns."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            _append(conn, record)
        return
    with _SQLITE_LOCK, engine.begin() as conn:
        _append(conn, record)


def _append(conn: Connection, record: AuditRecord) -> None:
    head = select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    prev_hash = conn.scalar(head) or GENESIS_HASH
    conn.execute(insert(AuditEntry).values(
        **asdict(record), prev_hash=prev_hash, hash=entry_hash(prev_hash, record)))


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_seq: int | None = None
    reason: str | None = None

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None


def record_of(entry: AuditEntry) -> AuditRecord:
    return AuditRecord(**{name: getattr(entry, name) for name in AuditRecord.__dataclass_fields__})


def verify_entries(entries: Iterable[AuditEntry]) -> ChainReport:
    """Walks the chain in order; names the first entry whose link or hash does not hold."""
    prev_hash = GENESIS_HASH
    checked = 0
    for entry in entries:
        if entry.prev_hash != prev_hash:
            return ChainReport(checked, entry.seq, "does not link to the entry before it "
                               "(an entry was deleted, inserted or re-ordered)")
        if entry.hash != entry_hash(prev_hash, record_of(entry)):
            return ChainReport(checked, entry.seq, "its fields do not match its hash (altered)")
        prev_hash = entry.hash
        checked += 1
    return ChainReport(checked)
