"""Only configured Host names are served: Starlette's check, refusing with a problem document.

The Host header is the client's to choose; anything built from it (an absolute URL, a redirect)
would otherwise point wherever the client said. A request for another host never reaches the app.
"""

import json

from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import PROBLEM_JSON, BadRequest

_ACCEPTED = "marac.host_accepted"


class _MarkAccepted:
    """The app behind the check: reaching it means the host was accepted."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[_ACCEPTED] = True
        await self.app(scope, receive, send)


class AllowedHostsMiddleware(TrustedHostMiddleware):
    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        super().__init__(_MarkAccepted(app), allowed_hosts=allowed_hosts, www_redirect=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return

        async def refuse_as_problem(message: Message) -> None:
            if scope.get(_ACCEPTED):
                await send(message)
            elif message["type"] == "http.response.start":  # Starlette's plain-text refusal
                await _send_refusal(send)

        await super().__call__(scope, receive, refuse_as_problem)


async def _send_refusal(send: Send) -> None:
    body = json.dumps(BadRequest("The Host header names no host this service answers for.")
                      .document()).encode()
    await send({"type": "http.response.start", "status": 400, "headers": [
        (b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
