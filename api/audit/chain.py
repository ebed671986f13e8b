"""The hash chains: each entry's hash is sha256(previous hash || lane, lane_seq || fields).

Entries are spread over LANES independent chains so appends scale: an append locks only its
lane's head row (SELECT ... FOR UPDATE on PostgreSQL, which also covers several processes; a
process lock on SQLite, whose writers are serialised anyway), so no lane ever forks while other
lanes append in parallel. A thread keeps one lane, so threads rarely wait for one another.
Changing, inserting or deleting an entry breaks every later link of its lane, and the head row
names each lane's newest entry, which `api.audit.verify` checks.
"""

import hashlib
import itertools
import json
import secrets
import threading
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, insert, select, text, update

from api.audit.models import GENESIS_HASH, LANES, AuditChainHead, AuditEntry

# An arbitrary, fixed key naming "the audit chain" among PostgreSQL advisory locks; only taken
# to create a lane's missing head row (migration 0003 creates them all).
ADVISORY_LOCK_KEY = 0x4D415243  # "MARC"
_SQLITE_LOCK = threading.Lock()
_THREAD = threading.local()
# Each process starts at a random lane, so several workers spread over the lanes too.
_NEXT_LANE = itertools.count(secrets.randbelow(LANES))


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
    case_id: uuid.UUID | None = None


def canonical(record: AuditRecord) -> bytes:
    """A stable serialisation of the fields the hash covers."""
    fields = asdict(record)
    fields["occurred_at"] = record.occurred_at.isoformat(timespec="microseconds")
    for name in ("actor_id", "agency_id", "case_id"):
        fields[name] = str(fields[name]) if fields[name] is not None else None
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(prev_hash: str, lane: int, lane_seq: int, record: AuditRecord) -> str:
    position = f"|{lane}:{lane_seq}|".encode()
    return hashlib.sha256(prev_hash.encode() + position + canonical(record)).hexdigest()


def current_lane() -> int:
    """This thread's lane, given out round-robin on first use."""
    lane = getattr(_THREAD, "lane", None)
    if lane is None:
        lane = _THREAD.lane = next(_NEXT_LANE) % LANES
    return int(lane)


def append(engine: Engine, record: AuditRecord, lane: int | None = None) -> None:
    """Appends one entry in its own short transaction, committed before this returns."""
    lane = current_lane() if lane is None else lane
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            _append(conn, lane, record)
        return
    with _SQLITE_LOCK, engine.begin() as conn:
        # Take the write lock up front: a deferred transaction that read the head first cannot
        # upgrade once another connection has committed a write (SQLITE_BUSY, no busy wait).
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        _append(conn, lane, record)


def _append(conn: Connection, lane: int, record: AuditRecord) -> None:
    seq, prev_hash = _lock_head(conn, lane)
    lane_seq = seq + 1
    digest = entry_hash(prev_hash, lane, lane_seq, record)
    conn.execute(insert(AuditEntry).values(**asdict(record), lane=lane, lane_seq=lane_seq,
                                           prev_hash=prev_hash, hash=digest))
    conn.execute(update(AuditChainHead).where(AuditChainHead.lane == lane)
                 .values(seq=lane_seq, hash=digest))


def _lock_head(conn: Connection, lane: int) -> tuple[int, str]:
    """Locks the lane's head row until commit and returns its (seq, hash)."""
    query = select(AuditChainHead.seq, AuditChainHead.hash).where(
        AuditChainHead.lane == lane).with_for_update()
    head = conn.execute(query).one_or_none()
    if head is not None:
        return int(head.seq), str(head.hash)
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key, :lane)"),
                     {"key": ADVISORY_LOCK_KEY, "lane": lane})
        head = conn.execute(query).one_or_none()
        if head is not None:
            return int(head.seq), str(head.hash)
    conn.execute(insert(AuditChainHead).values(lane=lane, seq=0, hash=GENESIS_HASH))
    return 0, GENESIS_HASH
