"""A failed login holds no database lock while the password is hashed (argon2 is slow on
purpose): other requests, and other guesses, write meanwhile."""

import sqlite3
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from api.identity.models import LoginThrottle, User
from api.security import passwords
from tests.support.auth import TEST_PASSWORD, make_agency, make_user


def _can_write_elsewhere(database_url: str) -> bool:
    """Whether another connection can take the lock a failed login's count needs, at once."""
    if database_url.startswith("sqlite"):
        other = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=0,
                                isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            other.close()
    engine = create_engine(database_url)
    try:
        with engine.connect() as other:
            table = LoginThrottle.__tablename__
            other.execute(text(f"LOCK TABLE {table} IN EXCLUSIVE MODE NOWAIT"))
            other.rollback()
            return True
    except OperationalError:  # lock_not_available: the login holds the throttle's lock
        return False
    finally:
        engine.dispose()


@pytest.fixture
def writes_during_hashing(monkeypatch: pytest.MonkeyPatch, database_url: str) -> list[bool]:
    seen: list[bool] = []
    real = passwords.verify_password

    def verify_and_probe(password: str, password_hash: str | None) -> Any:
        seen.append(_can_write_elsewhere(database_url))
        return real(password, password_hash)

    monkeypatch.setattr(passwords, "verify_password", verify_and_probe)
    return seen


def _login(client: TestClient, email: str, password: str) -> int:
    client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
    return client.post("/api/v1/auth/login",
                       json={"email": email, "password": password}).status_code


def test_a_failed_login_hashes_without_holding_the_write_lock(
        client: TestClient, session: Session, writes_during_hashing: list[bool]) -> None:
    user = make_user(session, make_agency(session))
    assert _login(client, user.email, "a wrong password, once") == 401
    assert _login(client, user.email, "a wrong password, twice") == 401
    assert _login(client, f"nobody-{uuid.uuid4().hex}@example.test", "a guess") == 401
    assert writes_during_hashing == [True, True, True]
    session.expire_all()
    assert session.get(User, user.id).failed_logins == 2  # still counted, under the lock


def test_a_good_login_still_succeeds_and_clears_the_count(
        client: TestClient, session: Session, writes_during_hashing: list[bool]) -> None:
    user = make_user(session, make_agency(session))
    assert _login(client, user.email, "a wrong password") == 401
    assert _login(client, user.email, TEST_PASSWORD) == 200
    assert writes_during_hashing == [True, True]
    session.expire_all()
    assert session.get(User, user.id).failed_logins == 0
