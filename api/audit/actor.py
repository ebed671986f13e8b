"""Names the caller of a request refused before its route learnt who called.

A malformed body (400), a refused method (405), an oversized body (413) or an unknown query
parameter (422) is answered before the principal dependency runs, yet the token may be valid:
the trail should still say who sent it. The credentials are checked here exactly as the
dependency checks them, in a session that is rolled back, so naming the caller writes nothing.
"""

from sqlalchemy.orm import Session
from starlette.types import Scope

from api.identity import api_keys
from api.identity.principals import NotAuthenticated, from_access_token, from_api_key
from api.security.principal import Principal


def needs_actor(scope: Scope, status: int) -> bool:
    """A refusal whose route never named its caller, though credentials came with it. A 401
    is the dependency's own verdict on them: no second look."""
    state = scope.get("state", {})
    return status != 401 and state.get("principal") is None and bearer_token(scope) is not None


def presented_actor(scope: Scope) -> Principal | None:
    """The caller the presented credentials name, or None when they are not valid (blocking:
    run it in a worker thread)."""
    token = bearer_token(scope)
    app = scope.get("app")
    if token is None or app is None:
        return None
    session: Session = app.state.sessionmaker()
    try:
        if api_keys.is_api_key(token):
            return from_api_key(session, token, mark_used=False)[0]
        return from_access_token(session, app.state.settings, token)[0]
    except NotAuthenticated:
        return None
    finally:
        session.close()  # a rollback: nothing was written


def bearer_token(scope: Scope) -> str | None:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for key, value in headers:
        if key == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                return None
            return token.strip()
    return None
