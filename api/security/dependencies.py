"""The one dependency through which every protected route learns its caller.

Credentials come in one header, `Authorization: Bearer <token>`: either a user's access token
(from POST /api/v1/auth/login) or a partner system's API key (`mk_...`). Nothing else is
accepted; a missing or invalid credential answers 401 with the same problem document.
"""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.db import SessionDep
from api.identity import api_keys
from api.identity.principals import NotAuthenticated, from_access_token, from_api_key
from api.problems import Unauthenticated
from api.security.principal import Principal

bearer = HTTPBearer(auto_error=False, scheme_name="bearer",
                    description="A user's access token from /api/v1/auth/login, or a partner "
                                "system's API key (mk_...).")
_REFUSED = "Valid credentials are required."


def current_principal(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated(_REFUSED, headers={"WWW-Authenticate": "Bearer"})
    token = credentials.credentials
    try:
        if api_keys.is_api_key(token):
            principal, marked_used = from_api_key(session, token)
            limiter = request.app.state.rate_limiter
            limiter.hit(limiter.limits.api_key, str(principal.subject_id))
            if marked_used:  # last_used_at moved (at most once a minute per key)
                session.commit()  # nothing else is pending yet
        else:
            principal, request.state.login_session_id = from_access_token(
                session, request.app.state.settings, token)
    except NotAuthenticated as exc:
        raise Unauthenticated(_REFUSED, headers={"WWW-Authenticate": "Bearer"}) from exc
    request.state.principal = principal
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
