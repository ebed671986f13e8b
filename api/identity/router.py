"""Login, token refresh, logout and the caller's own identity."""

from fastapi import APIRouter, Request, Response

from api.audit.unit_of_work import commit_audited
from api.db import SessionDep
from api.identity import refresh_cookie, service, throttle
from api.identity.principals import user_principal
from api.identity.schemas import LoginRequest, Me, PanelRoles, RefreshRequest, TokenResponse
from api.identity.service import TokenPair
from api.problems import BadRequest, TooManyRequests, Unauthenticated, problem_responses
from api.security import tokens
from api.security.dependencies import PrincipalDep

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
# The same words for every refused login: they never say whether the account exists.
LOGIN_REFUSED = "The email or password is incorrect, or the account is locked or disabled."


@router.post("/login", operation_id="login", response_model=TokenResponse,
             responses=problem_responses(BadRequest, Unauthenticated, TooManyRequests))
def login(body: LoginRequest, request: Request, response: Response, session: SessionDep,
          wants_cookie: refresh_cookie.WantsCookie = False) -> TokenResponse:
    """Exchanges email and password for an access token (15 minutes) and a refresh token."""
    settings = request.app.state.settings
    identity = tokens.keyed_hash(settings, "login", body.email.strip().lower())
    request.state.audit_subject_hash = identity
    limiter = request.app.state.rate_limiter
    limiter.hit(limiter.limits.login_per_client, _client(request))
    limiter.hit(limiter.limits.login_per_identity, identity)
    try:
        user = service.authenticate(session, settings, identity, body.email, body.password)
    except throttle.LoginThrottled as exc:
        session.rollback()
        raise TooManyRequests("Too many failed attempts; try again later.",
                              headers={"Retry-After": str(exc.retry_after)}) from None
    except service.LoginRefused:
        commit_audited(session, request, 401)  # keeps the failure count and any lockout
        raise Unauthenticated(LOGIN_REFUSED) from None
    pair = service.start_login(session, settings, user)
    request.state.principal = user_principal(session, user)  # the entry names who logged in
    commit_audited(session, request, 200)
    return _tokens(pair, response, request, wants_cookie)


@router.post("/refresh", operation_id="refreshToken", response_model=TokenResponse,
             responses=problem_responses(BadRequest, Unauthenticated, TooManyRequests))
def refresh(request: Request, response: Response, session: SessionDep,
            body: RefreshRequest | None = None,
            requested_with: refresh_cookie.RequestedWith = None) -> TokenResponse:
    """Rotates a refresh token (body, or the browser app's cookie); reuse ends the whole login."""
    limiter = request.app.state.rate_limiter
    limiter.hit(limiter.limits.refresh_per_client, _client(request))
    from_cookie = body is None
    presented = (refresh_cookie.token_from_cookie(request, requested_with) if body is None
                 else body.refresh_token)
    try:
        pair = service.rotate(session, request.app.state.settings, presented)
    except service.RefreshRefused:
        commit_audited(session, request, 401)  # keeps the revocation a reused token triggers
        raise Unauthenticated("The refresh token is not valid.") from None
    request.state.principal = user_principal(session, pair.user)
    commit_audited(session, request, 200)
    return _tokens(pair, response, request, from_cookie)


@router.post("/logout", operation_id="logout", status_code=204,
             responses=problem_responses(Unauthenticated))
def logout(request: Request, session: SessionDep, principal: PrincipalDep) -> Response:
    """Ends this login at once: its access and refresh tokens stop working."""
    session_id = getattr(request.state, "login_session_id", None)
    if session_id is not None:  # an API key has no login to end: the middleware records it
        service.end_login(session, session_id)
        commit_audited(session, request, 204)
    response = Response(status_code=204)
    refresh_cookie.clear_cookie(response, request)
    return response


@router.get("/me", operation_id="getMe", response_model=Me,
            responses=problem_responses(Unauthenticated))
def me(principal: PrincipalDep) -> Me:
    """Who the caller is: agency, administrator flag and roles per panel."""
    panels = [PanelRoles(panel_id=p, roles=sorted(r)) for p, r in principal.panel_roles.items()]
    return Me(user_id=principal.subject_id, agency_id=principal.agency_id,
              is_administrator=principal.is_administrator, panels=panels)


def _tokens(pair: TokenPair, response: Response, request: Request,
            as_cookie: bool) -> TokenResponse:
    """The token pair; with `as_cookie` the refresh token goes only into the HttpOnly cookie."""
    if as_cookie:
        refresh_cookie.set_cookie(response, request, request.app.state.settings,
                                  pair.refresh_token)
    return TokenResponse(access_token=pair.access_token, expires_in=pair.expires_in,
                         refresh_token=None if as_cookie else pair.refresh_token)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"
