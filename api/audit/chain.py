"""The hash chains: each entry's hash is HMAC-SHA256(key, previous hash || lane, lane_seq ||
key id || fields), with a key the database does not hold (api/audit/keys.py).

Entries are spread over LANES independent chains so appends scale: an append locks only its
lane's head row (SELECT ... FOR UPDATE on PostgreSQL, which also covers several processes; a
process lock on SQLite, whose writers are serialised anyway), so no lane ever forks while other
lanes append in parallel. A thread prefers its own lane; on PostgreSQL an append passes over a
lane another transaction holds (SKIP LOCKED) and takes the next free one, so it waits only when
every lane is busy. An append may run inside a route's own transaction (`append_to`), so the
entry commits or rolls back with the work it records.
Changing, inserting or deleting an entry breaks every later link of its lane, and the head row
names each lane's newest entry, which `api.audit.verify` checks; without the key no one can
recompute the links after a change. Signed checkpoints of the heads (`api.audit.checkpoint`),
kept outside the database, also reveal a lane deleted or reset with its head.
"""

import hashlib
import hmac
import itertools
import json
import secrets
import threading
import uuid
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.sql import bindparam

from api.audit import keys
from api.audit.keys import AuditKey
from api.audit.models import LANES, AuditChainHead, AuditEntry
from api.db import lock_for_writing, table_of

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


_FIELDS = tuple(f.name for f in fields(AuditRecord))


def columns(record: AuditRecord) -> dict[str, Any]:
    """The record's fields by name (dataclasses.asdict, without its deep copies)."""
    return {name: getattr(record, name) for name in _FIELDS}


