"""No client-chosen text reaches the append-only trail: a name and a date of birth sent as a path
segment, a request id or a method are not stored; the route template and our own ids are."""

import uuid

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.audit.models import AuditEntry
from api.security.principal import Role
from tests.support.auth import login_headers, make_agency, make_panel

PERSONAL = ("John", "Smith", "1980")


def _entry(session: Session, request_id: str) -> AuditEntry:
    session.expire_all()
    return session.scalars(select(AuditEntry).where(AuditEntry.request_id == request_id)).one()


def _stored_text(entry: AuditEntry) -> str:
    return " ".join(str(getattr(entry, c.key)) for c in AuditEntry.__table__.columns)


def test_an_invalid_path_segment_and_request_id_are_not_stored(
        client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    coordinator = login_headers(client, session, Role.coordinator, panel, agency=agency)
    response = client.get("/api/v1/referrals/John%20Smith%201980-01-01",
                          headers=coordinator | {"X-Request-ID": "John-Smith-1980-01-01"})
    assert response.status_code == 422
    request_id = response.headers["X-Request-ID"]
    assert str(uuid.UUID(request_id)) == request_id  # ours, not the client's
    entry = _entry(session, request_id)
    assert (entry.route, entry.resource_type, entry.resource_id) == (
        "/api/v1/referrals/{referral_id}", "referrals", None)
    assert not any(word in _stored_text(entry) for word in PERSONAL)


def test_unmatched_paths_and_unknown_methods_store_no_client_text(
        client: TestClient, session: Session) -> None:
    unmatched = client.get("/api/v1/John%20Smith/1980-01-01")
    assert unmatched.status_code == 404
    entry = _entry(session, unmatched.headers["X-Request-ID"])
    assert (entry.action, entry.route, entry.resource_id) == ("unmatched", "(unmatched)", None)
    odd = client.request("SMITHJ", "/api/v1/referrals")
    assert odd.status_code == 405
    entry = _entry(session, odd.headers["X-Request-ID"])
    assert entry.method == "OTHER" and "SMITH" not in _stored_text(entry)


def test_a_client_uuid_request_id_is_kept(client: TestClient, session: Session) -> None:
    request_id = str(uuid.uuid4())
    response = client.get("/api/v1/auth/me", headers={"X-Request-ID": request_id.upper()})
    assert response.headers["X-Request-ID"] == request_id
    assert _entry(session, request_id).status == 401
