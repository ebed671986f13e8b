"""Partner API keys: shown once, stored hashed, scoped, expiring and revocable."""

import uuid
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.identity.models import ApiKey
from api.security.principal import Role, Scope
from tests.support.auth import bearer, login_headers, make_agency, make_api_key, make_panel

ME = "/api/v1/auth/me"


def key_id_of(key: str) -> uuid.UUID:
    return uuid.UUID(hex=key.split("_", 2)[1])


def test_admin_issues_a_key_shown_once_and_stored_hashed(client: TestClient,
                                                         session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    admin = login_headers(client, session, is_administrator=True)
    created = client.post("/api/v1/admin/api-keys", headers=admin, json={
        "agency_id": str(agency.id), "name": "case system", "scopes": ["referrals:submit"]})
    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("mk_")
    stored = session.get(ApiKey, key_id_of(key))
    assert key.split("_", 2)[2] not in stored.secret_hash
    listed = client.get("/api/v1/admin/api-keys", headers=admin,
                        params={"agency_id": str(agency.id)}).json()["items"]
    assert "key" not in listed[0]
    me = client.get(ME, headers=bearer(key)).json()
    assert me["panels"] == [{"panel_id": str(panel.id), "roles": [Role.referrer.value]}]
    assert me["agency_id"] == str(agency.id)


def test_wrong_revoked_and_expired_keys_are_refused(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    good = make_api_key(session, agency, Scope.referrals_read)
    assert client.get(ME, headers=bearer(good)).status_code == 200
    forged = good[:-4] + ("aaaa" if not good.endswith("aaaa") else "bbbb")
    assert client.get(ME, headers=bearer(forged)).status_code == 401
    assert client.get(ME, headers=bearer("mk_nothex_secret")).status_code == 401
    expired = make_api_key(session, agency, Scope.referrals_read, expires_in=timedelta(seconds=-1))
    assert client.get(ME, headers=bearer(expired)).status_code == 401
    admin = login_headers(client, session, is_administrator=True)
    revoked = client.post(f"/api/v1/admin/api-keys/{key_id_of(good)}/revoke", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert client.get(ME, headers=bearer(good)).status_code == 401


def test_use_records_last_used_time_at_most_once_a_minute(client: TestClient,
                                                          session: Session) -> None:
    key = make_api_key(session, make_agency(session), Scope.referrals_submit)
    client.get(ME, headers=bearer(key))
    session.expire_all()
    stored = session.get(ApiKey, key_id_of(key))
    first_use = stored.last_used_at
    assert first_use is not None
    client.get(ME, headers=bearer(key))  # within a minute: no write on the hot path
    session.expire_all()
    assert session.get(ApiKey, key_id_of(key)).last_used_at == first_use
    stored.last_used_at = first_use - timedelta(minutes=2)
    session.commit()
    client.get(ME, headers=bearer(key))
    session.expire_all()
    assert session.get(ApiKey, key_id_of(key)).last_used_at > first_use


def test_keys_cannot_administer(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    key = make_api_key(session, agency, Scope.referrals_submit, Scope.referrals_read)
    response = client.get("/api/v1/admin/users", headers=bearer(key))
    assert response.status_code == 403


def test_api_key_rate_limit(client: TestClient, session: Session) -> None:
    key = make_api_key(session, make_agency(session), Scope.referrals_read)
    limiter = client.app.state.rate_limiter
    limiter.reset()
    key_id = str(key_id_of(key))
    for _ in range(limiter.limits.api_key.amount):
        limiter.hit(limiter.limits.api_key, key_id)
    response = client.get(ME, headers=bearer(key))
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1
    limiter.reset()
