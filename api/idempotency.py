"""Idempotency-Key for POSTs: a retried request returns the first response, never a second record.

All of it happens in the request's one transaction, so a retry can never see half a submission:
the key is claimed, the stored response looked up, and the work and its response commit
together (a failed attempt rolls back and leaves the key free). Claiming is a lock held until
that transaction ends: on PostgreSQL an advisory lock on the (caller, key) pair, so a second
request while the first still runs answers 409 at once, from whichever worker; on SQLite the
database's write lock. Within one process a retry in flight answers 409 before it touches the
database, on either backend; on SQLite, a retry reaching another process waits for the first
and then replays its response. Without a key the work commits once, with no record at all.
Records are kept 24 hours (api/housekeeping.py deletes them after).

A replay is an answer like any other: the caller's authorization is checked again first (a caller
who lost access is refused, not handed the stored response), and the stored body is shown
through the same per-caller view as a fresh answer.
"""

import hashlib
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Header
from fastapi.responses import JSONResponse
from sqlalchemy import (
    JSON,
    BigInteger,
    Connection,
    Integer,
    String,
    UniqueConstraint,
    bindparam,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from api.db import Base, lock_for_writing, new_id, table_of, utcnow
from api.problems import IdempotencyInFlight, IdempotencyKeyReused

KEEP_FOR = timedelta(hours=24)

IdempotencyKeyHeader = Annotated[str | None, Header(
    alias="Idempotency-Key", min_length=1, max_length=255, pattern=r"^[\x21-\x7e]+$",
    description="Retry-safe submission: the same key and body return the first response.")]


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("caller", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    caller: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[Any | None] = mapped_column(JSON)
    location: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


@dataclass(frozen=True)
class Outcome:
    """A response not yet sent: stored as-is for replays."""

    status_code: int
    body: Any
    headers: dict[str, str]
    replayed: bool = False  # the first attempt's stored response: nothing new to commit

    def response(self) -> JSONResponse:
        return JSONResponse(self.body, status_code=self.status_code, headers=self.headers)


def request_hash(payload: Any) -> str:
    """SHA-256 of the canonical JSON of the validated request."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def run(session: Session, caller: str, key: str | None, payload: Any,
        work: Callable[[], Outcome], *, authorize: Callable[[], object],
        present: Callable[[Any], Any] = lambda body: body) -> Outcome:
    """Does `work` once per (caller, key): commits it with its stored response, or replays
    (an Outcome marked `replayed`, which the route's audit entry says). `authorize` runs before
    anything else, replays included (it raises to refuse); `present` turns a stored or fresh
    body into what this caller may see."""
    authorize()
    if key is None:
        return _shown(_commit(session, work), present)
    with in_flight(caller, key):
        return _shown(_commit(session, lambda: _once(
            session, caller, key, request_hash(payload), work)), present)


def _shown(outcome: Outcome, present: Callable[[Any], Any]) -> Outcome:
    if outcome.status_code >= 400:
        return outcome
    return replace(outcome, body=present(outcome.body))


def _commit(session: Session, work: Callable[[], Outcome]) -> Outcome:
    """The work's outcome once committed; a replay writes nothing."""
    try:
        lock_for_writing(session.connection())  # SQLite: one writer; a second one waits
        outcome = work()
        if outcome.replayed:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    return outcome


_HELD: set[tuple[str, str]] = set()
_HELD_LOCK = threading.Lock()


@contextmanager
def in_flight(caller: str, key: str) -> Iterator[None]:
    """Marks the key as held by a request of this process, or answers 409 if one holds it."""
    with _HELD_LOCK:
        if (caller, key) in _HELD:
            _raise_in_flight()
        _HELD.add((caller, key))
    try:
        yield
    finally:
        with _HELD_LOCK:
            _HELD.discard((caller, key))


_R = IdempotencyRecord
# Built once: these run on every keyed submission.
_STORED = select(_R.id, _R.request_hash, _R.status_code, _R.response_body, _R.location,
                 _R.expires_at).where(_R.caller == bindparam("caller"), _R.key == bindparam("key"))
_FORGET = delete(table_of(_R)).where(table_of(_R).c.id == bindparam("expired_id"))
_KEEP = insert(table_of(_R))
_TRY_LOCK = select(func.pg_try_advisory_xact_lock(bindparam("lock", type_=BigInteger)))


def _once(session: Session, caller: str, key: str, digest: str,
          work: Callable[[], Outcome]) -> Outcome:
    """The stored response replayed when the key was used before, else the work's outcome."""
    connection = session.connection()
    claim(connection, caller, key)
    now = utcnow()
    stored = connection.execute(_STORED, {"caller": caller, "key": key}).one_or_none()
    if stored is not None and stored.expires_at > now:
        return _replay(stored, digest)
    if stored is not None:  # past its 24 hours: the key is free again
        connection.execute(_FORGET, {"expired_id": stored.id})
    outcome = work()
    connection.execute(_KEEP, {
        "id": new_id(), "caller": caller, "key": key, "request_hash": digest,
        "status_code": outcome.status_code, "response_body": outcome.body,
        "location": outcome.headers.get("Location"), "created_at": now,
        "expires_at": now + KEEP_FOR})
    return outcome


def claim(connection: Connection, caller: str, key: str) -> None:
    """Holds the key until this transaction ends, or answers 409 while another request has it."""
    if connection.dialect.name != "postgresql":
        return  # SQLite: run() holds the database's write lock already
    digest = hashlib.sha256(f"{caller}\n{key}".encode()).digest()
    lock = int.from_bytes(digest[:8], "big", signed=True)
    if not connection.scalar(_TRY_LOCK, {"lock": lock}):
        _raise_in_flight()


def _raise_in_flight() -> None:
    raise IdempotencyInFlight("A request with this Idempotency-Key is still being processed.",
                              headers={"Retry-After": "1"})


def _replay(stored: Any, digest: str) -> Outcome:
    if stored.request_hash != digest:
        raise IdempotencyKeyReused("This Idempotency-Key was used with a different request.")
    if stored.status_code is None:  # a record left by an attempt that never finished
        _raise_in_flight()
    headers = {"Location": stored.location} if stored.location else {}
    return Outcome(stored.status_code, stored.response_body,
                   {**headers, "Idempotent-Replayed": "true"}, replayed=True)


def purge_expired(session: Session, now: datetime | None = None) -> int:
    """Deletes keys past their 24 hours; expired keys are also ignored when reused."""
    result = session.execute(delete(IdempotencyRecord).where(
        IdempotencyRecord.expires_at <= (now or utcnow())))
    return int(getattr(result, "rowcount", 0) or 0)
