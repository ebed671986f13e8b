"""Database engine, declarative base and the per-request session (one unit of work per request)."""

import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Annotated, Any

import anyio
import anyio.to_thread
import structlog
from fastapi import Depends, Request
from sqlalchemy import Connection, DateTime, Engine, MetaData, Table, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator
from uuid_utils.compat import uuid7

from api.config import Settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite keeps no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


def table_of(model: type[Base]) -> Table:
    """A mapped class's Table, for plain Core statements (SQLAlchemy types `__table__` as any
    FromClause, which insert/update/delete do not take)."""
    table = model.__table__
    assert isinstance(table, Table), f"{model.__name__} is not mapped to a table"
    return table


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    """A time-ordered id (UUIDv7, RFC 9562): a new row lands at the right edge of each index
    on its id instead of on a random page, so an insert reads and dirties few pages and writes
    little WAL however large the table grows. It reveals only when the row was made."""
    return uuid7()


@dataclass(frozen=True)
class Timeouts:
    """How long a request may wait on the database before it fails with 503 (see Settings)."""

    pool_seconds: float
    lock_ms: int
    statement_ms: int
    sqlite_busy_ms: int


def timeouts(settings: Settings) -> Timeouts:
    return Timeouts(settings.db_pool_timeout_seconds, settings.db_lock_timeout_ms,
                    settings.db_statement_timeout_ms, settings.sqlite_busy_timeout_ms)


def make_engine(url: str, *, pool_size: int = 20, max_overflow: int = 10,
                timeouts: Timeouts | None = None) -> Engine:
    """An engine with the settings each backend needs to be safe under concurrent requests; the
    pool sizes apply to PostgreSQL (SQLite's file needs no pool of connections). The app passes
    `timeouts`, so an exhausted pool, a held lock or a runaway query fails within seconds;
    migrations and command-line tools pass none and wait as long as their work needs.
    Parameters are hidden from every database error: SQLAlchemy prints them into exception texts
    and logs (a failed pool reset logged a victim's name and date of birth under faults)."""
    busy_ms = timeouts.sqlite_busy_ms if timeouts else 10000
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False},
                               hide_parameters=True)
        event.listen(engine, "connect", partial(_sqlite_pragmas, busy_ms))
        return engine
    if timeouts is None:
        return create_engine(url, pool_pre_ping=True, pool_size=pool_size,
                             max_overflow=max_overflow, hide_parameters=True)
    options = f"-c lock_timeout={timeouts.lock_ms} -c statement_timeout={timeouts.statement_ms}"
    engine = create_engine(url, pool_size=pool_size, max_overflow=max_overflow,
                           pool_timeout=timeouts.pool_seconds, connect_args={"options": options},
                           hide_parameters=True)
    _ping_when_idle(engine, PING_AFTER_IDLE_SECONDS)
    return engine


# A pooled connection unused for this long is pinged before a request gets it (see below).
PING_AFTER_IDLE_SECONDS = 5.0


def _ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """SQLAlchemy's pool_pre_ping, but only for a connection that sat unused in the pool for
    `idle_seconds`: one dropped meanwhile (the server restarted, an idle timeout, a firewall) is
    replaced before a request uses it. A busy pool hands its connections straight back, so the
    app's requests no longer pay a round trip each for the ping. A connection dropped while in
    use fails its request with 503, and SQLAlchemy then replaces every connection of the pool
    that is older than the failure, as it does with pool_pre_ping."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)  # a new connection has none: no ping
        if since is None or time.monotonic() - since < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # the pool discards it and hands out another
            raise DisconnectionError("the pooled connection did not answer") from exc


def _sqlite_pragmas(busy_ms: int, dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    cursor.close()


def lock_for_writing(connection: Connection) -> None:
    """Takes SQLite's write lock now (BEGIN IMMEDIATE), before a unit of work that reads and then
    writes: a deferred transaction cannot upgrade once another connection has committed since
    its first read (SQLITE_BUSY at once, no waiting). PostgreSQL locks rows, not the file: no-op."""
    if connection.dialect.name == "sqlite" and not connection.connection.dbapi_connection \
            .in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """The request's session, closed after the response has gone. Routes commit explicitly
    before building a response; whatever was not committed is rolled back when the session
    closes. Making one does no I/O, so it happens on the event loop, as does closing one with
    no transaction left (nothing to roll back, no connection held); otherwise closing returns
    the connection (a rollback), so a worker thread does that. The audit middleware finds it
    in the request's state: a read's entry joins its transaction (api/audit/middleware.py)."""
    session: Session = request.app.state.sessionmaker()
    request.state.db_session = session
    try:
        yield session
    finally:
        if session.in_transaction():
            with anyio.CancelScope(shield=True):  # a dropped client must not leak the connection
                await anyio.to_thread.run_sync(_close_quietly, session)
        else:
            session.close()


def _close_quietly(session: Session) -> None:
    """Closes after the response has gone: a connection the server dropped meanwhile can only
    be discarded, and an error here would reach the server as "response already started"."""
    try:
        session.close()
    except Exception as exc:  # noqa: BLE001 - nothing is left to answer; the pool replaces it
        structlog.get_logger("api.db").warning("session_close_failed",
                                               error_class=type(exc).__name__)


SessionDep = Annotated[Session, Depends(get_session)]
