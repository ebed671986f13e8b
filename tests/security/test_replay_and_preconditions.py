"""Issue 8, item 10: a replay re-checks authorization; over-long or future tokens are refused;
`If-Match: *` names no version."""

import time
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jose import jwt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.referrals.models import Referral, ReferralStatus
from api.security.principal import Role
from tests.referrals.factories import referral_body
from tests.support.auth import bearer, login, login_headers, make_agency, make_panel, make_user
from tests.support.principals import act_as
from tests.support.world import make_world

REFERRALS = "/api/v1/referrals"
__all__ = ["act_as"]  # the fixture


def test_a_replay_to_a_caller_who_lost_access_is_refused(client, session, act_as) -> None:
    world = make_world(session)
    act_as(world.coordinator)
    headers = {"Idempotency-Key": f"key-{uuid.uuid4()}"}
    body = referral_body(world.panel.id)
    assert client.post(REFERRALS, json=body, headers=headers).status_code == 201
    act_as(type(world.coordinator)(**world.coordinator.__dict__ | {"panel_roles": {}}))
    replay = client.post(REFERRALS, json=body, headers=headers)
    assert replay.status_code == 404
    assert replay.json()["type"] == "/problems/not-found"
    assert "Idempotent-Replayed" not in replay.headers
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Referral).where(
        Referral.panel_id == world.panel.id)) == 1


def test_a_replay_with_a_revoked_login_is_refused(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    user = make_user(session, agency, {panel.id: [Role.coordinator]})
    token = login(client, user.email)["access_token"]
    headers = bearer(token) | {"Idempotency-Key": f"key-{uuid.uuid4()}"}
    body = referral_body(panel.id)
    assert client.post(REFERRALS, json=body, headers=headers).status_code == 201
    assert client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
    assert client.post(REFERRALS, json=body, headers=headers).status_code == 401


def _claims(client: TestClient, session: Session) -> dict[str, Any]:
    user = make_user(session, make_agency(session))
    return dict(jwt.get_unverified_claims(login(client, user.email)["access_token"]))


def _me(client: TestClient, claims: dict[str, Any]) -> int:
    secret = client.app.state.settings.jwt_secret.get_secret_value()
    token = jwt.encode(claims, secret, algorithm="HS256")
    return client.get("/api/v1/auth/me", headers=bearer(token)).status_code


@pytest.mark.parametrize(("iat_shift", "lifetime", "status"), [
    pytest.param(0, 15 * 60, 200, id="as-issued"),
    pytest.param(20, 15 * 60, 200, id="iat-within-leeway"),
    pytest.param(3600, 15 * 60, 401, id="iat-an-hour-ahead"),
    pytest.param(0, 15 * 60 + 20, 200, id="lifetime-within-leeway"),
    pytest.param(0, 24 * 3600, 401, id="lifetime-a-day"),
    pytest.param(-3600, 2 * 3600, 401, id="backdated-long-lived"),
])
def test_token_lifetime_and_issue_time_are_checked(client: TestClient, session: Session,
                                                   iat_shift: int, lifetime: int,
                                                   status: int) -> None:
    claims = _claims(client, session)
    now = int(time.time())
    claims |= {"iat": now + iat_shift, "exp": now + iat_shift + lifetime}
    assert _me(client, claims) == status


def test_if_match_star_does_not_triage(client, session, act_as) -> None:
    world = make_world(session)
    act_as(world.coordinator)
    made = client.post(REFERRALS, json=referral_body(world.panel.id)).json()
    for value in ("*", 'W/"v0", *'):
        refused = client.post(f"{REFERRALS}/{made['id']}/triage", headers={"If-Match": value},
                              json={"outcome": "accept_new_case"})
        assert refused.status_code == 428
        assert refused.json()["type"] == "/problems/precondition-required"
    session.expire_all()
    assert session.get(Referral, uuid.UUID(made["id"])).status is ReferralStatus.submitted


def test_if_match_star_does_not_update_a_user(client: TestClient, session: Session) -> None:
    admin = login_headers(client, session, is_administrator=True)
    target = make_user(session, make_agency(session))
    refused = client.patch(f"/api/v1/admin/users/{target.id}", headers=admin | {"If-Match": "*"},
                           json={"is_active": False})
    assert refused.status_code == 428
    assert refused.json()["type"] == "/problems/precondition-required"
    session.expire_all()
    assert session.get(type(target), target.id).is_active is True
