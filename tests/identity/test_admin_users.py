"""Administrators create, list, read and update users with If-Match; changes bite at once."""

import secrets

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.security.principal import Role
from tests.support.auth import bearer, login, login_headers, make_agency, make_panel

USERS = "/api/v1/admin/users"
PASSPHRASE = " ".join(secrets.token_hex(4) for _ in range(4))  # random, 35 characters


def _create(client: TestClient, admin: dict[str, str], agency_id: str, panel_id: str) -> dict:
    response = client.post(USERS, headers=admin, json={
        "email": f"worker-{panel_id[-12:]}@example.test", "password": PASSPHRASE,
        "agency_id": agency_id, "memberships": [{"panel_id": panel_id, "role": "coordinator"}]})
    assert response.status_code == 201, response.text
    assert response.headers["Location"].endswith(response.json()["id"])
    return {"body": response.json(), "etag": response.headers["ETag"]}


def test_create_read_update_with_etags(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    admin = login_headers(client, session, is_administrator=True)
    created = _create(client, admin, str(agency.id), str(panel.id))
    user_id, email = created["body"]["id"], created["body"]["email"]
    assert "password" not in created["body"] and "password_hash" not in created["body"]
    old_token = login(client, email, PASSPHRASE)["access_token"]

    url = f"{USERS}/{user_id}"
    missing = client.patch(url, headers=admin, json={"memberships": []})
    assert missing.status_code == 428
    stale = client.patch(url, headers=admin | {"If-Match": '"999"'}, json={"memberships": []})
    assert stale.status_code == 412
    etag = client.get(url, headers=admin).headers["ETag"]
    changed = client.patch(url, headers=admin | {"If-Match": etag}, json={
        "memberships": [{"panel_id": str(panel.id), "role": Role.chair.value}]})
    assert changed.status_code == 200
    assert changed.json()["memberships"] == [{"panel_id": str(panel.id), "role": "chair"}]
    assert changed.headers["ETag"] != etag
    # A token issued before the role change no longer works.
    assert client.get("/api/v1/auth/me", headers=bearer(old_token)).status_code == 401
    fresh = login(client, email, PASSPHRASE)["access_token"]
    me = client.get("/api/v1/auth/me", headers=bearer(fresh)).json()
    assert me["panels"] == [{"panel_id": str(panel.id), "roles": ["chair"]}]


def test_disabling_a_user_ends_their_sessions(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    admin = login_headers(client, session, is_administrator=True)
    created = _create(client, admin, str(agency.id), str(panel.id))
    pair = login(client, created["body"]["email"], PASSPHRASE)
    url = f"{USERS}/{created['body']['id']}"
    disabled = client.patch(url, headers=admin | {"If-Match": created["etag"]},
                            json={"is_active": False})
    assert disabled.status_code == 200
    assert client.get("/api/v1/auth/me", headers=bearer(pair["access_token"])).status_code == 401
    refresh = client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert refresh.status_code == 401


def test_weak_initial_password_and_duplicates_refused(client: TestClient,
                                                      session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    admin = login_headers(client, session, is_administrator=True)
    weak = client.post(USERS, headers=admin, json={
        "email": "weak@example.test", "password": "Password1234!", "agency_id": str(agency.id)})
    assert weak.status_code == 422
    assert weak.json()["errors"][0]["pointer"] == "/body/password"
    created = _create(client, admin, str(agency.id), str(panel.id))
    duplicate = client.post(USERS, headers=admin, json={
        "email": created["body"]["email"], "password": PASSPHRASE, "agency_id": str(agency.id)})
    assert duplicate.status_code == 409


def test_list_pages_with_a_cursor(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    admin = login_headers(client, session, is_administrator=True, agency=agency)
    login_headers(client, session, Role.idva, panel, agency=agency)
    first = client.get(USERS, headers=admin, params={"agency_id": str(agency.id), "limit": 1})
    assert first.status_code == 200 and len(first.json()["items"]) == 1
    cursor = first.json()["next_cursor"]
    second = client.get(USERS, headers=admin, params={"agency_id": str(agency.id),
                                                     "limit": 1, "cursor": cursor}).json()
    assert {first.json()["items"][0]["id"], second["items"][0]["id"]} == {
        u["id"] for u in client.get(USERS, headers=admin,
                                    params={"agency_id": str(agency.id)}).json()["items"]}


def test_non_administrators_are_refused(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    coordinator = login_headers(client, session, Role.coordinator, panel, agency=agency)
    assert client.get(USERS, headers=coordinator).status_code == 403
