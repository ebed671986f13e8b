"""Login: one refusal for unknown users and wrong passwords; throttling, password rules."""

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.config import Settings
from api.main import create_app
from api.security import passwords
from tests.support.auth import TEST_PASSWORD, bearer, login, make_agency, make_user
from tests.support.throttle import rewind

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


def _nobody() -> str:
    """An identity no account has, fresh per test: failures are remembered per identity."""
    return f"nobody-{uuid.uuid4().hex[:10]}@example.test"


def test_unknown_user_and_wrong_password_are_indistinguishable(
        client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    client.app.state.rate_limiter.reset()
    wrong_password = _attempt(client, user.email, "not the password at all")
    unknown_user = _attempt(client, _nobody(), "not the password at all")
    assert wrong_password == unknown_user
    assert wrong_password["status"] == 401
    assert wrong_password["body"]["type"] == "/problems/unauthenticated"


def test_failures_slow_down_known_and_unknown_alike_and_never_lock(
        client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    client.app.state.rate_limiter.reset()
    for email in (user.email, _nobody()):
        seen = [_attempt(client, email, "wrong password here")["status"] for _ in range(3)]
        assert seen == [401, 401, 401]
        early = client.post(LOGIN, json={"email": email, "password": TEST_PASSWORD})
        assert early.status_code == 429, (email, early.status_code, early.text)
        assert early.headers["Retry-After"] == "1", email
        assert early.json()["type"] == "/problems/rate-limited"
        rewind(client.app, session, email, 1)
        assert _attempt(client, email, "wrong password here")["status"] == 401  # 4th failure
        assert client.post(LOGIN, json={"email": email, "password": "x"}).headers[
            "Retry-After"] == "2"
        for _ in range(12):  # many more: the delay grows to its cap, and no further
            rewind(client.app, session, email, 3600)
            client.app.state.rate_limiter.reset()
            assert _attempt(client, email, "wrong password here")["status"] == 401
        capped = client.post(LOGIN, json={"email": email, "password": TEST_PASSWORD})
        assert capped.status_code == 429
        assert 850 < int(capped.headers["Retry-After"]) <= 900
        rewind(client.app, session, email, 900)
    client.app.state.rate_limiter.reset()
    assert login(client, user.email)["access_token"]  # no lock outlasts the delay


def test_a_successful_login_forgets_earlier_failures(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    client.app.state.rate_limiter.reset()
    for _ in range(2):
        assert _attempt(client, user.email, "wrong password here")["status"] == 401
    assert login(client, user.email)["access_token"]
    for _ in range(3):  # counts from zero again: no delay before the 4th attempt
        assert _attempt(client, user.email, "wrong password here")["status"] == 401


def test_disabled_user_cannot_log_in(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    user.is_active = False
    session.commit()
    client.app.state.rate_limiter.reset()
    assert _attempt(client, user.email, TEST_PASSWORD)["status"] == 401


def test_login_rate_limit_answers_429_with_retry_after(settings: Settings) -> None:
    tight = settings.model_copy(update={"login_rate_per_identity": "2/minute"})
    app = create_app(tight)
    try:
        with TestClient(app) as client:
            email = _nobody()
            statuses = [client.post(LOGIN, json={"email": email, "password": "x"}).status_code
                        for _ in range(2)]
            response = client.post(LOGIN, json={"email": email, "password": "x"})
    finally:
        app.state.engine.dispose()
    assert statuses == [401, 401]
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


def test_common_password_list_is_large() -> None:
    """zxcvbn's 30,000 most common passwords, and this project's own list beside them."""
    assert len(passwords.common_passwords()) >= 30_000
    assert {"password", "trustno1", "qazwsxedcrfvtgb"} <= passwords.common_passwords()


@pytest.mark.parametrize("password", [
    pytest.param("saratoga2024!", id="top-30k-base-with-digits"),
    pytest.param("Greenbay1919!", id="top-30k-base-capitalised"),
    pytest.param("qazwsxedcrfvtgb", id="keyboard-walk"),
    pytest.param("abcdefghijklmnop", id="sequence"),
    pytest.param("aaaaaaaaaaaaaaaa", id="repeat"),
])
def test_passwords_outside_the_old_330_words_are_refused(password: str) -> None:
    with pytest.raises(passwords.WeakPassword):
        passwords.check_new_password(password)


def test_a_password_built_on_the_users_email_is_refused() -> None:
    with pytest.raises(passwords.WeakPassword):
        passwords.check_new_password("jo.bloggs@example.test2026",
                                     ("jo.bloggs@example.test",))
