"""Issue 8, item 8: changing one's password needs the current one, refuses weak ones, and ends
every other login of the user."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.identity.models import User
from api.security import passwords
from tests.support.auth import TEST_PASSWORD, bearer, login, make_agency, make_user

PASSWORD, ME = "/api/v1/auth/password", "/api/v1/auth/me"
NEW = "amber quarry lantern whistle"


def test_a_change_ends_the_other_logins_only(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    other = login(client, user.email)
    this = login(client, user.email)
    changed = client.post(PASSWORD, headers=bearer(this["access_token"]),
                          json={"current_password": TEST_PASSWORD, "new_password": NEW})
    assert changed.status_code == 204
    assert client.get(ME, headers=bearer(this["access_token"])).status_code == 200
    assert client.get(ME, headers=bearer(other["access_token"])).status_code == 401
    refreshed = client.post("/api/v1/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert refreshed.status_code == 401
    assert login(client, user.email, NEW)["access_token"]
    session.expire_all()
    assert passwords.verify_password(NEW, session.get(User, user.id).password_hash)


def test_a_wrong_current_password_changes_nothing(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    pair = login(client, user.email)
    refused = client.post(PASSWORD, headers=bearer(pair["access_token"]),
                          json={"current_password": "not the password", "new_password": NEW})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "/body/current_password"
    assert login(client, user.email)["access_token"]  # the old password still works


def test_weak_or_unchanged_new_passwords_are_refused(client: TestClient,
                                                     session: Session) -> None:
    user = make_user(session, make_agency(session))
    headers = bearer(login(client, user.email)["access_token"])
    for new in ("Password123456", "qazwsxedcrfvtgb", TEST_PASSWORD):
        client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
        refused = client.post(PASSWORD, headers=headers,
                              json={"current_password": TEST_PASSWORD, "new_password": new})
        assert refused.status_code == 422, new
        assert refused.json()["errors"][0]["pointer"] == "/body/new_password"


def test_guessing_the_current_password_is_throttled(client: TestClient,
                                                    session: Session) -> None:
    user = make_user(session, make_agency(session))
    headers = bearer(login(client, user.email)["access_token"])
    statuses = [client.post(PASSWORD, headers=headers, json={
        "current_password": "a wrong guess", "new_password": NEW}).status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]
