"""The browser app served at /: client routes fall back to it, API paths stay the API's, CSP."""

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.config import Settings
from api.main import create_app

INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-1a2b.js"></script>'


@pytest.fixture(scope="module")
def spa(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Iterator[TestClient]:
    dist = tmp_path_factory.mktemp("dist")
    (dist / "index.html").write_text(INDEX)
    (dist / "assets").mkdir()
    (dist / "assets" / "app-1a2b.js").write_text("console.log('app')")
    app = create_app(settings.model_copy(update={"frontend_dist": str(dist)}))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


@pytest.mark.parametrize("path", [
    "/", "/referrals", "/referrals/0190a000-0000-7000-8000-0000000000ab", "/cases?cursor=x"])
def test_client_routes_get_the_app(spa: TestClient, path: str) -> None:
    response = spa.get(path)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["cache-control"] == "no-cache"


def test_the_app_gets_a_csp_without_inline_script_or_style(spa: TestClient) -> None:
    csp = spa.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp


def test_hashed_assets_are_cached_for_good(spa: TestClient) -> None:
    response = spa.get("/assets/app-1a2b.js")
    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/problems/no-such-type",
                                  "/assets/missing-0000.js", "/health/extra"])
def test_api_paths_and_missing_assets_stay_404_problems(spa: TestClient, path: str) -> None:
    response = spa.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_writes_to_unknown_api_paths_are_not_the_apps(spa: TestClient) -> None:
    assert spa.post("/api/v1/no-such-thing").status_code == 404
    assert spa.post("/referrals").status_code == 405


def test_the_api_keeps_its_own_csp(spa: TestClient) -> None:
    csp = spa.get("/health").headers["content-security-policy"]
    assert csp.startswith("default-src 'none'") and "script-src" not in csp


def test_without_a_build_the_api_runs_alone(tmp_path: Path) -> None:
    alone = Settings(database_url="sqlite://", environment="test",
                     jwt_secret=secrets.token_urlsafe(48), frontend_dist=str(tmp_path))
    with TestClient(create_app(alone)) as client:
        assert client.get("/").status_code == 404
