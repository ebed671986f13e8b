"""A valid request for every writing route, keyed by operationId, made ready to send.

Each builder arranges what its request needs (a user to update, a referral to triage with its
ETag, a refresh token) through the real API and factories, and returns the request unsent with
the status it answers when all is well. A new writing route needs a builder here:
tests/audit/test_writes_commit_with_their_entry.py fails until it has one.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyotp
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.db import utcnow
from api.identity.models import UserMfa
from api.security.principal import Role, Scope
from tests.referrals.factories import referral_body
from tests.support.auth import (
    TEST_PASSWORD,
    bearer,
    login,
    login_headers,
    make_agency,
    make_api_key,
    make_panel,
    make_user,
)

USERS = "/api/v1/admin/users"
KEYS = "/api/v1/admin/api-keys"
REFERRALS = "/api/v1/referrals"


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None
    status: int = 200  # the answer when the audit trail accepts the entry
    writes: bool = True  # False: a read sent as POST (search terms stay out of URLs)

    def send(self, client: TestClient) -> Any:
        client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
        return client.request(self.method, self.url, headers=self.headers, json=self.json)


Builder = Callable[[TestClient, Session], Call]


def _login(client: TestClient, session: Session) -> Call:
    user = make_user(session, make_agency(session))
    return Call("POST", "/api/v1/auth/login", json={"email": user.email, "password": TEST_PASSWORD})


def _login_refused(client: TestClient, session: Session) -> Call:
    """A wrong password still writes: the failure count that throttles guessing."""
    user = make_user(session, make_agency(session))
    return Call("POST", "/api/v1/auth/login", status=401,
                json={"email": user.email, "password": "not the password at all"})


def _refresh(client: TestClient, session: Session) -> Call:
    tokens = login(client, make_user(session, make_agency(session)).email)
    return Call("POST", "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})


def _refresh_reused(client: TestClient, session: Session) -> Call:
    """A reused refresh token still writes: it ends the whole login it belonged to."""
    used = login(client, make_user(session, make_agency(session)).email)["refresh_token"]
    client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": used}).status_code == 200
    return Call("POST", "/api/v1/auth/refresh", json={"refresh_token": used}, status=401)


def _logout(client: TestClient, session: Session) -> Call:
    tokens = login(client, make_user(session, make_agency(session)).email)
    return Call("POST", "/api/v1/auth/logout", bearer(tokens["access_token"]), status=204)


def _admin(client: TestClient, session: Session) -> dict[str, str]:
    return login_headers(client, session, is_administrator=True)


def _create_user(client: TestClient, session: Session) -> Call:
    agency = make_agency(session)
    return Call("POST", USERS, _admin(client, session), status=201, json={
        "email": f"new-{uuid.uuid4().hex[:12]}@example.test",
        "password": f"correct horse {uuid.uuid4().hex}", "agency_id": str(agency.id)})


def _update_user(client: TestClient, session: Session) -> Call:
    admin = _admin(client, session)
    target = make_user(session, make_agency(session))
    etag = client.get(f"{USERS}/{target.id}", headers=admin).headers["ETag"]
    return Call("PATCH", f"{USERS}/{target.id}", admin | {"If-Match": etag},
                json={"is_active": False})


def _create_api_key(client: TestClient, session: Session) -> Call:
    agency = make_agency(session)
    return Call("POST", KEYS, _admin(client, session), status=201, json={
        "agency_id": str(agency.id), "name": "case system", "scopes": ["referrals:submit"]})


def _revoke_api_key(client: TestClient, session: Session) -> Call:
    plaintext = make_api_key(session, make_agency(session), Scope.referrals_submit)
    key_id = uuid.UUID(hex=plaintext.split("_")[1])
    return Call("POST", f"{KEYS}/{key_id}/revoke", _admin(client, session))


def _coordinator(client: TestClient, session: Session) -> tuple[dict[str, str], uuid.UUID]:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    return login_headers(client, session, Role.coordinator, panel, agency=agency), panel.id


def _submit_referral(client: TestClient, session: Session) -> Call:
    headers, panel_id = _coordinator(client, session)
    return Call("POST", REFERRALS, headers | {"Idempotency-Key": uuid.uuid4().hex},
                json=referral_body(panel_id), status=201)


def _triage_referral(client: TestClient, session: Session) -> Call:
    headers, panel_id = _coordinator(client, session)
    submitted = client.post(REFERRALS, headers=headers, json=referral_body(panel_id))
    assert submitted.status_code == 201, submitted.text
    return Call("POST", f"{REFERRALS}/{submitted.json()['id']}/triage",
                headers | {"If-Match": submitted.headers["ETag"]},
                json={"outcome": "accept_new_case"})


def _submitted(client: TestClient, session: Session) -> tuple[dict[str, str], uuid.UUID, Any]:
    headers, panel_id = _coordinator(client, session)
    submitted = client.post(REFERRALS, headers=headers, json=referral_body(panel_id))
    assert submitted.status_code == 201, submitted.text
    return headers, panel_id, submitted


def _amend_referral(client: TestClient, session: Session) -> Call:
    headers, panel_id, submitted = _submitted(client, session)
    return Call("PUT", submitted.headers["Location"],
                headers | {"If-Match": submitted.headers["ETag"]},
                json=referral_body(panel_id, reason="Amended: a further incident"))


def _withdraw_referral(client: TestClient, session: Session) -> Call:
    headers, _, submitted = _submitted(client, session)
    return Call("POST", f"{submitted.headers['Location']}/withdrawal",
                headers | {"If-Match": submitted.headers["ETag"]},
                json={"reason": "Sent to the wrong panel"})


def _load_panel_instrument(client: TestClient, session: Session) -> Call:
    panel = make_panel(session, make_agency(session))
    yes_no = [{"value": "yes", "label": "Yes", "weight": 1},
              {"value": "no", "label": "No", "weight": 0}]
    return Call("POST", f"/api/v1/panels/{panel.id}/instruments", _admin(client, session),
                status=201, json={"key": "local", "version": "v1", "title": "Local",
                                  "scoring": "ticks", "threshold": 1, "questions": [
                                      {"id": "q1", "order": 1, "text": "Concern?",
                                       "options": yes_no}]})


def _search_people(client: TestClient, session: Session) -> Call:
    headers, panel_id = _coordinator(client, session)
    return Call("POST", "/api/v1/people/search", headers, writes=False,
                json={"panel_id": str(panel_id), "name": "Alex Example"})


def _enrolled(client: TestClient, session: Session) -> tuple[Any, str]:
    """A user whose TOTP is on, and its secret."""
    user = make_user(session, make_agency(session))
    secret = pyotp.random_base32()
    session.add(UserMfa(user_id=user.id, secret=secret, enabled_at=utcnow()))
    session.commit()
    return user, secret


def _mfa_token(client: TestClient, email: str) -> str:
    client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
    return str(client.post("/api/v1/auth/login", json={
        "email": email, "password": TEST_PASSWORD}).json()["mfa_token"])


def _login_mfa(client: TestClient, session: Session) -> Call:
    user, secret = _enrolled(client, session)
    return Call("POST", "/api/v1/auth/login/mfa", json={
        "mfa_token": _mfa_token(client, user.email), "code": pyotp.TOTP(secret).now()})


def _login_mfa_wrong_code(client: TestClient, session: Session) -> Call:
    """A wrong code still writes: the count that slows down guessing codes."""
    user, secret = _enrolled(client, session)
    wrong = f"{(int(pyotp.TOTP(secret).now()) + 500_000) % 1_000_000:06d}"
    return Call("POST", "/api/v1/auth/login/mfa", status=401, json={
        "mfa_token": _mfa_token(client, user.email), "code": wrong})


def _own_login(client: TestClient, session: Session) -> dict[str, str]:
    return bearer(login(client, make_user(session, make_agency(session)).email)["access_token"])


def _start_mfa(client: TestClient, session: Session) -> Call:
    return Call("POST", "/api/v1/auth/mfa/enrolment", _own_login(client, session))


def _confirm_mfa(client: TestClient, session: Session) -> Call:
    headers = _own_login(client, session)
    secret = client.post("/api/v1/auth/mfa/enrolment", headers=headers).json()["secret"]
    return Call("POST", "/api/v1/auth/mfa/enrolment/confirm", headers,
                json={"code": pyotp.TOTP(secret).now()})


def _change_password(client: TestClient, session: Session) -> Call:
    return Call("POST", "/api/v1/auth/password", _own_login(client, session), status=204, json={
        "current_password": TEST_PASSWORD, "new_password": f"amber quarry {uuid.uuid4().hex}"})


def _change_password_wrong(client: TestClient, session: Session) -> Call:
    """A wrong current password still writes: the failure count, as at login."""
    return Call("POST", "/api/v1/auth/password", _own_login(client, session), status=422, json={
        "current_password": "not the password", "new_password": "amber quarry lantern"})


def _unlock_user(client: TestClient, session: Session) -> Call:
    user = make_user(session, make_agency(session))
    client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
    client.post("/api/v1/auth/login", json={"email": user.email, "password": "wrong guess"})
    return Call("POST", f"{USERS}/{user.id}/unlock", _admin(client, session))


def _reset_mfa(client: TestClient, session: Session) -> Call:
    user, _ = _enrolled(client, session)
    return Call("POST", f"{USERS}/{user.id}/mfa/reset", _admin(client, session))


# Every writing operation of the app: the coverage test compares this with the route table.
WRITES: dict[str, Builder] = {
    "login": _login, "refreshToken": _refresh, "logout": _logout,
    "createUser": _create_user, "updateUser": _update_user,
    "createApiKey": _create_api_key, "revokeApiKey": _revoke_api_key,
    "submitReferral": _submit_referral, "triageReferral": _triage_referral,
    "amendReferral": _amend_referral, "withdrawReferral": _withdraw_referral,
    "loadPanelInstrument": _load_panel_instrument, "searchPeople": _search_people,
    "loginMfa": _login_mfa, "startMfaEnrolment": _start_mfa,
    "confirmMfaEnrolment": _confirm_mfa, "changePassword": _change_password,
    "unlockUser": _unlock_user, "resetUserMfa": _reset_mfa,
}
# Refusals that still change something, and so commit with their entry too.
REFUSALS_THAT_WRITE: dict[str, Builder] = {
    "login (wrong password)": _login_refused,
    "refreshToken (reused token)": _refresh_reused,
    "loginMfa (wrong code)": _login_mfa_wrong_code,
    "changePassword (wrong current password)": _change_password_wrong,
}
