"""A request that cannot get the database fails within seconds with 503 and Retry-After.

Real databases, real contention: the app's only pooled connection held, a table locked by
another connection, SQLite's write lock taken by another connection.
"""

import secrets
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text

from api.config import Settings
from api.idempotency import in_flight
from api.main import create_app
from tests.referrals.factories import referral_body

GUARD_SECONDS = 15  # a generous bound: the point is "seconds", not the 40 s it used to take
LOGIN = "/api/v1/auth/login"


def _app(database_url: str, **overrides: Any) -> FastAPI:
    return create_app(Settings(database_url=database_url, environment="test",
                               jwt_secret=secrets.token_urlsafe(48),
                               housekeeping_interval_seconds=0, **overrides))


@pytest.fixture
def fast_app(database_url: str) -> Iterator[FastAPI]:
    """The app with one pooled connection and one-second waits."""
    app = _app(database_url, db_pool_size=1, db_max_overflow=0, db_pool_timeout_seconds=1,
               db_lock_timeout_ms=1000, sqlite_busy_timeout_ms=500)
    yield app
    app.state.engine.dispose()


def _login(app: FastAPI) -> tuple[httpx.Response, float]:
    with TestClient(app, raise_server_exceptions=False) as client:
        started = time.monotonic()
        response = client.post(LOGIN, json={"email": f"{uuid.uuid4().hex}@example.test",
                                            "password": "not the password at all"})
        return response, time.monotonic() - started


def _assert_unavailable(response: httpx.Response, elapsed: float) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/unavailable"
    assert int(response.headers["retry-after"]) >= 1
    assert elapsed < GUARD_SECONDS


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_exhausted_pool_answers_503_with_retry_after(fast_app: FastAPI) -> None:
    with fast_app.state.engine.connect() as held:  # the pool's only connection, busy
        held.execute(text("SELECT 1"))
        response, elapsed = _login(fast_app)
    _assert_unavailable(response, elapsed)
    assert _login(fast_app)[0].status_code == 401  # free again: an ordinary refusal


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_table_lock_held_elsewhere_answers_503_with_retry_after(
        fast_app: FastAPI, database_url: str) -> None:
    other = create_engine(database_url)
    try:
        with other.connect() as locker:
            locker.execute(text("LOCK TABLE users IN ACCESS EXCLUSIVE MODE"))
            # Should the request wait for the lock, end the locker after the guard instead of
            # hanging the test run.
            release = threading.Timer(GUARD_SECONDS, _terminate, (other, locker.scalar(
                text("SELECT pg_backend_pid()"))))
            release.start()
            response, elapsed = _login(fast_app)
            release.cancel()
            locker.rollback()
    finally:
        other.dispose()
    _assert_unavailable(response, elapsed)
    assert "busy" in response.json()["detail"]


def _terminate(engine: Engine, pid: int) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_every_app_connection_has_lock_and_statement_timeouts(database_url: str) -> None:
    app = _app(database_url, db_lock_timeout_ms=4000, db_statement_timeout_ms=9000)
    try:
        with app.state.engine.connect() as connection:
            assert connection.scalar(text("SHOW lock_timeout")) == "4s"
            assert connection.scalar(text("SHOW statement_timeout")) == "9s"
            with pytest.raises(Exception, match="statement timeout"):
                connection.execute(text("SET LOCAL statement_timeout = 50"))
                connection.execute(text("SELECT pg_sleep(2)"))
    finally:
        app.state.engine.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_s_write_lock_held_elsewhere_answers_503_with_retry_after(
        fast_app: FastAPI, database_url: str) -> None:
    locker = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        locker.execute("BEGIN IMMEDIATE")  # another process writing, for as long as it likes
        response, elapsed = _login(fast_app)
    finally:
        locker.rollback()
        locker.close()
    _assert_unavailable(response, elapsed)
    assert _login(fast_app)[0].status_code == 401


def test_a_key_in_flight_answers_409_with_retry_after(client, act_as, world) -> None:
    act_as(world.coordinator)
    key = f"key-{uuid.uuid4()}"
    with in_flight(f"user:{world.coordinator.subject_id}", key):
        refused = client.post("/api/v1/referrals", json=referral_body(world.panel.id),
                              headers={"Idempotency-Key": key})
    assert refused.status_code == 409
    assert int(refused.headers["retry-after"]) >= 1


def test_database_errors_carry_no_parameters(app: FastAPI) -> None:
    """Exception texts reach logs (SQLAlchemy's pool logs a failed reset with its cause)."""
    personal = "Jane Example 1990-01-01"
    with app.state.engine.connect() as connection, pytest.raises(Exception) as raised:
        connection.execute(text("SELECT * FROM no_such_table WHERE name = :name"),
                           {"name": personal})
    assert personal not in str(raised.value)
    assert "hidden" in str(raised.value)
