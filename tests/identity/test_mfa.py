"""Issue 8, item 8: TOTP enrolment with recovery codes, a login's second step, and MFA required
by deployment or panel setting for those who read personal data or administer."""

import time
from collections.abc import Iterator
from typing import Any

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.config import Settings
from api.identity.models import MfaRecoveryCode, UserMfa
from api.main import create_app
from api.security.principal import Role
from tests.support.auth import TEST_PASSWORD, bearer, login, make_agency, make_panel, make_user

LOGIN, LOGIN_MFA = "/api/v1/auth/login", "/api/v1/auth/login/mfa"
ENROL, CONFIRM = "/api/v1/auth/mfa/enrolment", "/api/v1/auth/mfa/enrolment/confirm"


def _next_code(secret: str) -> str:
    """The next time step's code: enrolment used up the current one (a code is good once)."""
    return str(pyotp.TOTP(secret).at(time.time() + 30))


def _password_step(client: TestClient, email: str) -> dict[str, Any]:
    client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
    response = client.post(LOGIN, json={"email": email, "password": TEST_PASSWORD})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _enrol(client: TestClient, headers: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """Enrols with the given credential; the secret and the confirmation's answer."""
    started = client.post(ENROL, headers=headers)
    assert started.status_code == 200, started.text
    secret = started.json()["secret"]
    assert started.json()["otpauth_uri"].startswith("otpauth://totp/")
    confirmed = client.post(CONFIRM, headers=headers, json={"code": pyotp.TOTP(secret).now()})
    assert confirmed.status_code == 200, confirmed.text
    return secret, confirmed.json()


def _enrolled_user(client: TestClient, session: Session) -> tuple[Any, str, list[str]]:
    user = make_user(session, make_agency(session))
    secret, answer = _enrol(client, bearer(login(client, user.email)["access_token"]))
    return user, secret, answer["recovery_codes"]


def test_enrolment_stores_the_secret_and_hashed_recovery_codes(client, session) -> None:
    user, secret, codes = _enrolled_user(client, session)
    assert len(codes) == 10 and len(set(codes)) == 10
    session.expire_all()
    assert session.get(UserMfa, user.id).secret == secret
    stored = set(session.scalars(select(MfaRecoveryCode.code_hash)
                                 .where(MfaRecoveryCode.user_id == user.id)))
    assert len(stored) == 10 and not stored & set(codes)  # hashes, never the codes
    again = client.post(ENROL, headers=bearer(_tokens_with_code(client, user.email, secret)))
    assert again.status_code == 409  # a second enrolment needs an administrator's reset


def _tokens_with_code(client: TestClient, email: str, secret: str) -> str:
    challenge = _password_step(client, email)
    assert challenge["mfa"] == "required" and "access_token" not in challenge
    code = _next_code(secret)
    done = client.post(LOGIN_MFA, json={"mfa_token": challenge["mfa_token"], "code": code})
    assert done.status_code == 200, done.text
    return str(done.json()["access_token"])


def test_login_needs_the_second_step_once_enrolled(client, session) -> None:
    user, secret, _ = _enrolled_user(client, session)
    challenge = _password_step(client, user.email)
    assert challenge["mfa"] == "required" and 0 < challenge["expires_in"] <= 300
    # The MFA token is no access token.
    assert client.get("/api/v1/auth/me", headers=bearer(challenge["mfa_token"])).status_code == 401
    wrong = client.post(LOGIN_MFA, json={"mfa_token": challenge["mfa_token"], "code": "000000"})
    assert wrong.status_code == 401
    code = _next_code(secret)
    ok = client.post(LOGIN_MFA, json={"mfa_token": challenge["mfa_token"], "code": code})
    assert ok.status_code == 200
    assert client.get("/api/v1/auth/me", headers=bearer(ok.json()["access_token"])).json()[
        "user_id"] == str(user.id)
    replayed = client.post(LOGIN_MFA, json={
        "mfa_token": _password_step(client, user.email)["mfa_token"], "code": code})
    assert replayed.status_code == 401  # a code is good once


def test_a_recovery_code_works_once(client, session) -> None:
    user, _, codes = _enrolled_user(client, session)
    for expected in (200, 401):
        token = _password_step(client, user.email)["mfa_token"]
        response = client.post(LOGIN_MFA, json={"mfa_token": token, "code": codes[0].upper()})
        assert response.status_code == expected


def test_wrong_codes_slow_down(client, session) -> None:
    user, _, _ = _enrolled_user(client, session)
    token = _password_step(client, user.email)["mfa_token"]
    statuses = [client.post(LOGIN_MFA, json={"mfa_token": token, "code": "123456"}).status_code
                for _ in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_a_confirmation_with_a_wrong_code_turns_nothing_on(client, session) -> None:
    user = make_user(session, make_agency(session))
    headers = bearer(login(client, user.email)["access_token"])
    assert client.post(ENROL, headers=headers).status_code == 200
    refused = client.post(CONFIRM, headers=headers, json={"code": "000000"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["pointer"] == "/body/code"
    assert "access_token" in _password_step(client, user.email)  # still one step


@pytest.fixture
def mfa_app(settings: Settings) -> Iterator[FastAPI]:
    app = create_app(settings.model_copy(update={"mfa_required": True}))
    yield app
    app.state.engine.dispose()


@pytest.mark.parametrize(("role", "administrator", "required"), [
    pytest.param(Role.coordinator, False, True, id="coordinator"),
    pytest.param(Role.referrer, False, True, id="referrer"),
    pytest.param(None, True, True, id="administrator"),
    pytest.param(Role.analyst, False, False, id="analyst-sees-no-person"),
])
def test_deployment_setting_requires_enrolment_at_login(mfa_app, session, role, administrator,
                                                        required) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    user = make_user(session, agency, {panel.id: [role]} if role else {},
                     is_administrator=administrator)
    with TestClient(mfa_app) as client:
        answer = _password_step(client, user.email)
        if not required:
            assert "access_token" in answer
            return
        assert answer["mfa"] == "enrolment_required" and "access_token" not in answer
        enrol_token = bearer(answer["mfa_token"])
        assert client.get("/api/v1/auth/me", headers=enrol_token).status_code == 401
        _, confirmed = _enrol(client, enrol_token)
        tokens = confirmed["tokens"]
        assert client.get("/api/v1/auth/me", headers=bearer(tokens["access_token"])).status_code \
            == 200
        assert _password_step(client, user.email)["mfa"] == "required"


def test_without_the_setting_nobody_is_asked(client, session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    user = make_user(session, agency, {panel.id: [Role.coordinator]}, is_administrator=True)
    assert "access_token" in _password_step(client, user.email)


def test_a_panel_setting_requires_it_of_that_panels_people(client, session) -> None:
    agency = make_agency(session)
    strict = make_panel(session, agency, mfa_required=True)
    relaxed = make_panel(session, agency)
    member = make_user(session, agency, {strict.id: [Role.idva]})
    analyst = make_user(session, agency, {strict.id: [Role.analyst]})
    elsewhere = make_user(session, agency, {relaxed.id: [Role.coordinator]})
    assert _password_step(client, member.email)["mfa"] == "enrolment_required"
    assert "access_token" in _password_step(client, analyst.email)
    assert "access_token" in _password_step(client, elsewhere.email)


def test_refresh_stops_once_mfa_is_required_and_not_enrolled(client, session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    user = make_user(session, agency, {panel.id: [Role.coordinator]})
    pair = login(client, user.email)
    panel.mfa_required = True
    session.commit()
    refreshed = client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert refreshed.status_code == 401


def test_an_administrator_resets_mfa(client, session) -> None:
    user, _, _ = _enrolled_user(client, session)
    admin = bearer(login(client, make_user(session, make_agency(session),
                                           is_administrator=True).email)["access_token"])
    assert client.get(f"/api/v1/admin/users/{user.id}", headers=admin).json()["mfa_enabled"]
    reset = client.post(f"/api/v1/admin/users/{user.id}/mfa/reset", headers=admin)
    assert reset.status_code == 200 and reset.json()["mfa_enabled"] is False
    assert "access_token" in _password_step(client, user.email)


def test_the_browser_app_gets_the_second_steps_refresh_token_as_a_cookie(client, session) -> None:
    """X-Refresh-Cookie works on the second step as on login: the body carries no refresh token
    and the HttpOnly cookie rotates on refresh (with the anti-forgery header)."""
    user, secret, _ = _enrolled_user(client, session)
    challenge = _password_step(client, user.email)
    done = client.post(LOGIN_MFA, headers={"X-Refresh-Cookie": "true"},
                       json={"mfa_token": challenge["mfa_token"], "code": _next_code(secret)})
    assert done.status_code == 200, done.text
    assert done.json()["refresh_token"] is None
    cookie = done.headers["set-cookie"]
    assert "marac_refresh=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    refreshed = client.post("/api/v1/auth/refresh", headers={"X-Requested-With": "test"})
    assert refreshed.status_code == 200, refreshed.text


def test_enrolment_during_login_can_answer_with_the_cookie(mfa_app, session) -> None:
    agency = make_agency(session)
    user = make_user(session, agency, {make_panel(session, agency).id: [Role.coordinator]})
    with TestClient(mfa_app) as client:
        enrol_token = bearer(_password_step(client, user.email)["mfa_token"])
        secret = client.post(ENROL, headers=enrol_token).json()["secret"]
        confirmed = client.post(CONFIRM, headers={**enrol_token, "X-Refresh-Cookie": "true"},
                                json={"code": pyotp.TOTP(secret).now()})
        assert confirmed.status_code == 200, confirmed.text
        assert confirmed.json()["tokens"]["refresh_token"] is None
        assert "marac_refresh=" in confirmed.headers["set-cookie"]
