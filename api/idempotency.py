"""Idempotency-Key for POSTs: a retried request returns the first response, never a second record.

The key is reserved in its own committed transaction (unique per caller and key; one INSERT ...
ON CONFLICT DO NOTHING), the work and the stored response commit together, and a failed attempt
releases its reservation. Without a key the work commits once, with no reservation at all.
"""

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Header
from fastapi.responses import JSONResponse
from sqlalchemy import JSON, Integer, String, UniqueConstraint, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from api.db import Base, utcnow
from api.problems import IdempotencyInFlight, IdempotencyKeyReused

KEEP_FOR = timedelta(hours=24)

IdempotencyKeyHeader = Annotated[str | None, Header(
    alias="Idempotency-Key", min_length=1, max_length=255, pattern=r"^[\x21-\x7e]+$",
    description="Retry-safe submission: the same key and body return the first response.")]


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("caller", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    caller: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[Any | None] = mapped_column(JSON)
    location: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


@dataclass(frozen=True)
class Reservation:
    id: uuid.UUID
    replay: JSONResponse | None = None


def request_hash(payload: Any) -> str:
    """SHA-256 of the canonical JSON of the validated request."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def reserve(factory: sessionmaker[Session], caller: str, key: str, digest: str) -> Reservation:
    """Claims the key, or answers with the stored response, 409 in flight or 422 reused."""
    now = utcnow()
    with factory() as session:
        reserved = _claim(session, caller, key, digest, now)
        if reserved is None:  # taken: by an expired record (freed and claimed again) or not
            session.execute(delete(IdempotencyRecord).where(
                IdempotencyRecord.caller == caller, IdempotencyRecord.key == key,
                IdempotencyRecord.expires_at <= now))
            reserved = _claim(session, caller, key, digest, now)
        session.commit()
        if reserved is not None:
            return Reservation(reserved)
        existing = session.scalar(select(IdempotencyRecord).where(
            IdempotencyRecord.caller == caller, IdempotencyRecord.key == key))
    return Reservation(existing.id, _replay(existing, digest)) if existing else _raise_in_flight()


def _claim(session: Session, caller: str, key: str, digest: str,
           now: datetime) -> uuid.UUID | None:
    """One INSERT ... ON CONFLICT DO NOTHING: the new record's id, or None if the key is taken."""
    dialect = session.get_bind().dialect.name
    values = {"id": uuid.uuid4(), "caller": caller, "key": key, "request_hash": digest,
              "created_at": now, "expires_at": now + KEEP_FOR}
    if dialect in _UPSERTS:
        statement = _UPSERTS[dialect](IdempotencyRecord).values(**values)
        return session.scalar(statement.on_conflict_do_nothing().returning(IdempotencyRecord.id))
    try:  # any other database: a savepoint keeps the transaction usable after a conflict
        with session.begin_nested():
            session.execute(insert(IdempotencyRecord).values(**values))
    except IntegrityError:
        return None
    return values["id"]


_UPSERTS: dict[str, Callable[..., Any]] = {"postgresql": postgresql.insert,
                                           "sqlite": sqlite.insert}


def _raise_in_flight() -> Reservation:
    raise IdempotencyInFlight("A request with this Idempotency-Key is still being processed.")


def _replay(record: IdempotencyRecord, digest: str) -> JSONResponse:
    if record.request_hash != digest:
        raise IdempotencyKeyReused("This Idempotency-Key was used with a different request.")
    if record.status_code is None:
        _raise_in_flight()
    headers = {"Location": record.location} if record.location else {}
    return JSONResponse(record.response_body, status_code=record.status_code or 200,
                        headers={**headers, "Idempotent-Replayed": "true"})


def release(factory: sessionmaker[Session], reservation: Reservation) -> None:
    """Frees the key after failed work so the client may retry."""
    with factory() as session:
        session.execute(delete(IdempotencyRecord).where(
            IdempotencyRecord.id == reservation.id, IdempotencyRecord.status_code.is_(None)))
        session.commit()


def purge_expired(session: Session, now: datetime | None = None) -> int:
    """Deletes keys past their 24 hours; expired keys are also ignored when reused."""
    result = session.execute(delete(IdempotencyRecord).where(
        IdempotencyRecord.expires_at <= (now or utcnow())))
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class Outcome:
    """A response not yet sent: stored as-is for replays."""

    status_code: int
    body: Any
    headers: dict[str, str]

    def response(self) -> JSONResponse:
        return JSONResponse(self.body, status_code=self.status_code, headers=self.headers)


def run(factory: sessionmaker[Session], session: Session, caller: str, key: str | None,
        payload: Any, work: Callable[[], Outcome]) -> JSONResponse:
    """Does `work` once per (caller, key): commits it with its stored response, or replays."""
    if key is None:
        outcome = work()
        session.commit()
        return outcome.response()
    reservation = reserve(factory, caller, key, request_hash(payload))
    if reservation.replay is not None:
        return reservation.replay
    try:
        outcome = work()
        session.execute(update(IdempotencyRecord).where(
            IdempotencyRecord.id == reservation.id).values(
            status_code=outcome.status_code, response_body=outcome.body,
            location=outcome.headers.get("Location")))
        session.commit()
    except BaseException:
        session.rollback()
        release(factory, reservation)
        raise
    return outcome.response()
