"""Audits every /api/v1 request before its response is released (pure ASGI).

Routes need do nothing: the caller comes from the principal dependency (request.state.principal)
or, for a request refused before it ran, from its credentials (api/audit/actor.py); the action
from the matched route's operationId, the resource from its path parameters or, on create, the
Location header (api/audit/record.py). If the entry cannot be written the client gets 503
instead, so no response is ever sent for an unaudited request; the 503 says whether the database
was unreachable or the entry itself could not be written.

A route that writes records its own entry inside its unit of work (`commit_audited`), so the
entry and the records it describes commit together, in one transaction; the middleware then
writes no second entry for that response. A read's entry, on PostgreSQL, joins the request's own
open transaction (its session is closed only after the response has gone), so the read ends with
one COMMIT instead of a second connection, its ping, BEGIN and COMMIT (`_read_session`).
"""

import json
from typing import Any

import anyio
import structlog
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.audit.actor import needs_actor, presented_actor
from api.audit.chain import append, append_to
from api.audit.record import build_record
from api.problems import PROBLEM_JSON, Problem, ServiceUnavailable

log = structlog.get_logger("api.audit")
AUDITED_PREFIX = "/api/v1/"
UNRECORDED = "The request could not be recorded in the audit trail."
DATABASE_DOWN = "The database is unavailable; nothing was done."


class AuditMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(AUDITED_PREFIX):
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = {"failed": False, "started": False}

        async def audited_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
                if not _recorded_by_route(scope, message["status"]):
                    failure = await _record(scope, message["status"], message.get("headers", []))
                    if failure is not None:
                        state["failed"] = True
                        await _send_unavailable(scope, send, failure)
                        return
            elif state["failed"]:
                return
            await send(message)

        try:
            await self.app(scope, receive, audited_send)
        except Exception:
            if not state["started"]:
                await _record(scope, 500, [])
            raise


def record_in(session: Session, request: Request, status: int, location: str | None = None) -> None:
    """Appends this request's entry in the route's own transaction: it commits with the work.
    If it cannot be written the work is not done either: 503, as for any unaudited request."""
    headers = [(b"location", location.encode("latin-1"))] if location else []
    try:
        append_to(session.connection(), build_record(request.scope, status, headers))
    except Exception as exc:
        log.error("audit_write_failed", error_class=type(exc).__name__)
        raise unavailable(exc) from None
    request.state.audited_status = status


def unavailable(exc: BaseException) -> Problem:
    """The 503 for a failed audit write, saying what failed: the database could not be reached
    (refused or dropped connections, an exhausted pool, a lock or statement timeout) or it was
    reached and the entry itself was refused."""
    reached = not isinstance(exc, OperationalError | PoolTimeout) and not (
        isinstance(exc, DBAPIError) and exc.connection_invalidated)
    return ServiceUnavailable(UNRECORDED if reached else DATABASE_DOWN,
                              headers={"Retry-After": "5"})


def _recorded_by_route(scope: Scope, status: int) -> bool:
    """The route recorded this very response in its committed unit of work (record_in); any
    other status (say the commit failed and the answer became an error) is recorded here."""
    return bool(scope.get("state", {}).get("audited_status") == status)


async def _record(scope: Scope, status: int, headers: list[tuple[bytes, bytes]]) -> Problem | None:
    """Writes the entry; on failure, the problem to answer with instead."""
    try:
        session = _read_session(scope, status)
        if session is None:
            await anyio.to_thread.run_sync(_write, scope, status, headers)
        else:
            await anyio.to_thread.run_sync(_write_in, session, scope, status, headers)
        return None
    except Exception as exc:  # any failure to audit must refuse the response
        log.error("audit_write_failed", error_class=type(exc).__name__)
        return unavailable(exc)


def _write(scope: Scope, status: int, headers: list[tuple[bytes, bytes]]) -> None:
    actor = presented_actor(scope) if needs_actor(scope, status) else None
    append(scope["app"].state.engine, build_record(scope, status, headers, actor))


_READS = frozenset({"GET", "HEAD"})


def _read_session(scope: Scope, status: int) -> Session | None:
    """The request's own session when a read's entry may join its open transaction: on
    PostgreSQL only (SQLite's one writer must take the write lock before reading the chain's
    head, which a transaction that has already read cannot do safely), for a read method only
    (a refused write's flushed changes must never commit with its entry), with no change
    pending in it, and not after a server error (its transaction may be broken)."""
    if scope.get("method") not in _READS or status >= 500:
        return None
    session = scope.get("state", {}).get("db_session")
    if not isinstance(session, Session) or not session.in_transaction():
        return None
    if session.new or session.dirty or session.deleted:  # a read's commit must carry nothing else
        return None
    return session if session.get_bind().dialect.name == "postgresql" else None


def _write_in(session: Session, scope: Scope, status: int,
              headers: list[tuple[bytes, bytes]]) -> None:
    actor = presented_actor(scope) if needs_actor(scope, status) else None
    append_to(session.connection(), build_record(scope, status, headers, actor))
    session.commit()


async def _send_unavailable(scope: Scope, send: Send, problem: Problem) -> None:
    request_id = scope.get("state", {}).get("request_id")
    payload = json.dumps(problem.document(request_id)).encode()
    await send({"type": "http.response.start", "status": 503, "headers": [
        (b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(payload)).encode()),
        (b"cache-control", b"no-store"), (b"retry-after", b"5"),
        *([(b"x-request-id", request_id.encode("latin-1"))] if request_id else [])]})
    await send({"type": "http.response.body", "body": payload})
