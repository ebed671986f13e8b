"""What one audit entry says about a request: only server-chosen text reaches the trail.

The route is its template (/api/v1/referrals/{referral_id}), never the raw path; a resource id
is kept only when it is a UUID (every id in our paths is), so an invalid segment such as a name
and a date of birth is not stored; the method is one of HTTP's own; the request id is the one
RequestIdMiddleware chose (a client's only when it is a UUID).
"""

import re
import uuid
from typing import Any

from starlette.routing import BaseRoute, Match
from starlette.types import Scope

from api.audit.chain import AuditRecord
from api.db import utcnow
from api.security.principal import Principal

_ID_SEGMENT = re.compile(r"^[0-9a-fA-F-]{32,36}$")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"})
UNMATCHED = ("unmatched", "(unmatched)")
METHOD_NOT_ALLOWED = "(method not allowed)"


def build_record(scope: Scope, status: int, headers: list[tuple[bytes, bytes]],
                 principal: Principal | None = None) -> AuditRecord:
    """The entry for this response; `principal` names the caller when the route did not."""
    state = scope.get("state", {})
    principal = state.get("principal") or principal
    action, template, path_params = route_of(scope)
    resource_type, resource_id = _resource(template, path_params, headers)
    return AuditRecord(
        occurred_at=utcnow(), request_id=state.get("request_id"),
        actor_kind=principal.kind if principal else None,
        actor_id=principal.subject_id if principal else None,
        agency_id=principal.agency_id if principal else None,
        roles=_roles(principal), action=action, method=_method(scope), route=template[:200],
        resource_type=resource_type, resource_id=resource_id, status=status,
        outcome="replayed" if state.get("audit_replay") else outcome(status),
        subject_hash=state.get("audit_subject_hash"),
        case_id=_case_id(state, resource_type, resource_id))


def route_of(scope: Scope) -> tuple[str, str, dict[str, Any]]:
    """(action, route template, path parameters). A path served only for other methods is a
    refused method, not the route that serves them; a request refused before routing (413)
    is matched here."""
    route: BaseRoute | None = scope.get("route")
    path_params: dict[str, Any] = scope.get("path_params", {})
    if route is None:
        route, path_params = _match(scope)
    if route is None:
        return (*UNMATCHED, {})
    template = str(getattr(route, "path", UNMATCHED[1]))
    methods = getattr(route, "methods", None)
    if methods and scope.get("method") not in methods:
        return METHOD_NOT_ALLOWED, template, path_params
    return getattr(route, "operation_id", None) or UNMATCHED[0], template, path_params


def _match(scope: Scope) -> tuple[BaseRoute | None, dict[str, Any]]:
    app = scope.get("app")
    partial: tuple[BaseRoute | None, dict[str, Any]] = (None, {})
    for route in getattr(getattr(app, "router", None), "routes", []):
        match, child = route.matches(scope)
        if match is Match.FULL:
            return route, child.get("path_params", {})
        if match is Match.PARTIAL and partial[0] is None:
            partial = (route, child.get("path_params", {}))
    return partial


def _method(scope: Scope) -> str:
    method = str(scope.get("method", ""))
    return method if method in _METHODS else "OTHER"


def _case_id(state: dict[str, Any], resource_type: str | None,
             resource_id: str | None) -> uuid.UUID | None:
    """The case concerned: named by a route that knows it (request.state.audit_case_id, e.g. a
    referral linked to a case), else the case in the path itself."""
    known = state.get("audit_case_id")
    if isinstance(known, uuid.UUID):
        return known
    if resource_type == "cases" and resource_id:
        return uuid.UUID(resource_id)  # resource ids are UUIDs or nothing (_resource)
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
    collections = [s for s in segments if not s.startswith("{") and not s.startswith("(")]
    resource_type = collections[0] if collections else None
    for index, segment in enumerate(segments):
        if segment.startswith("{") and segment[1:-1] in path_params:
            collection = segments[index - 1] if index else resource_type
            return collection, _uuid_or_none(path_params[segment[1:-1]])
    location = next((v.decode("latin-1") for k, v in headers if k.lower() == b"location"), None)
    last = location.rstrip("/").rsplit("/", 1)[-1] if location else ""
    return (collections[-1] if collections else None), (last if _ID_SEGMENT.match(last) else None)


def _uuid_or_none(value: Any) -> str | None:
    """A path id as stored: its canonical UUID, or nothing when the client sent something else
    (the request was refused as invalid; its text may be personal data)."""
    try:
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
    except ValueError:
        return None
