"""Triage guard rails: accepting against the verdict, or as a new case despite an in-window
repeat candidate, needs a reason on record; the case history shows it."""

from tests.referrals.factories import dash_answers, referral_body

URL = "/api/v1/referrals"


def _submit(client, panel_id, **overrides):
    response = client.post(URL, json=referral_body(panel_id, **overrides))
    assert response.status_code == 201, response.text
    return response


def _triage(client, submitted, decision):
    return client.post(f"{submitted.headers['Location']}/triage", json=decision,
                       headers={"If-Match": submitted.headers["ETag"]})


def test_accepting_an_ineligible_referral_needs_an_override_reason(client, act_as, world):
    act_as(world.coordinator)
    low = _submit(client, world.panel.id, risk_assessment={
        "instrument_key": "dash", "instrument_version": "2009-v1", "answers": dash_answers(5)})
    refused = _triage(client, low, {"outcome": "accept_new_case"})
    assert refused.status_code == 422
    assert refused.json()["type"] == "/problems/rule-missing-rationale"
    assert [e["pointer"] for e in refused.json()["errors"]] == ["/body/override_reason"]
    reason = "Police intelligence of imminent risk not captured by the checklist"
    accepted = _triage(client, low, {"outcome": "accept_new_case", "override_reason": reason})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["triage"]["override_reason"] == reason
    case = client.get(f"/api/v1/cases/{accepted.json()['case_id']}").json()
    assert case["referrals"][0]["override_reason"] == reason


def test_a_new_case_despite_an_in_window_repeat_needs_a_reason(client, act_as, world):
    act_as(world.coordinator)
    first = _submit(client, world.panel.id, referral_date="2025-06-01")
    assert _triage(client, first, {"outcome": "accept_new_case"}).status_code == 200
    again = _submit(client, world.panel.id, referral_date="2026-01-10")
    refused = _triage(client, again, {"outcome": "accept_new_case"})
    assert refused.status_code == 422
    assert [e["pointer"] for e in refused.json()["errors"]] == ["/body/not_repeat_reason"]
    why = "A different perpetrator with the same name, confirmed with police"
    accepted = _triage(client, again, {"outcome": "accept_new_case", "not_repeat_reason": why})
    assert accepted.status_code == 200, accepted.text
    history = client.get(f"/api/v1/cases/{accepted.json()['case_id']}").json()["referrals"]
    assert history[0]["not_repeat_reason"] == why


def test_an_eligible_referral_with_no_candidate_needs_no_reason(client, act_as, world):
    act_as(world.coordinator)
    accepted = _triage(client, _submit(client, world.panel.id), {"outcome": "accept_new_case"})
    assert accepted.status_code == 200
    assert accepted.json()["triage"]["override_reason"] is None
