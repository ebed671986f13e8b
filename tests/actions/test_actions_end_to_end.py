"""Done when (issue 12): an action agreed at one meeting appears as outstanding on the next
agenda, is updated by its agency through an API key, and is closed; an absent agency cannot be
tasked. On SQLite and PostgreSQL, through the API."""

from datetime import date

from fastapi import FastAPI
from sqlalchemy import func, select

from api.actions.models import Action
from api.security.dependencies import current_principal
from api.security.principal import Scope
from tests.actions.helpers import ACTIONS, action_body, hold, member
from tests.meetings.helpers import MEETINGS, add_meeting
from tests.support.auth import api_key_headers


def _outstanding(client, meeting_id: str) -> list[dict]:
    agenda = client.get(f"{MEETINGS}/{meeting_id}/agenda").json()
    [section] = [s for s in agenda["sections"] if s["kind"] == "outstanding_actions"]
    return list(section["actions"])


def test_an_action_goes_from_one_meeting_to_the_next_and_is_closed_by_its_agency(
        app: FastAPI, client, session, act_as, world, clock):
    act_as(world.coordinator)
    housing = member(session, world.panel.id, name="Housing", sector="housing")
    probation = member(session, world.panel.id, name="Probation", sector="probation")
    january = hold(client, clock, world, date(2027, 1, 7), date(2026, 12, 1),
                   present=[world.agency, housing], absent=[probation])
    clock.today = date(2027, 1, 7)
    february = add_meeting(client, world.panel.id, "2027-02-04")

    absent = client.post(ACTIONS, json=action_body(january, probation))
    assert absent.status_code == 422
    assert absent.json()["type"] == "/problems/action-agency-absent"
    assert session.scalar(select(func.count()).select_from(Action).where(
        Action.panel_id == world.panel.id)) == 0

    made = client.post(ACTIONS, json=action_body(january, housing))
    assert made.status_code == 201, made.text
    [action] = made.json()["items"]
    assert action["owner_agency"] == "Housing" and action["status"] == "open"
    assert made.headers["Location"] == f"{ACTIONS}/{action['id']}"
    joint = client.post(ACTIONS, json=action_body(
        january, world.agency, housing, category="joint_or_separate_visiting",
        description="Joint home visit", due_on="2027-01-14"))
    assert joint.status_code == 201 and len(joint.json()["items"]) == 2

    clock.today = date(2027, 1, 28)
    listed = _outstanding(client, february["id"])
    assert {(a["owner_agency"], a["case_id"]) for a in listed} == {
        ("Housing", january.case_id), ("Test agency", january.case_id)}
    assert [a["overdue"] for a in listed if a["action_id"] == action["id"]] == [True]

    # The housing system pulls what it owes MARAC and closes it, with its own key.
    app.dependency_overrides.pop(current_principal)
    key = api_key_headers(session, housing, Scope.actions_read, Scope.actions_write)
    owed = client.get(ACTIONS, headers=key).json()["items"]
    assert [a["due_on"] for a in owed] == ["2027-01-14", "2027-01-21"]
    assert {a["owner_agency"] for a in owed} == {"Housing"}
    read = client.get(f"{ACTIONS}/{action['id']}", headers=key)
    url = f"{ACTIONS}/{action['id']}"
    no_outcome = client.patch(url, headers=key | {"If-Match": read.headers["ETag"]},
                              json={"status": "done"})
    assert no_outcome.json()["type"] == "/problems/action-outcome-required"
    done = client.patch(url, headers=key | {"If-Match": read.headers["ETag"]},
                        json={"status": "done", "outcome": "Locks fitted on 20 January"})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "done" and done.json()["closed_on"] == "2027-01-28"
    stale = client.patch(url, headers=key | {"If-Match": read.headers["ETag"]},
                         json={"progress": "again"})
    assert stale.status_code == 412

    act_as(world.coordinator)
    assert action["id"] not in {a["action_id"] for a in _outstanding(client, february["id"])}
    history = client.get(f"{url}/history").json()["items"]
    assert [c["kind"] for c in history] == ["recorded", "done"]
    assert history[1]["before"]["status"] == "open" and history[1]["after"]["status"] == "done"
    assert history[1]["by_kind"] == "api_key"
