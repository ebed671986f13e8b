"""Audits every /api/v1 request before its response is released (pure ASGI).

Routes need do nothing: the caller comes from the principal dependency (request.state.principal),
the action from the matched route's operationId, the resource from its path parameters or, on
create, the Location header. If the entry cannot be written the client gets 503 instead, so no
response is ever sent for an unaudited request.

A route that writes may record its own entry inside its unit of work (`record_in`), so the entry
and the records it describes commit together, in one transaction; the middleware then writes
no second entry for that response.
"""

import json
import re
import uuid
from typing import Any

import anyio
import structlog
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.audit.chain import AuditRecord, append, append_to
from api.db import utcnow
from api.problems import PROBLEM_JSON, ServiceUnavailable
from api.security.principal import Principal

log = structlog.get_logger("api.audit")
AUDITED_PREFIX = "/api/v1/"
_UNRECORDED = "The request could not be recorded in the audit trail."
_ID_SEGMENT = re.compile(r"^[0-9a-fA-F-]{32,36}$")


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
                if not _recorded_by_route(scope, message["status"]) and not await _record(
                        scope, message["status"], message.get("headers", [])):
                    state["failed"] = True
                    await _send_unavailable(scope, send)
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
        raise ServiceUnavailable(_UNRECORDED) from None
    request.state.audited_status = status


def _recorded_by_route(scope: Scope, status: int) -> bool:
    """The route recorded this very response in its committed unit of work (record_in); any
    other status (say the commit failed and the answer became an error) is recorded here."""
    return bool(scope.get("state", {}).get("audited_status") == status)


async def _record(scope: Scope, status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    try:
        record = build_record(scope, status, headers)
        await anyio.to_thread.run_sync(append, scope["app"].state.engine, record)
        return True
    except Exception as exc:  # any failure to audit must refuse the response
        log.error("audit_write_failed", error_class=type(exc).__name__)
        return False


def build_record(scope: Scope, status: int, headers: list[tuple[bytes, bytes]]) -> AuditRecord:
    state = scope.get("state", {})
    principal: Principal | None = state.get("principal")
    route = scope.get("route")
    template = getattr(route, "path", None) or "(unmatched)"
    resource_type, resource_id = _resource(template, scope.get("path_params", {}), headers)
    return AuditRecord(
        occurred_at=utcnow(), request_id=state.get("request_id"),
        actor_kind=principal.kind if principal else None,
        actor_id=principal.subject_id if principal else None,
        agency_id=principal.agency_id if principal else None,
        roles=_roles(principal), action=getattr(route, "operation_id", None) or "unmatched",
        method=scope["method"][:8], route=template[:200], resource_type=resource_type,
        resource_id=resource_id, status=status, outcome=outcome(status),
        subject_hash=state.get("audit_subject_hash"), case_id=_case_id(state, resource_type,
                                                                        resource_id))


def _case_id(state: dict[str, Any], resource_type: str | None,
             resource_id: str | None) -> uuid.UUID | None:
    """The case concerned: named by a route that knows it (request.state.audit_case_id, e.g. a
    referral linked to a case), else the case in the path itself."""
    known = state.get("audit_case_id")
    if isinstance(known, uuid.UUID):
        return known
    if resource_type == "cases" and resource_id:
        try:
            return uuid.UUID(resource_id)
        except ValueError:
            return None
    return None


def outcome(status: int) -> str:
    if status < 400:
        return "success"
    return {401: "refused", 403: "refused", 404: "not_found", 429: "throttled"}.get(
        status, "error" if status >= 500 else "rejected")


def _roles(principal: Principal | None) -> str:
    if principal is None:
        return ""
    held = {role.value for roles in principal.panel_roles.values() for role in roles}
    if principal.is_administrator:
        held.add("administrator")
    return ",".join(sorted(held))[:200]


def _resource(template: str, path_params: dict[str, Any],
              headers: list[tuple[bytes, bytes]]) -> tuple[str | None, str | None]:
    """The resource type is the collection segment before the id: /cases/{case_id} -> cases."""
    segments = [s for s in template.removeprefix("/api/v1/").split("/") if s]
    collections = [s for s in segments if not s.startswith("{")]
    resource_type = collections[0] if collections else None
    for index, segment in enumerate(segments):
        if segment.startswith("{") and segment[1:-1] in path_params:
            collection = segments[index - 1] if index else resource_type
            return collection, str(path_params[segment[1:-1]])[:64]
    location = next((v.decode("latin-1") for k, v in headers if k.lower() == b"location"), None)
    last = location.rstrip("/").rsplit("/", 1)[-1] if location else ""
    return (collections[-1] if collections else None), (last if _ID_SEGMENT.match(last) else None)


async def _send_unavailable(scope: Scope, send: Send) -> None:
    request_id = scope.get("state", {}).get("request_id")
    problem = ServiceUnavailable(_UNRECORDED)
    payload = json.dumps(problem.document(request_id)).encode()
    await send({"type": "http.response.start", "status": 503, "headers": [
        (b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(payload)).encode()),
        (b"cache-control", b"no-store"), (b"retry-after", b"5"),
        *([(b"x-request-id", request_id.encode("latin-1"))] if request_id else [])]})
    await send({"type": "http.response.body", "body": payload})
