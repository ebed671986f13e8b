"""Administrators record who a user is (name, date of birth), so that no circulation reaches a
perpetrator on its cases (tests/cases/test_need_to_know.py shows the refusal)."""

import secrets

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.support.auth import login_headers, make_agency

USERS = "/api/v1/admin/users"


def test_a_users_identity_is_recorded_changed_and_cleared(client: TestClient,
                                                          session: Session) -> None:
    admin = login_headers(client, session, is_administrator=True)
    created = client.post(USERS, headers=admin, json={
        "email": f"named-{secrets.token_hex(5)}@example.test",
        "password": " ".join(secrets.token_hex(4) for _ in range(4)),
        "agency_id": str(make_agency(session).id), "given_names": "Sam",
        "family_name": "Sample", "date_of_birth": "1988-02-02"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["given_names"], body["family_name"], body["date_of_birth"]) == (
        "Sam", "Sample", "1988-02-02")
    url = f"{USERS}/{body['id']}"
    changed = client.patch(url, headers=admin | {"If-Match": created.headers["ETag"]},
                           json={"date_of_birth": None, "given_names": "Samuel"})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["given_names"], changed.json()["family_name"],
            changed.json()["date_of_birth"]) == ("Samuel", "Sample", None)
    refused = client.patch(url, headers=admin | {"If-Match": changed.headers["ETag"]},
                           json={"family_name": "Bad\u202eName"})
    assert refused.status_code == 422
