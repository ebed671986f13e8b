"""The meeting record after the fact: departure times, the IDVA's account of the victim's
views, deferred cases in the minutes, flags renewed and ended, hearing warnings on cases."""

import uuid
from datetime import date

from sqlalchemy import select, update

from api.audit.models import AuditEntry
from api.cases.models import Case
from api.security.principal import Role
from tests.meetings.helpers import MEETINGS, accepted_referral, add_meeting, schedule
from tests.meetings.test_agenda import _agenda, _listed
from tests.meetings.test_conduct import _attend, _discussion, _ready
from tests.meetings.test_research import _published
from tests.referrals.factories import referral_body
from tests.support.auth import make_agency
from tests.support.principals import user


def _heard(client, world, clock):
    """A January 2027 meeting that has heard its one case; answers the discussion."""
    meeting, referral, hearing = _ready(client, world, clock)
    attendee = _attend(client, meeting["id"], world.agency.id)
    client.post(f"{MEETINGS}/{meeting['id']}/declarations",
                json={"attendance_id": attendee["id"]})
    heard = client.post(f"{MEETINGS}/{meeting['id']}/discussions",
                        json=_discussion(world, hearing["id"]) | {"victim_views": None})
    assert heard.status_code == 201, heard.text
    return meeting, referral, heard.json()


def test_departure_is_recorded_with_if_match_and_never_before_arrival(client, act_as, world,
                                                                     clock):
    act_as(world.coordinator)
    meeting, _, _ = _ready(client, world, clock)
    row = _attend(client, meeting["id"], world.agency.id, arrived_at="2027-01-07T10:00:00Z")
    url = f"{MEETINGS}/{meeting['id']}/attendance/{row['id']}"
    assert client.patch(url, json={"departed_at": "2027-01-07T11:00:00Z"}).status_code == 428
    naive = client.patch(url, json={"departed_at": "2027-01-07T11:00:00"},
                         headers={"If-Match": f'"v{row["version"]}"'})
    assert naive.status_code == 422  # a time without its offset is refused, not guessed
    early = client.patch(url, json={"departed_at": "2027-01-07T09:00:00Z"},
                         headers={"If-Match": f'"v{row["version"]}"'})
    assert early.json()["type"] == "/problems/departure-before-arrival"
    done = client.patch(url, json={"departed_at": "2027-01-07T11:30:00Z"},
                        headers={"If-Match": f'"v{row["version"]}"'})
    assert done.status_code == 200, done.text
    assert done.json()["departed_at"].startswith("2027-01-07T11:30")
    assert done.json()["arrived_at"].startswith("2027-01-07T10:00")
    assert done.headers["ETag"] == f'"v{row["version"] + 1}"'
    stale = client.patch(url, json={"arrived_at": "2027-01-07T10:05:00Z"},
                         headers={"If-Match": f'"v{row["version"]}"'})
    assert stale.status_code == 412
    listed = client.get(f"{MEETINGS}/{meeting['id']}/attendance").json()["items"]
    assert listed[0]["departed_at"].startswith("2027-01-07T11:30")


def test_apologies_have_no_times_and_a_representative_keeps_to_their_agency(
        client, act_as, session, world, clock):
    act_as(world.coordinator)
    meeting, _, _ = _ready(client, world, clock)
    sorry = _attend(client, meeting["id"], world.agency.id, apologies=True)
    other = make_agency(session)
    refused = client.patch(f"{MEETINGS}/{meeting['id']}/attendance/{sorry['id']}",
                           json={"departed_at": "2027-01-07T11:00:00Z"},
                           headers={"If-Match": '"v1"'})
    assert refused.json()["type"] == "/problems/declaration-not-attending"
    act_as(user(other.id, {world.panel.id: [Role.agency_representative]}))
    assert client.patch(f"{MEETINGS}/{meeting['id']}/attendance/{sorry['id']}",
                        json={"departed_at": "2027-01-07T11:00:00Z"},
                        headers={"If-Match": '"v1"'}).status_code == 403


