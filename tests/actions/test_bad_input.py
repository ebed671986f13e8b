"""The issue's bad-input list: each a problem document with a stable type, nothing changed."""

from datetime import date

import pytest
from sqlalchemy import func, select

from api.actions.models import Action, ActionChange
from api.security.principal import Role, Scope
from tests.actions.helpers import ACTIONS, action_body, hold, member
from tests.meetings.helpers import add_meeting
from tests.support.principals import api_key, user


def _count(session) -> tuple[int, int, list]:
    session.expire_all()
    rows = session.scalars(select(Action).order_by(Action.id)).all()
    return (len(rows), session.scalar(select(func.count()).select_from(ActionChange)),
            [(a.status, a.version, a.owner_agency_id) for a in rows])


@pytest.fixture
def held(client, session, act_as, world, clock):
    act_as(world.coordinator)
    housing = member(session, world.panel.id, name="Housing")
    absent = member(session, world.panel.id, name="Probation")
    january = hold(client, clock, world, date(2027, 1, 7), date(2026, 12, 1),
                   present=[world.agency, housing], absent=[absent])
    made = client.post(ACTIONS, json=action_body(january, housing))
    assert made.status_code == 201, made.text
    url = f"{ACTIONS}/{made.json()['items'][0]['id']}"
    return {"meeting": january, "housing": housing, "absent": absent, "url": url,
            "etag": client.get(url).headers["ETag"]}


@pytest.mark.parametrize(("change", "status", "problem"), [
    pytest.param(lambda h: {"owner_agency_ids": [str(h["absent"].id)]}, 422,
                 "action-agency-absent", id="an absent agency"),
    pytest.param(lambda h: {"owner_agency_ids": [str(h["housing"].id), str(h["absent"].id)]},
                 422, "action-agency-absent", id="a joint action with one agency absent"),
    pytest.param(lambda h: {"due_on": "2027-01-06"}, 422, "action-due-before-meeting",
                 id="due before the meeting"),
    pytest.param(lambda h: {"category": "flowers"}, 422, "validation-error",
                 id="an unknown category"),
    pytest.param(lambda h: {"description": ""}, 422, "validation-error", id="no description"),
])
def test_refused_actions(client, session, held, change, status, problem):
    before = _count(session)
    answer = client.post(ACTIONS, json=action_body(held["meeting"], held["housing"],
                                                    **change(held)))
    assert answer.status_code == status, answer.text
    assert answer.json()["type"] == f"/problems/{problem}"
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert _count(session) == before


@pytest.mark.parametrize(("body", "if_match", "status", "problem"), [
    pytest.param({"status": "done"}, None, 422, "action-outcome-required",
                 id="done without an outcome"),
    pytest.param({"status": "not_done", "outcome": "x"}, None, 422, "action-reason-required",
                 id="not done without a reason"),
    pytest.param({"progress": "Visited"}, '"v99"', 412, "precondition-failed",
                 id="a stale If-Match"),
    pytest.param({"progress": "Visited"}, "", 428, "precondition-required", id="no If-Match"),
    pytest.param({"status": "closed", "outcome": "x"}, None, 422, "validation-error",
                 id="an unknown status"),
    pytest.param({}, None, 422, "validation-error", id="an update saying nothing"),
    pytest.param({"progress": "x", "outcome": "Done?"}, None, 422, "validation-error",
                 id="an outcome while still open"),
    pytest.param({"progress": "x", "meeting_id": "00000000-0000-4000-8000-000000000000"},
                 None, 422, "action-meeting-not-held", id="an unknown meeting"),
])
def test_refused_updates(client, session, held, body, if_match, status, problem):
    before = _count(session)
    headers = {"If-Match": held["etag"] if if_match is None else if_match}
    answer = client.patch(held["url"], json=body, headers=headers)
    assert answer.status_code == status, answer.text
    assert answer.json()["type"] == f"/problems/{problem}"
    assert _count(session) == before


def test_an_update_from_another_agency_is_refused(client, session, act_as, world, held):
    before = _count(session)
    act_as(user(world.agency.id, {world.panel.id: [Role.agency_representative]}))
    answer = client.patch(held["url"], json={"progress": "Not ours"},
                          headers={"If-Match": held["etag"]})
    assert answer.status_code == 403 and answer.json()["type"] == "/problems/forbidden"
    act_as(api_key(world.agency.id, [world.panel.id], Scope.actions_write, Scope.actions_read))
    assert client.patch(held["url"], json={"progress": "Not ours"},
                        headers={"If-Match": held["etag"]}).status_code == 404
    act_as(api_key(held["housing"].id, [world.panel.id], Scope.actions_read))
    assert client.patch(held["url"], json={"progress": "No write scope"},
                        headers={"If-Match": held["etag"]}).status_code == 403
    assert _count(session) == before


def test_a_closed_action_stays_closed(client, session, held):
    done = client.patch(held["url"], json={"status": "not_done", "reason": "Victim moved"},
                        headers={"If-Match": held["etag"]})
    assert done.status_code == 200, done.text
    assert done.json()["reason"] == "Victim moved" and done.json()["outcome"] is None
    before = _count(session)
    again = client.patch(held["url"], json={"status": "done", "outcome": "x"},
                         headers={"If-Match": done.headers["ETag"]})
    assert again.status_code == 409 and again.json()["type"] == "/problems/action-closed"
    assert _count(session) == before


def test_no_action_for_a_case_not_on_the_meeting_or_a_meeting_not_held(
        client, session, world, clock, held):
    before = _count(session)
    later = add_meeting(client, world.panel.id, "2027-02-04")
    for body, problem in (
            (action_body(held["meeting"], held["housing"], meeting_id=later["id"]),
             "action-meeting-not-held"),
            (action_body(held["meeting"], held["housing"],
                         case_id="00000000-0000-4000-8000-000000000000"),
             "action-case-not-at-meeting")):
        answer = client.post(ACTIONS, json=body)
        assert answer.json()["type"] == f"/problems/{problem}", answer.text
    assert _count(session) == before


def test_a_retried_recording_does_not_duplicate(client, session, held):
    before = _count(session)
    body = action_body(held["meeting"], held["housing"], description="Retry-safe")
    first = client.post(ACTIONS, json=body, headers={"Idempotency-Key": "act-1"})
    second = client.post(ACTIONS, json=body, headers={"Idempotency-Key": "act-1"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() and second.headers["Idempotent-Replayed"] == "true"
    assert _count(session)[0] == before[0] + 1
