"""Security headers, no-store on API responses, CORS only for configured origins, secret check."""

import secrets

import pytest
from fastapi.testclient import TestClient

from api.config import Settings
from api.main import create_app
from api.security.tokens import MissingSecret


def test_api_responses_carry_security_headers_and_no_store(client: TestClient) -> None:
    response = client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    assert "max-age=" in response.headers["strict-transport-security"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


def test_docs_get_a_csp_that_lets_their_own_assets_load(client: TestClient) -> None:
    csp = client.get("/docs").headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "script-src" not in client.get("/health").headers["content-security-policy"]


def test_cors_only_for_configured_origins() -> None:
    settings = Settings(database_url="sqlite://", environment="test",
                        jwt_secret=secrets.token_urlsafe(48),
                        cors_origins=["https://marac.example.test"])
    with TestClient(create_app(settings)) as cors_client:
        allowed = cors_client.options("/api/v1/auth/login", headers={
            "Origin": "https://marac.example.test", "Access-Control-Request-Method": "POST"})
        assert allowed.headers["access-control-allow-origin"] == "https://marac.example.test"
        refused = cors_client.options("/api/v1/auth/login", headers={
            "Origin": "https://evil.example.test", "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in refused.headers


def test_refuses_to_start_without_a_strong_secret() -> None:
    for secret in (None, "short"):
        with pytest.raises(MissingSecret):
            create_app(Settings(database_url="sqlite://", environment="production",
                                jwt_secret=secret))
