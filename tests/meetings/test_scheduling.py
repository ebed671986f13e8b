"""Scheduling accepted referrals: first meeting whose cut-off they meet, hearing deadlines,
warnings, cases going back when a meeting goes, and late additions agreed by two people."""

from datetime import date

from api.security.principal import Role
from tests.meetings.helpers import HEARINGS, MEETINGS, accepted_referral, add_meeting, schedule
from tests.meetings.helpers import hearings as hearings_of
from tests.support.principals import user


def test_an_accepted_referral_goes_to_the_first_meeting_whose_cutoff_it_meets(
        client, act_as, world, clock):
    act_as(world.coordinator)
    clock.today = date(2026, 11, 16)
    december = add_meeting(client, world.panel.id, "2026-12-03")  # cut-off 23 November
    january = add_meeting(client, world.panel.id, "2027-01-07")  # cut-off 23 December
    case = accepted_referral(client, world.panel.id, "2026-11-16")
    [placed] = schedule(client, world.panel.id)
    assert placed["meeting_id"] == december["id"] and placed["status"] == "listed"
    assert placed["hearing_deadline"] == "2026-12-28"  # six weeks after referral
    assert placed["warning"] is None and placed["case_id"] == case["case_id"]
    assert schedule(client, world.panel.id) == []  # nothing new, nothing placed twice
    clock.today = date(2026, 11, 25)  # after December's cut-off
    late = accepted_referral(client, world.panel.id, "2026-11-20")
    [second] = schedule(client, world.panel.id)
    assert second["referral_id"] == late["id"] and second["meeting_id"] == january["id"]
    # Heard by 1 January at the latest; 7 January is too late, and the list says so.
    assert second["warning"] == "after-hearing-deadline"
    warned = hearings_of(client, world.panel.id, warned="true")
    assert [h["id"] for h in warned] == [second["id"]]


def test_with_no_meeting_listed_the_case_waits_with_a_warning(client, act_as, world, clock):
    act_as(world.coordinator)
    accepted_referral(client, world.panel.id, "2026-11-20")
    [waiting] = schedule(client, world.panel.id)
    assert waiting["status"] == "waiting" and waiting["meeting_id"] is None
    assert waiting["warning"] == "no-meeting-listed"
    january = add_meeting(client, world.panel.id, "2027-01-07")
    [placed] = schedule(client, world.panel.id)
    assert placed["meeting_id"] == january["id"]


def test_a_cancelled_meetings_cases_go_back_to_be_scheduled(client, act_as, world, clock):
    act_as(world.coordinator)
    january = add_meeting(client, world.panel.id, "2027-01-07")
    february = add_meeting(client, world.panel.id, "2027-02-04")
    accepted_referral(client, world.panel.id, "2026-11-20")
    [placed] = schedule(client, world.panel.id)
    assert placed["meeting_id"] == january["id"]
    cancelled = client.post(f"{MEETINGS}/{january['id']}/cancel", json={"reason": "Snow"},
                            headers={"If-Match": january["etag"]})
    assert cancelled.status_code == 200, cancelled.text
    [moved] = hearings_of(client, world.panel.id)
    assert moved["id"] == placed["id"] and moved["meeting_id"] == february["id"]


def test_a_late_addition_needs_the_coordinator_and_the_chair(client, act_as, world, clock):
    coordinator = act_as(world.coordinator)
    clock.today = date(2026, 11, 16)
    december = add_meeting(client, world.panel.id, "2026-12-03")
    add_meeting(client, world.panel.id, "2027-01-07")
    clock.today = date(2026, 11, 25)
    accepted_referral(client, world.panel.id, "2026-11-24")
    [hearing] = schedule(client, world.panel.id)
    url = f"{HEARINGS}/{hearing['id']}/late-addition"
    body = {"meeting_id": december["id"]}
    first = client.post(url, json=body)
    assert first.status_code == 200, first.text
    assert first.json()["coordinator_agreed_by"] == str(coordinator.subject_id)
    assert first.json()["meeting_id"] != december["id"]  # not yet: the chair must agree too
    act_as(user(world.agency.id, {world.panel.id: [Role.agency_representative]}))
    assert client.post(url, json=body).status_code == 403
    chair = act_as(user(world.agency.id, {world.panel.id: [Role.chair]}))
    agreed = client.post(url, json=body).json()
    assert agreed["meeting_id"] == december["id"] and agreed["late_addition"] is True
    assert agreed["chair_agreed_by"] == str(chair.subject_id)
    assert agreed["coordinator_agreed_by"] == str(coordinator.subject_id)
    again = client.post(url, json=body)
    assert again.status_code == 409 and again.json()["type"] == "/problems/hearing-not-open"


def test_a_case_ready_before_the_cutoff_is_not_a_late_addition(client, act_as, world, clock):
    act_as(world.coordinator)
    january = add_meeting(client, world.panel.id, "2027-01-07")
    accepted_referral(client, world.panel.id, "2026-11-24")
    [hearing] = schedule(client, world.panel.id)
    other = add_meeting(client, world.panel.id, "2027-02-04")
    response = client.post(f"{HEARINGS}/{hearing['id']}/late-addition",
                           json={"meeting_id": other["id"]})
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/late-addition-not-needed"
    assert hearings_of(client, world.panel.id)[0]["meeting_id"] == january["id"]


def test_hearings_are_the_panels_business_only(client, act_as, world, clock):
    for role in (Role.analyst, Role.referrer):
        act_as(user(world.agency.id, {world.panel.id: [role]}))
        assert client.get(HEARINGS, params={"panel_id": str(world.panel.id)}).status_code == 403
    act_as(user(world.agency.id))
    assert client.get(HEARINGS, params={"panel_id": str(world.panel.id)}).status_code == 404
