"""Every login, request and refusal is audited, without personal data, and admins can query it."""

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.audit.models import AuditEntry
from api.audit.record import build_record
from api.audit.verify import verify_chain
from api.referrals.models import Referral
from api.security.principal import Role
from tests.referrals.factories import referral_body
from tests.support.auth import TEST_PASSWORD, login_headers, make_agency, make_panel, make_user


def _entry(session: Session, request_id: str) -> AuditEntry:
    session.expire_all()
    return session.scalars(select(AuditEntry).where(AuditEntry.request_id == request_id)).one()


def _post_login(client: TestClient, email: str, password: str) -> str:
    client.app.state.rate_limiter.reset()
    request_id = str(uuid.uuid4())
    client.post("/api/v1/auth/login", json={"email": email, "password": password},
                headers={"X-Request-ID": request_id})
    return request_id


def test_login_success_and_failure_are_audited_without_the_email(
        client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    ok = _entry(session, _post_login(client, user.email, TEST_PASSWORD))
    failed = _entry(session, _post_login(client, user.email, "wrong password here"))
    assert (ok.action, ok.outcome, ok.actor_id) == ("login", "success", user.id)
    assert (failed.action, failed.outcome, failed.actor_id) == ("login", "refused", None)
    assert ok.subject_hash == failed.subject_hash is not None
    for entry in (ok, failed):
        stored = " ".join(str(getattr(entry, c.key)) for c in AuditEntry.__table__.columns)
        assert user.email not in stored and user.email.split("@")[0] not in stored
        assert TEST_PASSWORD not in stored


def test_refused_access_is_audited(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    idva = login_headers(client, session, Role.idva, panel, agency=agency)
    request_id = str(uuid.uuid4())
    client.get("/api/v1/admin/users", headers=idva | {"X-Request-ID": request_id})
    refused = _entry(session, request_id)
    assert (refused.status, refused.outcome, refused.action) == (403, "refused", "listUsers")
    assert refused.roles == "idva" and refused.agency_id == agency.id
    anonymous_id = str(uuid.uuid4())
    client.get("/api/v1/auth/me", headers={"X-Request-ID": anonymous_id})
    anonymous = _entry(session, anonymous_id)
    assert (anonymous.status, anonymous.actor_id) == (401, None)


def test_admins_query_by_user_and_resource(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    admin = login_headers(client, session, is_administrator=True, agency=agency)
    target = make_user(session, agency)
    for _ in range(3):
        client.get(f"/api/v1/admin/users/{target.id}", headers=admin)
    me = client.get("/api/v1/auth/me", headers=admin).json()
    page = client.get("/api/v1/audit", headers=admin,
                      params={"user_id": me["user_id"], "limit": 2}).json()
    assert len(page["items"]) == 2 and page["next_cursor"] is not None
    rest = client.get("/api/v1/audit", headers=admin, params={
        "user_id": me["user_id"], "cursor": page["next_cursor"]}).json()["items"]
    reads = [e for e in page["items"] + rest if e["action"] == "getUser"]
    assert len(reads) == 3
    assert {(e["resource_type"], e["resource_id"]) for e in reads} == {("users", str(target.id))}
    assert all(e["actor_id"] == me["user_id"] for e in page["items"] + rest)


def test_only_administrators_read_the_audit_trail(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    chair = login_headers(client, session, Role.chair, panel, agency=agency)
    assert client.get("/api/v1/audit", headers=chair).status_code == 403


def test_a_failed_audit_write_answers_503(client: TestClient, session: Session,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("audit store unavailable")
    monkeypatch.setattr("api.audit.middleware.append", broken)
    request_id = str(uuid.uuid4())
    response = client.get("/api/v1/auth/me", headers={"X-Request-ID": request_id})
    assert response.status_code == 503
    assert response.json()["type"] == "/problems/unavailable"
    assert response.json()["detail"] == "The request could not be recorded in the audit trail."
    assert response.headers["X-Request-ID"] == response.json()["request_id"] == request_id


def test_a_submission_is_recorded_once_with_the_referral_it_made(
        client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    coordinator = login_headers(client, session, Role.coordinator, panel, agency=agency)
    request_id = str(uuid.uuid4())
    response = client.post("/api/v1/referrals", json=referral_body(panel.id),
                           headers=coordinator | {"X-Request-ID": request_id})
    assert response.status_code == 201
    entry = _entry(session, request_id)  # exactly one: the route's, not the middleware's too
    assert (entry.action, entry.status, entry.resource_type, entry.resource_id) == (
        "submitReferral", 201, "referrals", response.json()["id"])


def test_a_submission_that_cannot_be_audited_is_not_made(
        client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    coordinator = login_headers(client, session, Role.coordinator, panel, agency=agency)

    def broken(*_: object) -> None:
        raise RuntimeError("audit store unavailable")
    monkeypatch.setattr("api.audit.middleware.append_to", broken)
    request_id = str(uuid.uuid4())
    response = client.post("/api/v1/referrals", json=referral_body(panel.id),
                           headers=coordinator | {"X-Request-ID": request_id})
    assert response.status_code == 503
    assert response.json()["type"] == "/problems/unavailable"
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Referral).where(
        Referral.panel_id == panel.id)) == 0
    assert _entry(session, request_id).status == 503  # the refusal itself is recorded


def test_entries_about_a_case_are_found_by_case_id(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    admin = login_headers(client, session, is_administrator=True, agency=agency)
    case_id = uuid.uuid4()
    client.get(f"/api/v1/cases/{case_id}", headers=admin)  # refused or not found: still audited
    items = client.get("/api/v1/audit", headers=admin,
                       params={"case_id": str(case_id)}).json()["items"]
    assert [(e["case_id"], e["resource_id"]) for e in items] == [(str(case_id), str(case_id))]


def test_a_route_can_name_the_case_a_request_touched() -> None:
    case_id = uuid.uuid4()
    scope = {"method": "GET", "path_params": {}, "state": {"audit_case_id": case_id}}
    record = build_record(scope, 200, [])
    assert record.case_id == case_id and record.resource_id is None


def test_the_shared_chain_is_intact(client: TestClient) -> None:
    client.get("/api/v1/auth/me")
    report = verify_chain(client.app.state.engine, client.app.state.audit_keys)
    assert report.intact, report
    assert report.checked > 0
