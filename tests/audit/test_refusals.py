"""Refusals name their caller, a refused method is not stored as a route it is not, a replayed
submission is marked as one, and a 503 says whether the database or the trail failed."""

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.audit.middleware import DATABASE_DOWN
from api.audit.models import AuditEntry
from api.config import Settings
from api.identity.models import ApiKey
from api.main import create_app
from api.security.principal import Role, Scope
from tests.referrals.factories import referral_body
from tests.support.auth import bearer, login_headers, make_agency, make_api_key, make_panel

REFERRALS = "/api/v1/referrals"


def _entry(session: Session, response: Any) -> AuditEntry:
    session.expire_all()
    return session.scalars(select(AuditEntry).where(
        AuditEntry.request_id == response.headers["X-Request-ID"])).one()


def _coordinator(client: TestClient, session: Session) -> tuple[dict[str, str], uuid.UUID, str]:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    headers = login_headers(client, session, Role.coordinator, panel, agency=agency)
    me = client.get("/api/v1/auth/me", headers=headers).json()["user_id"]
    return headers, panel.id, me


REFUSED = [
    pytest.param("POST", REFERRALS, {"content": b"{not json",
                                     "headers": {"Content-Type": "application/json"}}, 400,
                 "submitReferral", id="400-malformed-json"),
    pytest.param("DELETE", REFERRALS, {}, 405, "(method not allowed)", id="405-method"),
    pytest.param("POST", REFERRALS, {"content": b"x" * 3_000_000,
                                     "headers": {"Content-Type": "application/json"}}, 413,
                 "submitReferral", id="413-too-large"),
    pytest.param("GET", f"{REFERRALS}?bogus=1", {}, 422, "listReferrals", id="422-unknown-query"),
    pytest.param("GET", f"{REFERRALS}/not-an-id", {}, 422, "getReferral", id="422-path"),
]


@pytest.mark.parametrize(("method", "url", "extra", "status", "action"), REFUSED)
def test_a_refusal_with_a_valid_token_names_its_caller(
        client: TestClient, session: Session, method: str, url: str, extra: dict[str, Any],
        status: int, action: str) -> None:
    headers, _, me = _coordinator(client, session)
    response = client.request(method, url, content=extra.get("content"),
                              headers=headers | extra.get("headers", {}))
    assert response.status_code == status, response.text
    entry = _entry(session, response)
    assert (entry.status, entry.action, entry.actor_kind, str(entry.actor_id)) == (
        status, action, "user", me)
    assert entry.roles == "coordinator"


def test_a_refused_api_key_request_names_the_key_and_writes_nothing(
        client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    key = make_api_key(session, agency, Scope.referrals_submit)
    key_id = uuid.UUID(hex=key.split("_")[1])
    response = client.post(REFERRALS, headers=bearer(key) | {"Content-Type": "application/json"},
                           content=b"{not json")
    assert response.status_code == 400
    entry = _entry(session, response)
    assert (entry.actor_kind, entry.actor_id, entry.agency_id) == ("api_key", key_id, agency.id)
    session.expire_all()
    assert session.get(ApiKey, key_id).last_used_at is None  # type: ignore[union-attr]


def test_an_invalid_token_names_nobody(client: TestClient, session: Session) -> None:
    response = client.delete(REFERRALS, headers=bearer("not-a-token"))
    assert response.status_code == 405
    assert _entry(session, response).actor_id is None


def test_a_refused_method_keeps_its_path_template_not_another_routes_action(
        client: TestClient, session: Session) -> None:
    headers, _, _ = _coordinator(client, session)
    rid = uuid.uuid4()
    response = client.delete(f"{REFERRALS}/{rid}", headers=headers)
    assert response.status_code == 405
    entry = _entry(session, response)
    assert (entry.action, entry.method, entry.route, entry.resource_id, entry.outcome) == (
        "(method not allowed)", "DELETE", "/api/v1/referrals/{referral_id}", str(rid), "rejected")


def test_a_replayed_submission_is_marked_as_a_replay(
        client: TestClient, session: Session) -> None:
    headers, panel_id, _ = _coordinator(client, session)
    keyed = headers | {"Idempotency-Key": uuid.uuid4().hex}
    body = referral_body(panel_id)
    first, again = (client.post(REFERRALS, headers=keyed, json=body) for _ in range(2))
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    made, replayed = _entry(session, first), _entry(session, again)
    assert (made.outcome, replayed.outcome) == ("success", "replayed")
    assert made.resource_id == replayed.resource_id == first.json()["id"]


@pytest.fixture
def unreachable(database_url: str, tmp_path: Path) -> Iterator[TestClient]:
    """The app pointed at a database that refuses connections, of the backend under test."""
    url = (f"sqlite:///{tmp_path / 'no-such-directory' / 'marac.db'}"
           if database_url.startswith("sqlite")
           else "postgresql+psycopg://postgres@127.0.0.1:1/marac")
    app = create_app(Settings(database_url=url, environment="test",
                              jwt_secret="s" * 64, housekeeping_interval_seconds=0))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.engine.dispose()


@pytest.mark.parametrize(("method", "url", "body"), [
    ("GET", "/api/v1/auth/me", None),
    ("POST", "/api/v1/auth/login", {"email": "someone@example.test", "password": "x" * 12}),
])
def test_a_database_refusing_connections_is_named_in_the_503(
        unreachable: TestClient, method: str, url: str, body: Any) -> None:
    response = unreachable.request(method, url, json=body)
    assert response.status_code == 503
    assert response.json()["type"] == "/problems/unavailable"
    assert response.json()["detail"] == DATABASE_DOWN
    assert response.headers["Retry-After"]