def test_someone_who_left_does_not_hold_up_the_discussion(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, _, hearing = _ready(client, world, clock)
    signed = _attend(client, meeting["id"], world.agency.id, "Signed")
    client.post(f"{MEETINGS}/{meeting['id']}/declarations", json={"attendance_id": signed["id"]})
    left = _attend(client, meeting["id"], world.agency.id, "Left early",
                   arrived_at="2027-01-07T09:00:00Z")
    refused = client.post(f"{MEETINGS}/{meeting['id']}/discussions",
                          json=_discussion(world, hearing["id"]))
    assert refused.json()["type"] == "/problems/declarations-outstanding"
    assert client.patch(f"{MEETINGS}/{meeting['id']}/attendance/{left['id']}",
                        json={"departed_at": "2027-01-07T09:30:00Z"},
                        headers={"If-Match": '"v1"'}).status_code == 200
    assert client.post(f"{MEETINGS}/{meeting['id']}/discussions",
                       json=_discussion(world, hearing["id"])).status_code == 201


def test_the_idva_records_the_victims_views_and_the_minutes_show_them(
        client, act_as, session, world, clock):
    act_as(world.coordinator)
    meeting, referral, discussion = _heard(client, world, clock)
    url = f"{MEETINGS}/{meeting['id']}/discussions/{discussion['id']}"
    act_as(user(world.agency.id, {world.panel.id: [Role.chair]}))
    assert client.put(f"{url}/victim-views", json={"victim_views": "x"},
                      headers={"If-Match": '"v1"'}).status_code == 403
    act_as(user(world.agency.id, {world.panel.id: [Role.idva]}))
    read = client.get(url)
    assert read.status_code == 200 and read.json()["victim_views"] is None
    views = {"victim_views": "Wants to stay at home; afraid of his brother."}
    assert client.put(f"{url}/victim-views", json=views).status_code == 428
    done = client.put(f"{url}/victim-views", json=views,
                      headers={"If-Match": read.headers["ETag"]})
    assert done.status_code == 200, done.text
    assert client.put(f"{url}/victim-views", json=views,
                      headers={"If-Match": read.headers["ETag"]}).status_code == 412
    [case] = client.get(f"{MEETINGS}/{meeting['id']}/minutes").json()["cases"]
    assert case["victim_views"] == views["victim_views"]
    assert case["discussion_id"] == discussion["id"]
    # The chair's refusal came before the case was known; every other entry names it.
    entries = session.scalars(select(AuditEntry).where(
        AuditEntry.action.in_(["getDiscussion", "recordVictimViews"]),
        AuditEntry.resource_id == meeting["id"], AuditEntry.outcome != "refused")).all()
    assert len(entries) == 4 and {str(e.case_id) for e in entries} == {referral["case_id"]}
    assert client.get(f"{MEETINGS}/{meeting['id']}/discussions/{meeting['id']}").status_code \
        == 404


def test_a_deferred_case_is_in_the_minutes_with_its_reason(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, referral, hearing = _ready(client, world, clock)
    add_meeting(client, world.panel.id, "2027-02-04")
    deferred = client.post(f"{MEETINGS}/{meeting['id']}/deferrals",
                           json={"hearing_id": hearing["id"], "reason": "Police report due"})
    assert deferred.status_code == 200, deferred.text
    [case] = client.get(f"{MEETINGS}/{meeting['id']}/minutes").json()["cases"]
    assert case["outcome"] == "deferred" and case["deferral_reason"] == "Police report due"
    assert case["summary"]["case_id"] == referral["case_id"]
    assert case["discussion_id"] is None


def test_a_flag_ends_twelve_months_after_hearing_and_a_new_hearing_renews_it(
        client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, referral, _ = _heard(client, world, clock)
    case_url = f"/api/v1/cases/{referral['case_id']}"

    def flagged() -> dict[str, bool]:
        page = client.get("/api/v1/cases", params={"panel_id": str(world.panel.id),
                                                   "flagged": "true"}).json()["items"]
        return {c["id"]: c["flagged"] for c in page}

    clock.today = date(2028, 1, 7)
    assert flagged() == {referral["case_id"]: True}
    clock.today = date(2028, 1, 8)  # the day after the flag's last day: de-flagged
    assert flagged() == {}
    unflagged = client.get("/api/v1/cases", params={"panel_id": str(world.panel.id),
                                                    "flagged": "false"}).json()["items"]
    assert [c["flagged"] for c in unflagged] == [False]
    # Referred again and heard again: the flag runs 12 months from the new hearing.
    clock.today = date(2028, 1, 10)
    add_meeting(client, world.panel.id, "2028-02-03")
    again = client.post("/api/v1/referrals",
                        json=referral_body(world.panel.id, referral_date="2028-01-10"))
    assert again.status_code == 201, again.text
    triaged = client.post(f"/api/v1/referrals/{again.json()['id']}/triage",
                          json={"outcome": "accept_repeat", "case_id": referral["case_id"]},
                          headers={"If-Match": again.headers["ETag"]})
    assert triaged.status_code == 200, triaged.text
    [hearing] = [h for h in schedule(client, world.panel.id) if h["status"] == "listed"]
    clock.today = date(2028, 2, 3)
    february = hearing["meeting_id"]
    attendee = _attend(client, february, world.agency.id)
    client.post(f"{MEETINGS}/{february}/declarations", json={"attendance_id": attendee["id"]})
    assert client.post(f"{MEETINGS}/{february}/discussions",
                       json=_discussion(world, hearing["id"])).status_code == 201
    case = client.get(case_url).json()
    assert case["last_heard_on"] == "2028-02-03" and case["flagged_until"] == "2029-02-03"
    assert flagged() == {referral["case_id"]: True}


def test_a_case_no_listed_meeting_can_hear_in_time_carries_a_warning(client, act_as, world,
                                                                     clock):
    act_as(world.coordinator)
    referral = accepted_referral(client, world.panel.id, "2026-11-20")
    schedule(client, world.panel.id)
    case = client.get(f"/api/v1/cases/{referral['case_id']}").json()
    assert case["hearing_warning"] == "no-meeting-listed"
    assert case["hearing_deadline"] is not None
    [listed] = client.get("/api/v1/cases", params={"panel_id": str(world.panel.id)}).json()[
        "items"]
    assert listed["hearing_warning"] == "no-meeting-listed"
    add_meeting(client, world.panel.id, "2026-12-17")
    schedule(client, world.panel.id)
    assert client.get(f"/api/v1/cases/{referral['case_id']}").json()["hearing_warning"] is None


def test_meetings_are_listed_a_page_at_a_time(client, act_as, world, clock):
    act_as(world.coordinator)
    days = ["2027-01-07", "2027-02-04", "2027-03-04"]
    for day in days:
        add_meeting(client, world.panel.id, day)
    query = {"panel_id": str(world.panel.id), "limit": 2}
    first = client.get(MEETINGS, params=query).json()
    assert [m["held_on"] for m in first["items"]] == days[:2]
    second = client.get(MEETINGS, params=query | {"cursor": first["next_cursor"]}).json()
    assert [m["held_on"] for m in second["items"]] == days[2:]
    assert second["next_cursor"] is None
    between = client.get(MEETINGS, params={"panel_id": str(world.panel.id),
                                           "from": "2027-01-08", "to": "2027-03-04"}).json()
    assert [m["held_on"] for m in between["items"]] == days[1:]
    after_first = client.get(MEETINGS, params=query | {"from": "2027-02-01",
                                                       "cursor": first["next_cursor"]}).json()
    assert [m["held_on"] for m in after_first["items"]] == days[2:]


def test_reading_one_cases_research_is_audited_against_the_case(client, act_as, session, world,
                                                                clock):
    meeting, hearing, _ = _published(client, act_as, session, world)
    read = client.get(f"{MEETINGS}/{meeting['id']}/research/{hearing['id']}")
    assert read.status_code == 200, read.text
    assert [i["hearing_id"] for i in read.json()["items"]] == [hearing["id"]]
    act_as(user(world.agency.id, {world.panel.id: [Role.agency_representative]}))
    assert client.put(f"{MEETINGS}/{meeting['id']}/research/{hearing['id']}",
                      json={"nothing_held": True}).status_code == 200
    entries = session.scalars(select(AuditEntry).where(
        AuditEntry.action.in_(["getCaseResearch", "submitResearch"]),
        AuditEntry.resource_id == meeting["id"])).all()
    assert len(entries) == 2 and {str(e.case_id) for e in entries} == {hearing["case_id"]}


def test_a_flag_ending_on_the_meeting_day_is_notified_one_ended_the_day_before_is_not(
        client, act_as, session, world, clock):
    act_as(world.coordinator)
    meeting, ends_today, ended = _listed(client, world)  # meeting on 7 January 2027
    for case, heard in ((ends_today, date(2026, 1, 7)), (ended, date(2026, 1, 6))):
        session.execute(update(Case).where(Case.id == uuid.UUID(case["case_id"]))
                        .values(last_heard_on=heard))
    session.commit()
    notes = _agenda(client, meeting["id"])["sections"][5]["notifications"]
    assert [n["case_id"] for n in notes] == [ends_today["case_id"]]
    assert notes[0]["flagged_until"] == "2027-01-07"
