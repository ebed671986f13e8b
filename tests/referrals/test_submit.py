"""Submitting a referral: the verdict, who submitted it, and what is refused."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.people.models import Person
from api.referrals.models import Referral
from api.security.principal import Role, Scope
from tests.referrals.factories import dash_answers, referral_body
from tests.support.principals import api_key, user
from tests.support.world import make_world

URL = "/api/v1/referrals"


def _criteria(response_json: dict) -> dict[str, bool]:
    return {c["criterion"]: c["met"] for c in response_json["verdict"]["criteria"]}


def test_submission_answers_201_with_location_verdict_and_etag(client, act_as, world):
    act_as(world.coordinator)
    response = client.post(URL, json=referral_body(world.panel.id))
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["Location"] == f"{URL}/{body['id']}"
    assert response.headers["ETag"] == '"v1"'
    assert body["status"] == "submitted" and body["eligible"] is True
    assert _criteria(body) == {"visible_high_risk": True, "professional_judgement": False,
                               "escalation": False, "repeat": False, "age": True}
    assert body["risk_assessment"]["score"] == 15
    assert body["risk_assessment"]["instrument_version"] == "2009-v1"
    assert body["submitted_by_id"] == str(world.coordinator.subject_id)
    assert body["agency_id"] == str(world.agency.id)
    assert body["children"][0]["school"] == "Test School"
    assert client.get(response.headers["Location"]).status_code == 200


def test_an_ineligible_referral_is_still_recorded_for_triage(client, act_as, world):
    act_as(world.coordinator)
    body = referral_body(world.panel.id, risk_assessment={
        "instrument_key": "dash", "instrument_version": "2009-v1", "answers": dash_answers(13)})
    response = client.post(URL, json=body)
    assert response.status_code == 201
    assert response.json()["eligible"] is False
    assert response.json()["status"] == "submitted"
    assert "13 yes answers" in response.json()["verdict"]["criteria"][0]["reason"]


def test_escalation_and_age_floor_come_from_the_panel(client, act_as, session):
    world = make_world(session, age_floor=18)
    act_as(world.coordinator)
    body = referral_body(world.panel.id, risk_assessment=None,
                         incident_dates=["2025-04-01", "2025-09-01", "2026-03-01"])
    body["victim"]["date_of_birth"] = "2008-06-01"  # 17 on the referral date
    response = client.post(URL, json=body)
    assert response.status_code == 201
    criteria = _criteria(response.json())
    assert criteria["escalation"] is True and criteria["age"] is False
    assert response.json()["eligible"] is False


def test_community_panel_uses_community_criteria(client, act_as, session):
    world = make_world(session, kind="community", age_floor=18,
                       risk_instrument_key="asb-matrix", risk_instrument_version="default-v1",
                       risk_threshold=25)
    act_as(world.coordinator)
    body = referral_body(world.panel.id, risk_assessment=None,
                         professional_judgement="Serious concern for a vulnerable adult",
                         community={"vulnerabilities": ["mental_health"],
                                    "multi_agency_need": "Housing, health and police",
                                    "steps_already_taken": ["Warning letter"]})
    response = client.post(URL, json=body)
    assert response.status_code == 201, response.text
    assert response.json()["eligible"] is True
    assert set(_criteria(response.json())) == {
        "vulnerability", "significant_risk", "multi_agency_need", "steps_already_taken",
        "repeat", "age"}


def _count(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Referral)) or 0


def _people(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Person)) or 0


def test_rejected_writes_change_nothing(client, act_as, world, session):
    act_as(world.coordinator)
    other = make_world(session)
    good = referral_body(world.panel.id)
    wrong_version = {**good, "risk_assessment": {**good["risk_assessment"],
                                                 "instrument_version": "2099-v9"}}
    missing_answer = {**good, "risk_assessment": {
        **good["risk_assessment"], "answers": dash_answers(15) | {"q24": "maybe"}}}
    future_incident = {**good, "incident_dates": ["2026-04-01"]}
    cases = [
        (referral_body(other.panel.id), 404),
        ({**good, "unexpected": 1}, 422),
        ({**good, "reason": "a\x00b"}, 422),
        ({**good, "reason": "x" * 10_001}, 422),
        ({**good, "victim_aware": "perhaps"}, 422),
        ({**good, "victim_aware": "true"}, 422),
        ({**good, "referral_date": 0}, 422),
        ({**good, "referral_date": "9999-12-31"}, 422),
        ({**good, "victim": {**good["victim"], "given_names": "x" * 10_000}}, 422),
        ({**good, "relationships": [{"person": "child.5", "other": "victim",
                                     "relationship": "son"}]}, 422),
        (wrong_version, 422), (missing_answer, 422), (future_incident, 422),
    ]
    before = (_count(session), _people(session))
    for body, status in cases:
        response = client.post(URL, json=body)
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/problem+json"
    assert (_count(session), _people(session)) == before


def test_wrong_instrument_is_a_rule_problem(client, act_as, world):
    act_as(world.coordinator)
    good = referral_body(world.panel.id)
    body = {**good, "risk_assessment": {**good["risk_assessment"], "instrument_version": "x"}}
    problem = client.post(URL, json=body).json()
    assert problem["type"] == "/problems/rule-wrong-instrument"


def test_malformed_and_oversized_bodies_are_problems(client, act_as, world, session):
    act_as(world.coordinator)
    before = _count(session)
    malformed = client.post(URL, content=b"{not json", headers={"content-type": "application/json"})
    assert malformed.status_code == 400
    assert malformed.json()["type"] == "/problems/bad-request"
    huge = client.post(URL, content=b"{" + b" " * 2_000_000 + b"}",
                       headers={"content-type": "application/json"})
    assert huge.status_code == 413
    assert huge.headers["content-type"] == "application/problem+json"
    assert _count(session) == before


def test_a_role_that_may_not_submit_is_told_so(client, act_as, world):
    act_as(user(world.agency.id, {world.panel.id: [Role.analyst]}))
    response = client.post(URL, json=referral_body(world.panel.id))
    assert response.status_code == 403
    assert response.json()["detail"] == "Your role on this panel may not submit referrals."


def test_submitting_to_a_panel_without_any_role_is_404(client, act_as, world, session):
    other = make_world(session)
    act_as(user(other.agency.id, {other.panel.id: [Role.referrer]}))
    response = client.post(URL, json=referral_body(world.panel.id))
    assert response.status_code == 404 and response.json()["detail"] == "No such panel."


def test_api_key_submits_with_scope_and_is_attributed_to_its_agency(client, act_as, world):
    key = act_as(api_key(world.agency.id, [world.panel.id], Scope.referrals_submit,
                         Scope.referrals_read))
    response = client.post(URL, json=referral_body(world.panel.id))
    assert response.status_code == 201
    assert response.json()["submitted_by_kind"] == "api_key"
    assert response.json()["submitted_by_id"] == str(key.subject_id)
    assert response.json()["agency_id"] == str(world.agency.id)
    assert client.get(response.headers["Location"]).status_code == 200


def test_api_key_without_submit_scope_is_refused(client, act_as, world, session):
    act_as(api_key(world.agency.id, [world.panel.id], Scope.referrals_read))
    before = _count(session)
    assert client.post(URL, json=referral_body(world.panel.id)).status_code == 403
    assert _count(session) == before


def test_referral_date_drives_the_verdict_not_today(client, act_as, world):
    act_as(world.coordinator)
    body = referral_body(world.panel.id, referral_date=date(2026, 1, 2).isoformat())
    assert client.post(URL, json=body).json()["referral_date"] == "2026-01-02"
