"""Requests past the limits are refused with the right problem, never a 400 or a 500."""

import secrets
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.config import Settings
from api.main import create_app
from tests.support.auth import login_headers


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * min(size, total - sent)
        sent += size


def test_a_streamed_body_over_the_limit_is_413(client: TestClient) -> None:
    limit = client.app.state.settings.max_body_bytes  # type: ignore[attr-defined]
    # A generator body goes out chunked, with no Content-Length to refuse up front.
    response = client.post("/api/v1/auth/login", content=_chunks(limit + 1),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/payload-too-large"


def test_a_streamed_body_under_the_limit_is_read(client: TestClient) -> None:
    response = client.post("/api/v1/auth/login", content=iter([b'{"email": "a@b.test", ',
                                                               b'"password": "x"}']),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 401


@pytest.mark.parametrize("cursor", ["9223372036854775808", "99999999999999999999999", "0", "-1"])
def test_an_audit_cursor_out_of_range_is_a_validation_problem(
        client: TestClient, session: Session, cursor: str) -> None:
    admin = login_headers(client, session, is_administrator=True)
    response = client.get("/api/v1/audit", params={"cursor": cursor}, headers=admin)
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/validation-error"


def test_the_largest_audit_cursor_is_answered(client: TestClient, session: Session) -> None:
    admin = login_headers(client, session, is_administrator=True)
    response = client.get("/api/v1/audit", params={"cursor": str(2**63 - 1), "limit": 1},
                          headers=admin)
    assert response.status_code == 200
    assert len(response.json()["items"]) == 1


def test_a_request_for_another_host_is_refused(client: TestClient) -> None:
    response = client.get("/health", headers={"Host": "evil.example.test"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/bad-request"
    assert "evil.example.test" not in response.text
    assert client.get("/health", headers={"Host": "localhost:8000"}).status_code == 200


def test_a_trailing_slash_is_not_redirected_to_the_client_s_host(client: TestClient) -> None:
    response = client.get("/api/v1/referrals/", follow_redirects=False)
    assert response.status_code == 404
    assert "location" not in response.headers
    refused = client.get("/api/v1/referrals/", headers={"Host": "evil.example.test"},
                         follow_redirects=False)
    assert refused.status_code == 400
    assert "location" not in refused.headers


def test_allowed_hosts_come_from_the_settings() -> None:
    settings = Settings(database_url="sqlite://", environment="test",
                        jwt_secret=secrets.token_urlsafe(48),
                        allowed_hosts=["marac.example.org", "*.marac.example.org"])
    with TestClient(create_app(settings), base_url="http://marac.example.org") as own:
        assert own.get("/health").status_code == 200
        assert own.get("/health", headers={"Host": "north.marac.example.org"}).status_code == 200
        assert own.get("/health", headers={"Host": "localhost"}).status_code == 400
        assert own.get("/health", headers={"Host": "marac.example.org.evil.test"}
                       ).status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/referrals", "/api/v1/cases"])
@pytest.mark.parametrize("cursor", ["_" * 32, "A" * 32])  # the largest and smallest positions
def test_keyset_cursors_at_the_extremes_are_answered(client: TestClient, act_as, world,
                                                     path: str, cursor: str) -> None:
    act_as(world.coordinator)
    response = client.get(path, params={"cursor": cursor})
    assert response.status_code == 200, response.text
