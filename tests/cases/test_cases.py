"""Cases: referral history, repeat window and repeat detection on the window's edge."""

from api.security.principal import Role
from tests.referrals.factories import person, referral_body
from tests.support.principals import user
from tests.support.world import make_world

REFERRALS = "/api/v1/referrals"
CASES = "/api/v1/cases"


def _submit(client, panel_id, **overrides):
    response = client.post(REFERRALS, json=referral_body(panel_id, **overrides))
    assert response.status_code == 201, response.text
    return response


def _accept(client, submitted, decision=None) -> dict:
    rid = submitted.json()["id"]
    response = client.post(f"{REFERRALS}/{rid}/triage", json=decision or {
        "outcome": "accept_new_case"}, headers={"If-Match": submitted.headers["ETag"]})
    assert response.status_code == 200, response.text
    return response.json()


def _first_case(client, panel_id, referral_date: str, **decision: str) -> str:
    submitted = _submit(client, panel_id, referral_date=referral_date)
    return _accept(client, submitted, {"outcome": "accept_new_case", **decision})["case_id"]


def _repeat_criterion(response) -> dict:
    return next(c for c in response.json()["verdict"]["criteria"] if c["criterion"] == "repeat")


def test_last_day_of_the_window_is_a_repeat(client, act_as, world):
    act_as(world.coordinator)
    case_id = _first_case(client, world.panel.id, "2025-03-10")
    again = _submit(client, world.panel.id, referral_date="2026-03-10")
    [candidate] = again.json()["repeat_candidates"]
    assert candidate["case_id"] == case_id
    assert candidate["within_window"] is True and candidate["perpetrator_matched"] is True
    assert candidate["repeat_window_end"] == "2026-03-10"
    assert _repeat_criterion(again)["met"] is True


def test_the_day_after_the_window_is_a_new_case(client, act_as, world):
    act_as(world.coordinator)
    _first_case(client, world.panel.id, "2025-03-10")
    later = _submit(client, world.panel.id, referral_date="2026-03-11")
    [candidate] = later.json()["repeat_candidates"]
    assert candidate["within_window"] is False
    assert _repeat_criterion(later)["met"] is False


def test_another_perpetrator_is_a_candidate_but_not_a_repeat(client, act_as, world):
    act_as(world.coordinator)
    _first_case(client, world.panel.id, "2025-06-01")
    other = _submit(client, world.panel.id, referral_date="2026-01-01",
                    perpetrators=[person("Someone", "Else", date_of_birth="1970-01-01")])
    [candidate] = other.json()["repeat_candidates"]
    assert candidate["perpetrator_matched"] is False
    assert _repeat_criterion(other)["met"] is False


def test_accepting_a_repeat_builds_the_case_history(client, act_as, world):
    act_as(world.coordinator)
    case_id = _first_case(client, world.panel.id, "2025-03-10")
    again = _submit(client, world.panel.id, referral_date="2025-11-01")
    _accept(client, again, {"outcome": "accept_repeat", "case_id": case_id})
    case = client.get(f"{CASES}/{case_id}").json()
    assert [r["referral_date"] for r in case["referrals"]] == ["2025-03-10", "2025-11-01"]
    assert case["repeat_count"] == 1
    assert case["last_referral_date"] == "2025-11-01"
    assert case["repeat_window_end"] == "2026-11-01"
    assert case["flagged_until"] is None
    listed = client.get(CASES, params={"panel_id": str(world.panel.id)}).json()
    assert [c["id"] for c in listed["items"]] == [case_id]


def test_cases_of_another_panel_are_404(client, act_as, world, session):
    act_as(world.coordinator)
    case_id = _first_case(client, world.panel.id, "2025-03-10")
    other = make_world(session)
    act_as(other.coordinator)
    assert client.get(f"{CASES}/{case_id}").status_code == 404
    assert client.get(CASES).json()["items"] == []
    act_as(user(world.agency.id, {world.panel.id: [Role.referrer]}))
    assert client.get(f"{CASES}/{case_id}").status_code == 404


def test_cases_paginate(client, act_as, world):
    act_as(world.coordinator)
    made = {_first_case(client, world.panel.id, "2025-01-01",
                        not_repeat_reason="Test data: three separate cases")
            for _ in range(3)}
    first = client.get(CASES, params={"limit": 2}).json()
    second = client.get(CASES, params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert {c["id"] for c in first["items"] + second["items"]} == made
    assert second["next_cursor"] is None
