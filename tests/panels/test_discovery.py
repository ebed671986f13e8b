"""Discovery: panels, their instrument and agencies, as each caller may see them."""

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.panels.models import MembershipKind, PanelAgency
from api.security.principal import Role, Scope
from tests.referrals.factories import referral_body
from tests.support.auth import api_key_headers, login_headers, make_agency, make_panel

PANELS = "/api/v1/panels"


def _instrument(version: str, threshold: int = 2) -> dict[str, Any]:
    yes_no = [{"value": "yes", "label": "Yes", "weight": 1},
              {"value": "no", "label": "No", "weight": 0}]
    return {"key": "local-dash", "version": version, "title": "Local checklist",
            "scoring": "ticks", "threshold": threshold, "questions": [
                {"id": "fear", "order": 1, "text": "Very frightened?", "section": "Victim",
                 "options": yes_no},
                {"id": "choke", "order": 2, "text": "Strangled?", "options": yes_no}]}


def test_a_coordinator_sees_their_panel_with_deadlines_and_member_agencies(
        client: TestClient, session: Session) -> None:
    core, flexible = make_agency(session, name="Core agency"), make_agency(session)
    panel = make_panel(session, core, age_floor=18, hearing_deadline_weeks=4)
    session.add(PanelAgency(panel_id=panel.id, agency_id=flexible.id,
                            membership=MembershipKind.flexible))
    session.commit()
    make_panel(session, core, name="Not mine")
    auth = login_headers(client, session, Role.coordinator, panel, agency=core)
    [seen] = client.get(PANELS, headers=auth).json()["items"]
    assert seen["id"] == str(panel.id) and seen["age_floor"] == 18
    assert seen["subdivision"] == "ENG" and seen["cadence"] == "monthly"
    assert seen["deadlines"]["hearing_deadline_weeks"] == 4
    assert seen["risk_instrument"] == {"key": "dash", "version": "2009-v1", "threshold": 14}
    assert {(m["agency_id"], m["membership"]) for m in seen["member_agencies"]} == {
        (str(core.id), "core"), (str(flexible.id), "flexible")}
    assert client.get(f"{PANELS}/{panel.id}", headers=auth).json() == seen


def test_the_instrument_lists_every_question_answer_and_weight(
        client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    key = api_key_headers(session, agency, Scope.referrals_submit)
    instrument = client.get(f"{PANELS}/{panel.id}/instrument", headers=key).json()
    assert [q["id"] for q in instrument["questions"]] == [f"q{n}" for n in range(1, 25)]
    assert instrument["threshold"] == 14 and instrument["max_score"] == 24
    assert instrument["questions"][17]["options"] == [
        {"value": "yes", "label": "Yes", "weight": 1}, {"value": "no", "label": "No", "weight": 0},
        {"value": "dont_know", "label": "Don't know", "weight": 0}]


def test_an_api_key_sees_member_and_ad_hoc_panels_only(client: TestClient,
                                                       session: Session) -> None:
    agency = make_agency(session)
    member = make_panel(session, agency)
    ad_hoc = make_panel(session, make_agency(session), accepts_ad_hoc_referrals=True)
    closed = make_panel(session, make_agency(session))
    key = api_key_headers(session, agency, Scope.referrals_submit)
    seen = {p["id"] for p in client.get(PANELS, headers=key).json()["items"]}
    assert {str(member.id), str(ad_hoc.id)} <= seen and str(closed.id) not in seen
    assert client.get(f"{PANELS}/{closed.id}", headers=key).status_code == 404


def test_an_administrator_loads_a_version_and_referrals_keep_theirs(
        client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    admin = login_headers(client, session, is_administrator=True)
    coordinator = login_headers(client, session, Role.coordinator, panel, agency=agency)
    before = client.post("/api/v1/referrals", headers=coordinator,
                         json=referral_body(panel.id))
    assert before.status_code == 201

    loaded = client.post(f"{PANELS}/{panel.id}/instruments", headers=admin,
                         json=_instrument("2026-v1"))
    assert loaded.status_code == 201, loaded.text
    assert loaded.headers["Location"] == f"{PANELS}/{panel.id}/instrument"
    current = client.get(f"{PANELS}/{panel.id}/instrument", headers=coordinator).json()
    assert (current["key"], current["version"], current["threshold"]) == (
        "local-dash", "2026-v1", 2)
    assert client.post(f"{PANELS}/{panel.id}/instruments", headers=admin,
                       json=_instrument("2026-v1", threshold=1)).status_code == 409

    body = referral_body(panel.id, risk_assessment={
        "instrument_key": "local-dash", "instrument_version": "2026-v1",
        "answers": {"fear": "yes", "choke": "yes"}})
    after = client.post("/api/v1/referrals", headers=coordinator, json=body)
    assert after.status_code == 201, after.text
    assert after.json()["risk_assessment"]["score"] == 2
    assert after.json()["verdict"]["eligible"] is True
    kept = client.get(before.headers["Location"], headers=coordinator).json()
    assert kept["risk_assessment"]["instrument_version"] == "2009-v1"


def test_a_malformed_or_builtin_instrument_is_refused(client: TestClient,
                                                      session: Session) -> None:
    panel = make_panel(session, make_agency(session))
    admin = login_headers(client, session, is_administrator=True)
    url = f"{PANELS}/{panel.id}/instruments"
    too_high = client.post(url, headers=admin, json=_instrument("v2", threshold=3))
    assert too_high.status_code == 422
    assert too_high.json()["type"] == "/problems/rule-invalid-instrument"
    builtin = client.post(url, headers=admin, json={**_instrument("x"), "key": "dash",
                                                     "version": "2009-v1"})
    assert builtin.status_code == 409
    assert client.post(f"{PANELS}/{uuid.uuid4()}/instruments", headers=admin,
                       json=_instrument("v3")).status_code == 404


def test_agencies_are_listed_for_administrators_and_refusals_say_why(
        client: TestClient, session: Session) -> None:
    agency = make_agency(session, name="Listed agency")
    panel = make_panel(session, agency)
    admin = login_headers(client, session, is_administrator=True)
    assert str(agency.id) in {a["id"] for a in
                              client.get("/api/v1/agencies", headers=admin).json()["items"]}
    chair = login_headers(client, session, Role.chair, panel, agency=agency)
    refused = client.get("/api/v1/agencies", headers=chair)
    assert refused.status_code == 403 and "agenc" in refused.json()["detail"]
    audit = client.get("/api/v1/audit", headers=chair)
    assert audit.status_code == 403
    assert audit.json()["detail"] == "Only administrators may read the audit trail."


def test_weights_written_as_whole_floats_are_numbers_and_others_are_refused(
        client: TestClient, session: Session) -> None:
    panel = make_panel(session, make_agency(session))
    admin = login_headers(client, session, is_administrator=True)
    url = f"{PANELS}/{panel.id}/instruments"
    body = _instrument("floats")
    body["threshold"] = 2.0
    body["questions"][0]["options"][0]["weight"] = 1.0
    assert client.post(url, headers=admin, json=body).status_code == 201
    for bad in (True, "1", 1.5):
        body = _instrument(f"bad-{bad!r}")
        body["questions"][0]["options"][0]["weight"] = bad
        response = client.post(url, headers=admin, json=body)
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["pointer"] == "/body/questions/0/options/0/weight"
