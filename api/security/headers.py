"""Security headers on every response; no-store on every API response (may hold personal data)."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_API_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# /docs serves Swagger UI from the project itself (api/docs.py): same-origin scripts only, no
# inline script; Swagger UI sets inline styles, and draws some icons as data: images.
_DOCS_CSP = (b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
             b"img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
             b"form-action 'none'; frame-ancestors 'none'")
_DOCS_PATHS = ("/docs",)
# The browser app (api/spa.py): its own scripts, styles, fonts and images only, nothing inline,
# and it talks only to this origin.
_APP_CSP = (b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            b"font-src 'self'; connect-src 'self'; manifest-src 'self'; "
            b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
_API_PATHS = ("/api/", "/openapi.json", "/health", "/ready", "/problems")
_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"strict-transport-security", b"max-age=63072000; includeSubDomains"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        extra = list(_COMMON)
        extra.append((b"content-security-policy", _csp(path)))
        if path.startswith("/api/"):
            extra.append((b"cache-control", b"no-store"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {extra_name for extra_name, _ in extra}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = headers + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _csp(path: str) -> bytes:
    if path.startswith(_DOCS_PATHS):
        return _DOCS_CSP
    return _API_CSP if path.startswith(_API_PATHS) else _APP_CSP
