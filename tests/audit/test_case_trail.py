"""`GET /api/v1/audit?case_id=` answers who read or changed a case's referrals."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.security.principal import Role
from tests.referrals.factories import referral_body
from tests.support.auth import login_headers, make_agency, make_panel

REFERRALS = "/api/v1/referrals"


def _submit(client: TestClient, headers: dict[str, str], panel_id: Any) -> tuple[str, str]:
    response = client.post(REFERRALS, headers=headers, json=referral_body(panel_id))
    assert response.status_code == 201, response.text
    return response.json()["id"], response.headers["ETag"]


def _triage(client: TestClient, headers: dict[str, str], rid: str, etag: str,
            decision: dict[str, str]) -> dict[str, Any]:
    response = client.post(f"{REFERRALS}/{rid}/triage", headers=headers | {"If-Match": etag},
                           json=decision)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_reads_triage_and_submission_of_a_cases_referrals_are_found_by_case(
        client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    coordinator = login_headers(client, session, Role.coordinator, panel, agency=agency)
    admin = login_headers(client, session, is_administrator=True, agency=agency)
    first, etag = _submit(client, coordinator, panel.id)
    client.get(f"{REFERRALS}/{first}", headers=coordinator)  # read before it has a case
    case_id = _triage(client, coordinator, first, etag, {"outcome": "accept_new_case"})["case_id"]
    client.get(f"{REFERRALS}/{first}", headers=coordinator)
    client.get(f"{REFERRALS}/{first}/match-candidates", headers=coordinator)
    repeat, etag = _submit(client, coordinator, panel.id)
    _triage(client, coordinator, repeat, etag, {"outcome": "accept_repeat", "case_id": case_id})
    unrelated, _ = _submit(client, coordinator, panel.id)
    client.get(f"{REFERRALS}/{unrelated}", headers=coordinator)

    items = client.get("/api/v1/audit", headers=admin, params={"case_id": case_id}).json()["items"]
    assert sorted((e["action"], e["resource_id"]) for e in items) == sorted([
        ("submitReferral", first), ("getReferral", first), ("triageReferral", first),
        ("getReferral", first), ("listReferralMatchCandidates", first),
        ("submitReferral", repeat), ("triageReferral", repeat)])
    me = client.get("/api/v1/auth/me", headers=coordinator).json()["user_id"]
    assert {e["actor_id"] for e in items} == {me}
    stored_with_case = [e for e in items if e["case_id"] == case_id]
    assert sorted(e["action"] for e in stored_with_case) == sorted([
        "triageReferral", "getReferral", "listReferralMatchCandidates", "triageReferral"])


def test_a_refused_read_of_a_cases_referral_is_found_by_case(
        client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    coordinator = login_headers(client, session, Role.coordinator, panel, agency=agency)
    representative = login_headers(client, session, Role.agency_representative, panel,
                                   agency=agency)
    admin = login_headers(client, session, is_administrator=True, agency=agency)
    rid, etag = _submit(client, coordinator, panel.id)
    case_id = _triage(client, coordinator, rid, etag, {"outcome": "accept_new_case"})["case_id"]
    refused = client.get(f"{REFERRALS}/{rid}/match-candidates", headers=representative)
    assert refused.status_code == 403
    items = client.get("/api/v1/audit", headers=admin, params={"case_id": case_id}).json()["items"]
    assert ("listReferralMatchCandidates", 403, case_id) in {
        (e["action"], e["status"], e["case_id"]) for e in items}
