"""Pure ASGI middleware: request ids and a ceiling on request body size."""

import json
import re
import uuid
from typing import Any

import structlog
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import PROBLEM_JSON, PayloadTooLarge

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class RequestIdMiddleware:
    """Takes the client's X-Request-ID only when it is a UUID, else makes one; echoes it and binds
    it to every log line. It is stored in the append-only audit trail, so free text (a name, a
    date of birth) must never become one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _client_uuid(_header(scope, b"x-request-id")) or str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        await self.app(scope, receive, send_with_id)


def _client_uuid(value: str | None) -> str | None:
    """The client's id in canonical form when it is a UUID (8-4-4-4-12 hex digits)."""
    return str(uuid.UUID(value)) if value and _UUID.match(value) else None


class BodySizeLimitMiddleware:
    """Refuses bodies over the limit with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _send_too_large(scope, send, self.max_bytes)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:  # read outside a route (no handler answered it)
            await _send_too_large(scope, send, self.max_bytes)


class _BodyTooLarge(HTTPException):
    """Raised from inside receive() to unwind the app once the body passes the limit. An
    HTTPException, because FastAPI turns any other error raised while it reads the body into
    400; this one it lets through, and the app's handler answers 413."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


def _header(scope: Scope, name: bytes) -> str | None:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return None


async def _send_too_large(scope: Scope, send: Send, max_bytes: int) -> None:
    request_id: Any = scope.get("state", {}).get("request_id")
    body = PayloadTooLarge(f"The body may be at most {max_bytes} bytes.").document(request_id)
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(payload)).encode()),
        (b"cache-control", b"no-store"), (b"connection", b"close"),
    ]})
    await send({"type": "http.response.body", "body": payload})
