"""Liveness, readiness and the problem documents every error takes."""

import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient


def test_health_answers_without_the_database(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_checks_the_database(client: TestClient) -> None:
    response = client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


def test_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "MARAC case management"


def test_unknown_route_is_a_problem_document(client: TestClient) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "/problems/not-found"
    assert body["status"] == 404
    assert body["request_id"] == response.headers["x-request-id"]


def test_every_problem_type_describes_itself(client: TestClient) -> None:
    listed = client.get("/problems").json()
    assert {p["type"] for p in listed} >= {"/problems/validation-error", "/problems/not-found"}
    for problem in listed:
        assert client.get(problem["type"]).json() == problem


def test_oversized_body_is_refused_before_it_is_read(client: TestClient) -> None:
    limit = client.app.state.settings.max_body_bytes  # type: ignore[attr-defined]
    response = client.post("/health", content=b"x" * (limit + 1))
    assert response.status_code == 413
    assert response.json()["type"] == "/problems/payload-too-large"


def test_request_id_is_echoed_only_when_a_uuid(client: TestClient) -> None:
    client_id = "6F9619FF-8B86-D011-B42D-00C04FC964FF"
    response = client.get("/health", headers={"X-Request-ID": client_id})
    assert response.headers["x-request-id"] == client_id.lower()
    for chosen in ("<script>", "abc12345-trace", "John-Smith-1980-01-01"):
        replaced = client.get("/health", headers={"X-Request-ID": chosen}).headers["x-request-id"]
        assert replaced != chosen and str(uuid.UUID(replaced)) == replaced


def test_method_not_allowed_names_every_method_of_the_path(client: TestClient) -> None:
    response = client.delete("/api/v1/referrals")
    assert response.status_code == 405
    assert response.json()["type"] == "/problems/method-not-allowed"
    assert set(response.headers["allow"].split(", ")) == {"GET", "POST"}


def test_an_unexpected_error_logs_where_but_never_what(
        app: FastAPI, capsys: pytest.CaptureFixture[str]) -> None:
    personal = "Jane Example born 1990-01-01"

    @app.get("/boom-for-test", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError(personal)

    try:
        # raise_server_exceptions stays on: the error must stop in the app, not reach the server.
        with TestClient(app) as test_client:
            response = test_client.get("/boom-for-test")
    finally:
        app.router.routes[:] = [r for r in app.router.routes
                                if getattr(r, "path", "") != "/boom-for-test"]
    assert response.status_code == 500
    assert response.json()["type"] == "/problems/internal-error"
    assert personal not in response.text
    logged = capsys.readouterr()
    assert "unhandled_error" in logged.out
    assert personal not in logged.out + logged.err
