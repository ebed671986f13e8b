"""The second step of a login, and enrolling an authenticator (TOTP) with recovery codes."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from api.audit.unit_of_work import commit_audited
from api.db import SessionDep
from api.identity import mfa, service, throttle
from api.identity.models import User
from api.identity.principals import user_principal
from api.identity.replies import client_of, token_response
from api.identity.schemas import (
    MfaCode,
    MfaEnrolled,
    MfaEnrolmentStarted,
    MfaLoginRequest,
    TokenResponse,
)
from api.problems import (
    BadRequest,
    Conflict,
    FieldError,
    Forbidden,
    TooManyRequests,
    Unauthenticated,
    ValidationFailed,
    problem_responses,
)
from api.security import tokens
from api.security.dependencies import bearer, current_principal

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
_WRONG_CODE = "The code is not valid."


@router.post("/login/mfa", operation_id="loginMfa", response_model=TokenResponse,
             responses=problem_responses(BadRequest, Unauthenticated, TooManyRequests))
def login_mfa(body: MfaLoginRequest, request: Request, session: SessionDep) -> TokenResponse:
    """Completes a login with the MFA token and a current code (or an unused recovery code)."""
    settings = request.app.state.settings
    limiter = request.app.state.rate_limiter
    limiter.hit(limiter.limits.login_per_client, client_of(request))
    user = _mfa_token_user(session, request, body.mfa_token, "verify")
    try:
        mfa.verify(session, settings, user, body.code)
    except throttle.LoginThrottled as exc:
        session.rollback()
        raise TooManyRequests("Too many wrong codes; try again later.",
                              headers={"Retry-After": str(exc.retry_after)}) from None
    except mfa.WrongCode:
        commit_audited(session, request, 401)  # keeps the failure count
        raise Unauthenticated(_WRONG_CODE) from None
    pair = service.start_login(session, settings, user)
    commit_audited(session, request, 200)
    return token_response(pair)


@dataclass(frozen=True)
class Enrolling:
    user: User
    during_login: bool  # the credential was an enrolment MFA token, not an access token


def enrolling_user(request: Request, session: SessionDep, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Enrolling:
    """A logged-in user (access token), or one whose login waits for enrolment (MFA token)."""
    token = credentials.credentials if credentials else ""
    try:
        claims = tokens.decode_mfa_token(request.app.state.settings, token)
    except tokens.InvalidToken:
        principal = current_principal(request, session, credentials)
        if principal.kind != "user":
            raise Forbidden("Only users enrol an authenticator.") from None
        return Enrolling(session.get(User, principal.subject_id), False)  # type: ignore[arg-type]
    return Enrolling(_user_of(session, request, claims, "enrol"), True)


EnrollingDep = Annotated[Enrolling, Depends(enrolling_user)]


@router.post("/mfa/enrolment", operation_id="startMfaEnrolment",
             response_model=MfaEnrolmentStarted,
             responses=problem_responses(Unauthenticated, Forbidden, Conflict))
def start_enrolment(request: Request, session: SessionDep,
                    enrolling: EnrollingDep) -> MfaEnrolmentStarted:
    """Makes a new TOTP secret, shown once; it works only after a code from it is confirmed."""
    try:
        secret, uri = mfa.start(session, request.app.state.settings, enrolling.user)
    except mfa.AlreadyEnrolled:
        raise Conflict("MFA is on already; an administrator can reset it.") from None
    commit_audited(session, request, 200)
    return MfaEnrolmentStarted(secret=secret, otpauth_uri=uri)


@router.post("/mfa/enrolment/confirm", operation_id="confirmMfaEnrolment",
             response_model=MfaEnrolled,
             responses=problem_responses(BadRequest, Unauthenticated, Forbidden, Conflict))
def confirm_enrolment(body: MfaCode, request: Request, session: SessionDep,
                      enrolling: EnrollingDep) -> MfaEnrolled:
    """Turns MFA on with a code from the new secret; answers the recovery codes, shown once
    (and, when this was the second step of a login, that login's tokens)."""
    settings = request.app.state.settings
    try:
        codes = mfa.confirm(session, settings, enrolling.user, body.code)
    except mfa.NotEnrolling:
        raise Conflict("Start an enrolment first.") from None
    except mfa.WrongCode:
        raise ValidationFailed(_WRONG_CODE, errors=[
            FieldError(pointer="/body/code", detail=_WRONG_CODE)]) from None
    pair = service.start_login(session, settings, enrolling.user) \
        if enrolling.during_login else None
    commit_audited(session, request, 200)
    return MfaEnrolled(recovery_codes=codes, tokens=token_response(pair) if pair else None)


def _mfa_token_user(session: SessionDep, request: Request, token: str, purpose: str) -> User:
    try:
        claims = tokens.decode_mfa_token(request.app.state.settings, token)
    except tokens.InvalidToken:
        raise Unauthenticated("The MFA token is not valid.") from None
    return _user_of(session, request, claims, purpose)


def _user_of(session: SessionDep, request: Request, claims: tokens.MfaClaims,
             purpose: str) -> User:
    """The token's user, still active, with no role or account change since it was issued."""
    user = session.get(User, claims.user_id)
    if user is None or not user.is_active or user.token_version != claims.token_version \
            or claims.purpose != purpose:
        raise Unauthenticated("The MFA token is not valid.",
                              headers={"WWW-Authenticate": "Bearer"})
    request.state.principal = user_principal(session, user)
    return user
