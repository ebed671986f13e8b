"""A submission is no oracle for "is this person on a MARAC case" (issue 8, item 9).

Only the panel's triagers see repeat candidates; a referrer or a `referrals:submit` key sees the
verdict on what they submitted (their own repeat claim), never what the panel's cases hold, in
the submission's answer, its replay, the referral's read and the list.
"""

import uuid

from api.security.principal import Role, Scope
from tests.referrals.factories import referral_body
from tests.support.principals import api_key, user

URL = "/api/v1/referrals"
# Few DASH "yes" answers: eligible only as a repeat of the earlier case.
LOW_RISK = {"instrument_key": "dash", "instrument_version": "2009-v1",
            "answers": {f"q{n}": "yes" if n <= 2 else "no" for n in range(1, 25)}}


def _earlier_case(client, act_as, world) -> str:
    act_as(world.coordinator)
    first = client.post(URL, json=referral_body(world.panel.id, referral_date="2025-09-01"))
    response = client.post(f"{URL}/{first.json()['id']}/triage",
                           json={"outcome": "accept_new_case"},
                           headers={"If-Match": first.headers["ETag"]})
    assert response.status_code == 200, response.text
    return str(response.json()["triage"]["case_id"])


def _repeat(body: dict) -> dict:
    return next(c for c in body["verdict"]["criteria"] if c["criterion"] == "repeat")


def _later(world, **overrides) -> dict:
    return referral_body(world.panel.id, referral_date="2026-03-10", risk_assessment=LOW_RISK,
                         **overrides)


def test_the_coordinator_sees_candidates_and_the_repeat(client, act_as, world):
    case_id = _earlier_case(client, act_as, world)
    answer = client.post(URL, json=_later(world)).json()
    assert [c["case_id"] for c in answer["repeat_candidates"]] == [case_id]
    assert _repeat(answer)["met"] is True and "2025-09-01" in _repeat(answer)["reason"]
    assert answer["eligible"] is True


def test_a_referrer_learns_nothing_about_the_panels_cases(client, act_as, world):
    _earlier_case(client, act_as, world)
    referrer = act_as(user(world.agency.id, {world.panel.id: [Role.referrer]}))
    response = client.post(URL, json=_later(world))
    assert response.status_code == 201
    answer = response.json()
    assert answer["repeat_candidates"] is None
    assert _repeat(answer)["met"] is False and "2025-09-01" not in str(answer)
    assert answer["eligible"] is False  # eligible only through the case they may not see
    read = client.get(f"{URL}/{answer['id']}").json()
    assert read["verdict"] == answer["verdict"] and read["eligible"] is False
    [row] = [r for r in client.get(URL).json()["items"] if r["id"] == answer["id"]]
    assert row["eligible"] is False
    # The coordinator still sees what the rules found on the very same referral.
    act_as(world.coordinator)
    assert _repeat(client.get(f"{URL}/{answer['id']}").json())["met"] is True
    assert referrer.kind == "user"


def test_a_referrer_sees_the_verdict_on_their_own_repeat_claim(client, act_as, world):
    act_as(user(world.agency.id, {world.panel.id: [Role.referrer]}))
    answer = client.post(URL, json=_later(world, referrer_says_repeat=True,
                                          last_marac_date="2025-10-01")).json()
    assert _repeat(answer) == {"criterion": "repeat", "met": True,
                               "reason": "last referred 2025-10-01, window ends 2026-10-01"}
    assert answer["eligible"] is True


def test_a_submit_key_sees_no_candidates_even_on_replay(client, act_as, world):
    _earlier_case(client, act_as, world)
    act_as(api_key(world.agency.id, [world.panel.id], Scope.referrals_submit))
    headers = {"Idempotency-Key": f"key-{uuid.uuid4()}"}
    first = client.post(URL, json=_later(world), headers=headers)
    again = client.post(URL, json=_later(world), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    for answer in (first.json(), again.json()):
        assert answer["repeat_candidates"] is None and _repeat(answer)["met"] is False
        assert "_verdict_as_submitted" not in answer


def test_a_replay_to_a_caller_no_longer_triaging_hides_the_candidates(client, act_as, world):
    _earlier_case(client, act_as, world)
    headers = {"Idempotency-Key": f"key-{uuid.uuid4()}"}
    first = client.post(URL, json=_later(world), headers=headers)
    assert first.json()["repeat_candidates"]
    demoted = world.coordinator.__dict__ | {
        "panel_roles": {world.panel.id: frozenset({Role.referrer})}}
    act_as(type(world.coordinator)(**demoted))
    again = client.post(URL, json=_later(world), headers=headers)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["repeat_candidates"] is None
    assert _repeat(again.json())["met"] is False
