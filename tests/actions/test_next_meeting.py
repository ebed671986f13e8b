"""At the next meeting: updates given are minuted, and an action is re-assigned to another
agency present (recorded with before and after)."""

from datetime import date

from tests.actions.helpers import ACTIONS, action_body, attend, hold, member
from tests.meetings.helpers import MEETINGS, add_meeting


def test_updates_given_at_the_next_meeting_and_a_reassignment(client, session, act_as, world,
                                                              clock):
    act_as(world.coordinator)
    housing = member(session, world.panel.id, name="Housing")
    probation = member(session, world.panel.id, name="Probation")
    january = hold(client, clock, world, date(2027, 1, 7), date(2026, 12, 1),
                   present=[world.agency, housing], absent=[probation])
    clock.today = date(2027, 1, 7)
    february = add_meeting(client, world.panel.id, "2027-02-04")
    [police, moving] = [client.post(ACTIONS, json=action_body(
        january, owner, description=text)).json()["items"][0]
        for owner, text in ((world.agency, "Flag the address"), (housing, "Find a new home"))]
    minutes = client.get(f"{MEETINGS}/{january.meeting['id']}/minutes").json()
    assert [len(c["actions"]) for c in minutes["cases"]] == [2]

    clock.today = date(2027, 2, 4)
    attend(client, february["id"], world.agency)
    attend(client, february["id"], probation)
    url = f"{ACTIONS}/{moving['id']}"
    early = client.post(f"{url}/reassignment", headers={"If-Match": '"v1"'}, json={
        "meeting_id": january.meeting["id"], "owner_agency_id": str(probation.id),
        "reason": "Same meeting"})
    assert early.json()["type"] == "/problems/action-not-a-later-meeting"
    moved = client.post(f"{url}/reassignment", headers={"If-Match": '"v1"'}, json={
        "meeting_id": february["id"], "owner_agency_id": str(probation.id),
        "due_on": "2027-03-04", "reason": "Housing sent apologies; probation will do it"})
    assert moved.status_code == 200, moved.text
    assert (moved.json()["owner_agency"], moved.json()["due_on"]) == ("Probation", "2027-03-04")
    absent = client.post(f"{url}/reassignment", headers={"If-Match": moved.headers["ETag"]},
                         json={"meeting_id": february["id"], "owner_agency_id": str(housing.id),
                               "reason": "Back again"})
    assert absent.json()["type"] == "/problems/action-agency-absent"
    given = client.patch(f"{ACTIONS}/{police['id']}", headers={"If-Match": '"v1"'}, json={
        "progress": "Address flagged on the police system", "meeting_id": february["id"]})
    assert given.status_code == 200, given.text

    feb_minutes = client.get(f"{MEETINGS}/{february['id']}/minutes").json()
    assert [(u["kind"], u["action_id"]) for u in feb_minutes["action_updates"]] == [
        ("reassigned", moving["id"]), ("progress", police["id"])]
    reassigned = feb_minutes["action_updates"][0]
    assert reassigned["before"]["owner_agency_id"] == str(housing.id)
    assert reassigned["after"]["owner_agency_id"] == str(probation.id)
    assert reassigned["after"]["note"].startswith("Housing sent apologies")
