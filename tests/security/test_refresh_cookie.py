"""The browser app's refresh cookie: HttpOnly, SameSite=Strict, path-limited, CSRF-guarded."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.identity.refresh_cookie import COOKIE_NAME, COOKIE_PATH
from tests.support.auth import TEST_PASSWORD, bearer, make_agency, make_user

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
ME = "/api/v1/auth/me"
SPA = {"X-Requested-With": "marac-spa"}


def _cookie_login(client: TestClient, session: Session):  # type: ignore[no-untyped-def]
    user = make_user(session, make_agency(session))
    client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
    return client.post(LOGIN, json={"email": user.email, "password": TEST_PASSWORD},
                       headers={"X-Refresh-Cookie": "true"})


def test_login_sets_the_cookie_and_keeps_the_token_out_of_the_body(
        client: TestClient, session: Session) -> None:
    response = _cookie_login(client, session)
    assert response.status_code == 200
    assert response.json()["refresh_token"] is None
    set_cookie = response.headers["set-cookie"].lower()
    assert f"{COOKIE_NAME}=" in set_cookie
    for part in ("httponly", "samesite=strict", f"path={COOKIE_PATH}"):
        assert part in set_cookie
    assert "secure" not in set_cookie  # plain http here; https sets Secure


def test_refresh_from_the_cookie_rotates_it(client: TestClient, session: Session) -> None:
    _cookie_login(client, session)
    first = client.cookies.get(COOKIE_NAME)
    refreshed = client.post(REFRESH, headers=SPA)
    assert refreshed.status_code == 200
    assert refreshed.json()["refresh_token"] is None
    assert client.cookies.get(COOKIE_NAME) not in (None, first)
    assert client.get(ME, headers=bearer(refreshed.json()["access_token"])).status_code == 200


def test_cookie_refresh_without_the_custom_header_is_refused(
        client: TestClient, session: Session) -> None:
    _cookie_login(client, session)
    assert client.post(REFRESH).status_code == 401  # what a forged cross-site form could send
    assert client.post(REFRESH, headers=SPA).status_code == 200  # the cookie was not spent


def test_refresh_without_body_or_cookie_is_refused(client: TestClient) -> None:
    response = client.post(REFRESH, headers=SPA)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


def test_logout_revokes_and_clears_the_cookie(client: TestClient, session: Session) -> None:
    token = _cookie_login(client, session).json()["access_token"]
    spent = client.cookies.get(COOKIE_NAME)
    logout = client.post("/api/v1/auth/logout", headers=bearer(token))
    assert logout.status_code == 204
    assert f"{COOKIE_NAME}=" in logout.headers["set-cookie"]
    assert client.cookies.get(COOKIE_NAME) is None
    client.cookies.set(COOKIE_NAME, spent or "", path=COOKIE_PATH)
    assert client.post(REFRESH, headers=SPA).status_code == 401


def test_https_sets_secure(session: Session, client: TestClient) -> None:
    secure = TestClient(client.app, base_url="https://testserver")
    assert "secure" in _cookie_login(secure, session).headers["set-cookie"].lower()
