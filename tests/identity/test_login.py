"""Login: one refusal for unknown users and wrong passwords; lockout, throttling, password rules."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.identity.models import User
from api.identity.service import MAX_FAILED_LOGINS
from api.security import passwords
from tests.support.auth import TEST_PASSWORD, bearer, login, make_agency, make_user

LOGIN = "/api/v1/auth/login"


def _attempt(client: TestClient, email: str, password: str) -> dict:
    response = client.post(LOGIN, json={"email": email, "password": password})
    body = response.json()
    body.pop("request_id", None)
    return {"status": response.status_code, "body": body}


def test_login_returns_tokens_that_work(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    tokens = login(client, user.email.upper())
    assert (tokens["token_type"], tokens["expires_in"]) == ("bearer", 15 * 60)  # noqa: S105
    me = client.get("/api/v1/auth/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 200
    assert me.json()["user_id"] == str(user.id)


def test_unknown_user_and_wrong_password_are_indistinguishable(
        client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    client.app.state.rate_limiter.reset()
    wrong_password = _attempt(client, user.email, "not the password at all")
    unknown_user = _attempt(client, "nobody-here@example.test", "not the password at all")
    assert wrong_password == unknown_user
    assert wrong_password["status"] == 401
    assert wrong_password["body"]["type"] == "/problems/unauthenticated"


def test_repeated_failures_lock_the_account(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    client.app.state.rate_limiter.reset()
    for _ in range(MAX_FAILED_LOGINS):
        assert _attempt(client, user.email, "wrong password here")["status"] == 401
    locked = _attempt(client, user.email, TEST_PASSWORD)
    assert locked == _attempt(client, "nobody-here@example.test", TEST_PASSWORD)
    session.expire_all()
    assert session.get(User, user.id).locked_until is not None


def test_disabled_user_cannot_log_in(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    user.is_active = False
    session.commit()
    client.app.state.rate_limiter.reset()
    assert _attempt(client, user.email, TEST_PASSWORD)["status"] == 401


def test_login_rate_limit_answers_429_with_retry_after(client: TestClient) -> None:
    client.app.state.rate_limiter.reset()
    statuses = []
    for _ in range(12):
        response = client.post(LOGIN, json={"email": "throttled@example.test", "password": "x"})
        statuses.append(response.status_code)
    assert statuses[:10] == [401] * 10
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1
    assert response.json()["type"] == "/problems/rate-limited"


def test_credentials_in_the_url_are_not_accepted(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    response = client.post(LOGIN, params={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 422


@pytest.mark.parametrize("password", [
    pytest.param("short1!", id="under-12"),
    pytest.param("Password123456", id="common-base-with-digits"),
    pytest.param("QWERTYUIOP123", id="common-case-insensitive"),
    pytest.param("correcthorsebatterystaple", id="famous-phrase"),
    pytest.param("x" * 129, id="over-128"),
])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(passwords.WeakPassword):
        passwords.check_new_password(password)


@pytest.mark.parametrize("length", [12, 64, 100, 128])
def test_long_passphrases_are_accepted(length: int) -> None:
    phrase = ("velvet harbour orbit " * 10)[:length]
    passwords.check_new_password(phrase)
    assert passwords.verify_password(phrase, passwords.hash_password(phrase))


def test_common_password_list_ships_with_the_package() -> None:
    assert len(passwords.common_passwords()) >= 300
    assert "password" in passwords.common_passwords()