def canonical(record: AuditRecord) -> bytes:
    """A stable serialisation of the fields the hash covers."""
    values = columns(record)
    values["occurred_at"] = record.occurred_at.isoformat(timespec="microseconds")
    for name in ("actor_id", "agency_id", "case_id"):
        values[name] = str(values[name]) if values[name] is not None else None
    return json.dumps(values, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(key: AuditKey, prev_hash: str, lane: int, lane_seq: int,
               record: AuditRecord) -> str:
    """The keyed link: HMAC-SHA256 under `key` of the previous hash, the position and fields."""
    message = f"{prev_hash}|{lane}:{lane_seq}|{key.key_id}|".encode() + canonical(record)
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def unkeyed_hash(prev_hash: str, lane: int, lane_seq: int, record: AuditRecord) -> str:
    """The link of entries written before the chain was keyed (migration 0005)."""
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
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            append_to(conn, record, lane)
        return
    with _SQLITE_LOCK, engine.begin() as conn:
        lock_for_writing(conn)  # before reading the head: see lock_for_writing
        append_to(conn, record, lane)


def append_to(conn: Connection, record: AuditRecord, lane: int | None = None) -> None:
    """Appends one entry in `conn`'s transaction; it commits with that transaction. Without a
    `lane`, the first free lane from this thread's own; with one, that lane (waiting for it)."""
    key = keys.bound(conn.engine).current  # before any lock: no key, no entry
    postgres = conn.dialect.name == "postgresql"
    if postgres and lane is None and _append_after_known(conn, key, record, current_lane()):
        return
    if lane is None:
        lane, seq, prev_hash = _lock_free_head(conn, current_lane())
    else:
        seq, prev_hash = _lock_head(conn, lane)
    values, head = _entry(key, record, lane, seq, prev_hash)
    if postgres:  # one round trip for both
        conn.execute(_INSERT_ENTRY_MOVING_HEAD, values | head)
        _known(conn.engine)[lane] = (head["head_seq"], head["head_hash"])
        return
    conn.execute(_INSERT_ENTRY, {name[len("entry_"):]: v for name, v in values.items()})
    conn.execute(_MOVE_HEAD, head)


def _entry(key: AuditKey, record: AuditRecord, lane: int, seq: int,
           prev_hash: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The entry after (seq, prev_hash) in `lane`, as the statements' parameters: its columns
    (named entry_...) and the head it moves the lane to."""
    lane_seq = seq + 1
    digest = entry_hash(key, prev_hash, lane, lane_seq, record)
    values = {**columns(record), "lane": lane, "lane_seq": lane_seq, "key_id": key.key_id,
              "prev_hash": prev_hash, "hash": digest}
    return ({f"entry_{k}": v for k, v in values.items()},
            {"head_lane": lane, "head_seq": lane_seq, "head_hash": digest})


# PostgreSQL: the head this process last moved each lane to, per engine. An append to a lane
# whose head is still there takes it, moves it and inserts the entry in one statement (the
# head row claimed FOR UPDATE SKIP LOCKED only while its seq and hash are the ones known), where
# otherwise it reads and locks the head first: one round trip instead of two on every audited
# request. Knowing a stale head costs nothing but that second round trip: another process moved
# the lane, or the transaction that moved it rolled back, so the head is not the one known, no
# row is claimed, nothing is inserted, and the append locks and reads the head as before.
_KNOWN: "WeakKeyDictionary[Engine, dict[int, tuple[int, str]]]" = WeakKeyDictionary()


def _known(engine: Engine) -> dict[int, tuple[int, str]]:
    known = _KNOWN.get(engine)
    if known is None:
        known = _KNOWN.setdefault(engine, {})
    return known


def _append_after_known(conn: Connection, key: AuditKey, record: AuditRecord,
                        lane: int) -> bool:
    """Appends after the lane's known head if it is still the lane's head and no one holds it;
    whether it did."""
    known = _known(conn.engine).get(lane)
    if known is None:
        return False
    seq, prev_hash = known
    values, head = _entry(key, record, lane, seq, prev_hash)
    inserted = conn.execute(_INSERT_ENTRY_AFTER_KNOWN_HEAD, values | head | {
        "known_seq": seq, "known_hash": prev_hash}).first() is not None
    if inserted:
        _known(conn.engine)[lane] = (head["head_seq"], head["head_hash"])
    else:
        _known(conn.engine).pop(lane, None)
    return inserted


# Built once: an append runs on every audited request.
_ENTRIES, _HEADS = table_of(AuditEntry), table_of(AuditChainHead)
_INSERT_ENTRY = insert(_ENTRIES)
_MOVE_HEAD = update(_HEADS).where(_HEADS.c.lane == bindparam("head_lane")).values(
    seq=bindparam("head_seq"), hash=bindparam("head_hash"))
# PostgreSQL runs a data-modifying WITH in the same statement: the head moves with the insert.
# No parameter may be named after a column of either table: an UPDATE would take it into its SET.
_ENTRY_COLUMNS = (*_FIELDS, "lane", "lane_seq", "key_id", "prev_hash", "hash")
_INSERT_ENTRY_MOVING_HEAD = insert(_ENTRIES).values(
    {name: bindparam(f"entry_{name}") for name in _ENTRY_COLUMNS}
).add_cte(_MOVE_HEAD.cte("moved_head"))
# The same, only if the lane's head is the known one and free: the head row claimed (SKIP
# LOCKED: a head another transaction holds is passed over, not waited for), moved, and the entry
# inserted from the moved row, so no row claimed means nothing inserted (no row returned).
_CLAIMED = (select(_HEADS.c.lane)
            .where(_HEADS.c.lane == bindparam("head_lane"), _HEADS.c.seq == bindparam("known_seq"),
                   _HEADS.c.hash == bindparam("known_hash"))
            .with_for_update(skip_locked=True).cte("claimed_head"))
_MOVED = (update(_HEADS).where(_HEADS.c.lane == _CLAIMED.c.lane)
          .values(seq=bindparam("head_seq"), hash=bindparam("head_hash"))
          .returning(_HEADS.c.lane).cte("moved_known_head"))
_INSERT_ENTRY_AFTER_KNOWN_HEAD = insert(_ENTRIES).from_select(
    _ENTRY_COLUMNS,
    select(*(bindparam(f"entry_{name}", type_=_ENTRIES.c[name].type) for name in _ENTRY_COLUMNS))
    .select_from(_MOVED)).returning(_ENTRIES.c.lane_seq)


# Lanes from the preferred one upwards, then wrapping round; locked lanes skipped (PostgreSQL; on
# SQLite, which renders no row locks, the preferred lane comes first and writers are serialised).
_FREE_HEAD = (select(AuditChainHead.lane, AuditChainHead.seq, AuditChainHead.hash)
              .order_by(AuditChainHead.lane < bindparam("preferred"), AuditChainHead.lane)
              .limit(1).with_for_update(skip_locked=True))


def _lock_free_head(conn: Connection, preferred: int) -> tuple[int, int, str]:
    """(lane, seq, hash) of a head this transaction now holds: the first free lane from
    `preferred`, or `preferred` itself (waiting for it) when every lane is busy."""
    head = conn.execute(_FREE_HEAD, {"preferred": preferred}).one_or_none()
    if head is not None:
        return int(head.lane), int(head.seq), str(head.hash)
    return (preferred, *_lock_head(conn, preferred))


def _lock_head(conn: Connection, lane: int) -> tuple[int, str]:
    """Locks the lane's head row until commit and returns its (seq, hash). The heads are made by
    the migrations and never by the app, which may not insert them (README: database roles)."""
    query = select(AuditChainHead.seq, AuditChainHead.hash).where(
        AuditChainHead.lane == lane).with_for_update()
    head = conn.execute(query).one_or_none()
    if head is None:
        raise LookupError(f"audit_chain_heads has no row for lane {lane}")
    return int(head.seq), str(head.hash)
