"""Issue 8, item 6: an attacker elsewhere cannot keep an account's owner out; an administrator
can clear the counts, and the audit trail shows it."""

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.identity.models import User
from tests.support.auth import TEST_PASSWORD, login_headers, make_agency, make_user
from tests.support.throttle import rewind

LOGIN = "/api/v1/auth/login"
ATTACKER, OFFICE, CAFE = "203.0.113.9", "198.51.100.7", "192.0.2.44"


@contextmanager
def _from(app: FastAPI, address: str) -> Iterator[TestClient]:
    with TestClient(app, client=(address, 40000), raise_server_exceptions=False) as client:
        yield client


def _try(client: TestClient, email: str, password: str = TEST_PASSWORD) -> int:
    client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
    return client.post(LOGIN, json={"email": email, "password": password}).status_code


def _attack(app: FastAPI, session: Session, email: str, guesses: int) -> None:
    """`guesses` wrong passwords from the attacker's address, waiting out each delay."""
    with _from(app, ATTACKER) as attacker:
        for _ in range(guesses):
            rewind(app, session, email, 3600)
            assert _try(attacker, email, "a wrong guess here") == 401


def test_the_owner_logs_in_from_a_known_client_during_an_attack(app, session) -> None:
    user = make_user(session, make_agency(session))
    with _from(app, OFFICE) as office:
        assert _try(office, user.email) == 200  # the office is now a known client
    _attack(app, session, user.email, 25)  # old code: locked for 15 minutes after 5
    with _from(app, ATTACKER) as attacker:
        assert _try(attacker, user.email) == 429  # the attacker's own client waits
    with _from(app, OFFICE) as office:
        assert _try(office, user.email) == 200  # the owner does not wait at all


def test_an_unknown_client_waits_a_minute_at_most(app, session) -> None:
    user = make_user(session, make_agency(session))
    _attack(app, session, user.email, 25)
    with _from(app, CAFE) as cafe:
        cafe.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
        waiting = cafe.post(LOGIN, json={"email": user.email, "password": TEST_PASSWORD})
        assert waiting.status_code == 429
        assert 1 <= int(waiting.headers["Retry-After"]) <= 60
        rewind(app, session, user.email, 60)
        assert _try(cafe, user.email) == 200
    session.expire_all()
    assert session.get(User, user.id).failed_logins == 0


def test_an_administrator_unlocks_and_the_trail_shows_it(app, client, session) -> None:
    user = make_user(session, make_agency(session))
    _attack(app, session, user.email, 12)
    session.expire_all()
    assert session.get(User, user.id).failed_logins == 12
    admin = login_headers(client, session, is_administrator=True)
    shown = client.get(f"/api/v1/admin/users/{user.id}", headers=admin).json()
    assert shown["failed_logins"] == 12 and shown["locked_until"] is not None
    unlocked = client.post(f"/api/v1/admin/users/{user.id}/unlock", headers=admin)
    assert unlocked.status_code == 200
    assert (unlocked.json()["failed_logins"], unlocked.json()["locked_until"]) == (0, None)
    with _from(app, ATTACKER) as attacker:  # no delay left anywhere, not even here
        assert _try(attacker, user.email) == 200
    me = client.get("/api/v1/auth/me", headers=admin).json()
    trail = client.get("/api/v1/audit", headers=admin,
                       params={"user_id": me["user_id"], "limit": 20}).json()["items"]
    [entry] = [e for e in trail if e["action"] == "unlockUser"]
    assert (entry["resource_type"], entry["resource_id"], entry["status"]) == (
        "users", str(user.id), 200)


def test_unlock_is_for_administrators_only(client, session) -> None:
    user = make_user(session, make_agency(session))
    someone = login_headers(client, session)
    refused = client.post(f"/api/v1/admin/users/{user.id}/unlock", headers=someone)
    assert refused.status_code == 403 and refused.json()["type"] == "/problems/forbidden"
