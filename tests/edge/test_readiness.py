"""/ready says whether the worker can do its work, and asking often costs next to nothing."""

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, text

from api.config import Settings
from api.main import create_app
from api.readiness import Readiness, migration_heads
from tests.support.databases import fresh_database, migrate


def _app(database_url: str, **overrides: Any) -> FastAPI:
    return create_app(Settings(database_url=database_url, environment="test",
                               jwt_secret=secrets.token_urlsafe(48),
                               housekeeping_interval_seconds=0, **overrides))


def _not_ready(app: FastAPI) -> dict[str, Any]:
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/ready")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) >= 1
    return dict(response.json())


@pytest.fixture(params=["sqlite", "postgresql"])
def behind_head(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database migrated to the revision before the head."""
    with fresh_database(request.param, tmp_path) as url:
        migrate(url, "0003")
        yield url


def test_a_schema_behind_the_migrations_is_not_ready(behind_head: str) -> None:
    app = _app(behind_head)
    try:
        assert "migration head" in _not_ready(app)["detail"]
    finally:
        app.state.engine.dispose()


def test_ready_follows_the_migrations_head(client: TestClient) -> None:
    assert migration_heads()  # found beside the package
    assert client.get("/ready").json() == {"status": "ready"}


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_exhausted_pool_is_not_ready_and_logs_no_error(
        database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    app = _app(database_url, db_pool_size=1, db_max_overflow=0, db_pool_timeout_seconds=1)
    try:
        with app.state.engine.connect() as held:
            held.execute(text("SELECT 1"))
            assert "not reachable" in _not_ready(app)["detail"]
    finally:
        app.state.engine.dispose()
    logged = capsys.readouterr()
    assert "unhandled_error" not in logged.out + logged.err
    assert "already started" not in logged.out + logged.err


def test_probes_are_kept_for_a_moment(app: FastAPI) -> None:
    readiness = Readiness(app.state.engine, keep_seconds=60)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(app.state.engine, "before_cursor_execute", count)
    try:
        assert [readiness.failure() for _ in range(20)] == [None] * 20
    finally:
        event.remove(app.state.engine, "before_cursor_execute", count)
    assert sum("alembic_version" in s for s in statements) == 1


def test_requests_failing_on_the_database_make_the_worker_not_ready(database_url: str) -> None:
    app = _app(database_url)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            assert client.get("/ready").status_code == 200
            for _ in range(Readiness.FAILURES):  # what api/errors.py does on each 503
                app.state.readiness.note_database_failure()
            response = client.get("/ready")
        assert response.status_code == 503
        assert "failing" in response.json()["detail"]
    finally:
        app.state.engine.dispose()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_database_failure_answered_503_is_noted_for_readiness(database_url: str) -> None:
    app = _app(database_url, db_pool_size=1, db_max_overflow=0, db_pool_timeout_seconds=0.2)
    noted: list[bool] = []
    app.state.readiness.note_database_failure = lambda: noted.append(True)
    try:
        with app.state.engine.connect() as held, \
                TestClient(app, raise_server_exceptions=False) as client:
            held.execute(text("SELECT 1"))
            response = client.post("/api/v1/auth/login", json={
                "email": "someone@example.test", "password": "not the password at all"})
        assert response.status_code == 503
        assert noted
    finally:
        app.state.engine.dispose()
