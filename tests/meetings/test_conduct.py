"""The meeting itself: attendance, declarations before discussion, discussion hears the case
and sets its flag, deferral to the next meeting."""

from datetime import date

from api.security.principal import Role
from tests.meetings.helpers import MEETINGS, accepted_referral, add_meeting, schedule
from tests.support.auth import make_agency
from tests.support.principals import user


def _ready(client, world, clock):
    """A January meeting with one listed case, on the meeting day."""
    meeting = add_meeting(client, world.panel.id, "2027-01-07")
    referral = accepted_referral(client, world.panel.id, "2026-11-20")
    [hearing] = schedule(client, world.panel.id)
    clock.today = date(2027, 1, 7)
    return meeting, referral, hearing


def _attend(client, meeting_id, agency_id, name="A Person", **extra):
    response = client.post(f"{MEETINGS}/{meeting_id}/attendance", json={
        "agency_id": str(agency_id), "person_name": name, "standing": "lead", **extra})
    assert response.status_code == 201, response.text
    return response.json()


def _discussion(world, hearing_id):
    return {"hearing_id": hearing_id, "referrer_presentation": "Escalating abuse.",
            "shared": [{"agency_id": str(world.agency.id), "kind": "fact",
                        "text": "Two call-outs in November."}],
            "risks": ["strangulation"], "victim_views": "Wants to stay at home.",
            "lead_agency_id": str(world.agency.id), "victim_updater": "IDVA service"}


def test_nothing_is_discussed_until_everyone_present_has_signed(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, referral, hearing = _ready(client, world, clock)
    url = f"{MEETINGS}/{meeting['id']}"
    early = client.post(f"{url}/discussions", json=_discussion(world, hearing["id"]))
    assert early.json()["type"] == "/problems/declarations-outstanding"
    first = _attend(client, meeting["id"], world.agency.id, "Chair Person")
    second = _attend(client, meeting["id"], world.agency.id, "Deputy Person", standing="deputy")
    _attend(client, meeting["id"], world.agency.id, "Absent Person", apologies=True)
    assert client.post(f"{url}/declarations",
                       json={"attendance_id": first["id"]}).status_code == 200
    refused = client.post(f"{url}/discussions", json=_discussion(world, hearing["id"]))
    assert refused.status_code == 409
    assert second["id"] in refused.json()["detail"] and first["id"] not in refused.json()["detail"]
    assert client.get(f"/api/v1/cases/{referral['case_id']}").json()["last_heard_on"] is None
    assert client.post(f"{url}/declarations",
                       json={"attendance_id": second["id"]}).status_code == 200
    done = client.post(f"{url}/discussions", json=_discussion(world, hearing["id"]))
    assert done.status_code == 201, done.text
    assert done.json()["shared"][0]["kind"] == "fact"
    case = client.get(f"/api/v1/cases/{referral['case_id']}").json()
    assert case["last_heard_on"] == "2027-01-07" and case["flagged_until"] == "2028-01-07"
    again = client.post(f"{url}/discussions", json=_discussion(world, hearing["id"]))
    assert again.json()["type"] == "/problems/case-not-on-meeting"
    moved = client.post(f"{url}/move", json={"held_on": "2027-01-14", "reason": "late"},
                        headers={"If-Match": client.get(url).headers["ETag"]})
    assert moved.json()["type"] == "/problems/meeting-started"


def test_a_declaration_needs_someone_present_at_this_meeting(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, _, _ = _ready(client, world, clock)
    other = add_meeting(client, world.panel.id, "2027-01-08", emergency=True,
                        emergency_reason="Imminent risk")
    clock.today = date(2027, 1, 8)
    elsewhere = _attend(client, other["id"], world.agency.id)
    apologies = _attend(client, meeting["id"], world.agency.id, apologies=True)
    url = f"{MEETINGS}/{meeting['id']}/declarations"
    for attendance_id in (elsewhere["id"], apologies["id"]):
        refused = client.post(url, json={"attendance_id": attendance_id})
        assert refused.status_code == 422
        assert refused.json()["type"] == "/problems/declaration-not-attending"


def test_attendance_waits_for_the_meeting_day(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting = add_meeting(client, world.panel.id, "2027-01-07")
    refused = client.post(f"{MEETINGS}/{meeting['id']}/attendance", json={
        "agency_id": str(world.agency.id), "person_name": "Early", "standing": "lead"})
    assert refused.json()["type"] == "/problems/meeting-not-yet-held"


def test_an_agency_representative_records_only_their_own_agency(client, act_as, session,
                                                                 world, clock):
    act_as(world.coordinator)
    meeting, _, _ = _ready(client, world, clock)
    act_as(user(world.agency.id, {world.panel.id: [Role.agency_representative]}))
    _attend(client, meeting["id"], world.agency.id)
    other = make_agency(session)
    refused = client.post(f"{MEETINGS}/{meeting['id']}/attendance", json={
        "agency_id": str(other.id), "person_name": "Someone", "standing": "lead"})
    assert refused.status_code == 403


def test_a_deferred_case_goes_to_the_next_meeting(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, _, hearing = _ready(client, world, clock)
    february = add_meeting(client, world.panel.id, "2027-02-04")
    deferred = client.post(f"{MEETINGS}/{meeting['id']}/deferrals",
                           json={"hearing_id": hearing["id"], "reason": "Police report due"})
    assert deferred.status_code == 200, deferred.text
    assert deferred.json()["meeting_id"] == february["id"]
    assert deferred.json()["warning"] == "after-hearing-deadline"


def test_flagged_cases_are_listed_until_twelve_months_after_hearing(client, act_as, world,
                                                                    clock):
    act_as(world.coordinator)
    meeting, referral, hearing = _ready(client, world, clock)
    waiting = accepted_referral(client, world.panel.id, "2026-11-21")
    url = f"{MEETINGS}/{meeting['id']}"
    attendee = _attend(client, meeting["id"], world.agency.id)
    client.post(f"{url}/declarations", json={"attendance_id": attendee["id"]})
    heard = client.post(f"{url}/discussions", json=_discussion(world, hearing["id"]))
    assert heard.status_code == 201, heard.text

    def listed(flagged: str) -> set[str]:
        page = client.get("/api/v1/cases", params={"panel_id": str(world.panel.id),
                                                   "flagged": flagged})
        return {c["id"] for c in page.json()["items"]}

    assert listed("true") == {referral["case_id"]}
    assert listed("false") == {waiting["case_id"]}
    clock.today = date(2028, 1, 7)  # the flag's last day
    assert listed("true") == {referral["case_id"]}
    clock.today = date(2028, 1, 8)
    assert listed("true") == set()
