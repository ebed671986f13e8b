"""Login, token refresh, logout and the caller's own identity."""

from typing import Literal

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from api.audit.unit_of_work import commit_audited
from api.config import Settings
from api.db import SessionDep
from api.identity import mfa, refresh_cookie, service, throttle
from api.identity.models import User
from api.identity.principals import user_principal
from api.identity.replies import client_of, token_response
from api.identity.schemas import (
    LoginRequest,
    Me,
    MfaChallenge,
    PanelRoles,
    PasswordChange,
    RefreshRequest,
    TokenResponse,
)
from api.identity.service import TokenPair
from api.problems import (
    BadRequest,
    FieldError,
    Forbidden,
    Problem,
    TooManyRequests,
    Unauthenticated,
    ValidationFailed,
    problem_responses,
)
from api.security import passwords, tokens
from api.security.dependencies import PrincipalDep

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
# The same words for every refused login: they never say whether the account exists.
LOGIN_REFUSED = "The email or password is incorrect, or the account is disabled."


@router.post("/login", operation_id="login", response_model=TokenResponse | MfaChallenge,
             responses=problem_responses(BadRequest, Unauthenticated, TooManyRequests))
def login(body: LoginRequest, request: Request, response: Response, session: SessionDep,
          wants_cookie: refresh_cookie.WantsCookie = False) -> TokenResponse | MfaChallenge:
    """Exchanges email and password for tokens, or for an MFA challenge when a second factor is
    enrolled or required."""
    settings = request.app.state.settings
    email = body.email.strip().lower()
    identity = tokens.keyed_hash(settings, "login", email)
    pair_key = tokens.keyed_hash(settings, "login-client", f"{email}\n{client_of(request)}")
    request.state.audit_subject_hash = identity
    limiter = request.app.state.rate_limiter
    limiter.hit(limiter.limits.login_per_client, client_of(request))
    limiter.hit(limiter.limits.login_per_identity, pair_key)
    try:
        user = service.authenticate(session, settings, identity, pair_key, email, body.password)
    except throttle.LoginThrottled as exc:
        session.rollback()
        raise TooManyRequests("Too many failed attempts; try again later.",
                              headers={"Retry-After": str(exc.retry_after)}) from None
    except service.LoginRefused:
        commit_audited(session, request, 401)  # keeps the failure counts
        raise Unauthenticated(LOGIN_REFUSED) from None
    request.state.principal = user_principal(session, user)
    challenge = mfa_challenge(session, settings, user)
    if challenge is not None:
        commit_audited(session, request, 200)  # the password step's success: counts forgotten
        return challenge
    pair = service.start_login(session, settings, user)
    commit_audited(session, request, 200)
    return _tokens(pair, response, request, wants_cookie)


def mfa_challenge(session: Session, settings: Settings, user: User) -> MfaChallenge | None:
    """The second step of this login, if it has one."""
    if mfa.enrolled(session, user.id):
        purpose: Literal["required", "enrolment_required"] = "required"
    elif mfa.required_for(session, settings, user):
        purpose = "enrolment_required"
    else:
        return None
    token, expires_in = tokens.issue_mfa_token(
        settings, user.id, user.token_version, "verify" if purpose == "required" else "enrol")
    return MfaChallenge(mfa=purpose, mfa_token=token, expires_in=expires_in)


@router.post("/refresh", operation_id="refreshToken", response_model=TokenResponse,
             responses=problem_responses(BadRequest, Unauthenticated, TooManyRequests))
def refresh(request: Request, response: Response, session: SessionDep,
            body: RefreshRequest | None = None,
            requested_with: refresh_cookie.RequestedWith = None) -> TokenResponse:
    """Rotates a refresh token (body, or the browser app's cookie); reuse ends the whole login."""
    limiter = request.app.state.rate_limiter
    limiter.hit(limiter.limits.refresh_per_client, client_of(request))
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


@router.post("/password", operation_id="changePassword", status_code=204,
             responses=problem_responses(BadRequest, Unauthenticated, Forbidden,
                                         TooManyRequests))
def change_password(body: PasswordChange, request: Request, session: SessionDep,
                    principal: PrincipalDep) -> Response:
    """Changes the caller's password; every other login of theirs ends."""
    if principal.kind != "user":
        raise Forbidden("Only users have passwords.")
    settings = request.app.state.settings
    user = session.get(User, principal.subject_id)
    assert user is not None  # noqa: S101 - the principal was loaded from this very row
    identity = tokens.keyed_hash(settings, "login", user.email)
    pair_key = tokens.keyed_hash(settings, "login-client", f"{user.email}\n{client_of(request)}")
    try:  # the current password is guessed no faster here than at login
        service.authenticate(session, settings, identity, pair_key, user.email,
                             body.current_password)
    except throttle.LoginThrottled as exc:
        session.rollback()
        raise TooManyRequests("Too many failed attempts; try again later.",
                              headers={"Retry-After": str(exc.retry_after)}) from None
    except service.LoginRefused:
        commit_audited(session, request, 422)
        raise _field_error("current_password", "The current password is not correct.") from None
    _check_new(body, user.email)
    service.change_password(session, user, body.new_password,
                            getattr(request.state, "login_session_id", None))
    commit_audited(session, request, 204)
    return Response(status_code=204)


def _check_new(body: PasswordChange, email: str) -> None:
    if body.new_password == body.current_password:
        raise _field_error("new_password", "The new password must differ from the current one.")
    try:
        passwords.check_new_password(body.new_password, (email,))
    except passwords.WeakPassword as exc:
        raise _field_error("new_password", str(exc)) from None


def _field_error(field: str, detail: str) -> Problem:
    return ValidationFailed("The password was not changed.", errors=[
        FieldError(pointer=f"/body/{field}", detail=detail)])


@router.get("/me", operation_id="getMe", response_model=Me,
            responses=problem_responses(Unauthenticated))
def me(principal: PrincipalDep) -> Me:
    """Who the caller is: agency, administrator flag and roles per panel."""
    panels = [PanelRoles(panel_id=p, roles=sorted(r)) for p, r in principal.panel_roles.items()]
    return Me(user_id=principal.subject_id, agency_id=principal.agency_id,
              is_administrator=principal.is_administrator,
              is_sharing_approver=principal.is_sharing_approver, panels=panels)


def _tokens(pair: TokenPair, response: Response, request: Request,
            as_cookie: bool) -> TokenResponse:
    """The token pair; with `as_cookie` the refresh token goes only into the HttpOnly cookie."""
    if not as_cookie:
        return token_response(pair)
    refresh_cookie.set_cookie(response, request, request.app.state.settings, pair.refresh_token)
    return TokenResponse(access_token=pair.access_token, expires_in=pair.expires_in,
                         refresh_token=None)
