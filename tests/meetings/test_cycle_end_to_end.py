"""The whole cycle through the API, over Christmas and Easter: referral, triage, scheduling,
agenda, research, attendance, declarations, discussion, minutes and flag, every date checked
against the domain."""

from datetime import date

from domain import meeting_deadlines
from domain.meeting_calendar import hearing_deadline
from tests.meetings.helpers import MEETINGS, accepted_referral, schedule


def _hear(client, world, meeting_id: str, hearing_id: str) -> None:
    url = f"{MEETINGS}/{meeting_id}"
    attendee = client.post(f"{url}/attendance", json={
        "agency_id": str(world.agency.id), "person_name": "Chair", "standing": "lead"}).json()
    assert client.post(f"{url}/declarations",
                       json={"attendance_id": attendee["id"]}).status_code == 200
    heard = client.post(f"{url}/discussions", json={
        "hearing_id": hearing_id, "referrer_presentation": "Presented.",
        "lead_agency_id": str(world.agency.id), "victim_updater": "IDVA service",
        "victim_views": "Wants the locks changed."})
    assert heard.status_code == 201, heard.text


def _flagged(client, world) -> dict[str, str]:
    page = client.get("/api/v1/cases", params={"panel_id": str(world.panel.id),
                                               "flagged": "true"}).json()
    return {c["id"]: c["flagged_until"] for c in page["items"]}


def _cycle(client, world, clock, referral_day: date, meeting: dict, publish_on: date) -> str:
    clock.today = referral_day
    case = accepted_referral(client, world.panel.id, referral_day.isoformat())
    placed = [h for h in schedule(client, world.panel.id) if h["case_id"] == case["case_id"]]
    assert placed[0]["meeting_id"] == meeting["id"] and placed[0]["warning"] is None
    assert placed[0]["hearing_deadline"] == hearing_deadline(referral_day).isoformat()
    clock.today = publish_on
    published = client.post(f"{MEETINGS}/{meeting['id']}/agenda/publications", json={})
    assert published.status_code == 201, published.text
    assert published.json()["late"] is (publish_on > date.fromisoformat(meeting["agenda_due"]))
    research = f"{MEETINGS}/{meeting['id']}/research"
    form = client.put(f"{research}/{placed[0]['id']}", json={
        "nothing_held": False, "content": {"victim": "Known to the agency."}})
    assert form.status_code == 200, form.text
    assert [s["submitted"] for s in client.get(research).json()["items"]
            if s["hearing_id"] == placed[0]["id"]] == [True]
    clock.today = date.fromisoformat(meeting["held_on"])
    _hear(client, world, meeting["id"], placed[0]["id"])
    return str(case["case_id"])


def test_the_cycle_over_christmas_and_easter(client, act_as, world, clock):
    act_as(world.coordinator)
    clock.today = date(2026, 12, 1)
    series = client.post("/api/v1/meeting-series", json={
        "panel_id": str(world.panel.id), "year": 2027,
        "rule": {"kind": "nth_weekday", "weekday": 3, "nth": 1}}).json()["listed"]
    for meeting in series:
        expected = meeting_deadlines(date.fromisoformat(meeting["held_on"]))
        assert meeting["referral_cutoff"] == expected.referral_cutoff.isoformat()
        assert meeting["agenda_due"] == expected.agenda_due.isoformat()
        assert meeting["minutes_due"] == expected.minutes_due.isoformat()
    january, april = series[0], series[3]
    # Christmas: 25 and 28 December and 1 January are not working days.
    assert (january["referral_cutoff"], january["agenda_due"], january["minutes_due"]) == (
        "2026-12-23", "2026-12-30", "2027-01-14")
    # Easter 2027: Good Friday 26 March and Easter Monday 29 March are not working days.
    assert (april["referral_cutoff"], april["agenda_due"], april["minutes_due"]) == (
        "2027-03-18", "2027-03-23", "2027-04-08")

    winter = _cycle(client, world, clock, date(2026, 12, 23), january, date(2026, 12, 30))
    assert _flagged(client, world) == {winter: "2028-01-07"}
    spring = _cycle(client, world, clock, date(2027, 3, 18), april, date(2027, 3, 24))
    assert _flagged(client, world) == {winter: "2028-01-07", spring: "2028-04-01"}
    agenda = client.get(f"{MEETINGS}/{april['id']}/agenda").json()
    assert agenda["published"]["late"] is True and agenda["changed_since_published"] is False


def test_minutes_are_built_from_the_meeting_and_circulated(client, act_as, world, clock):
    act_as(world.coordinator)
    clock.today = date(2026, 12, 1)
    january = client.post(MEETINGS, json={"panel_id": str(world.panel.id),
                                          "held_on": "2027-01-07"}).json()
    case_id = _cycle(client, world, clock, date(2026, 12, 23), january, date(2026, 12, 30))
    client.post(f"{MEETINGS}/{january['id']}/attendance", json={
        "agency_id": str(world.agency.id), "person_name": "Away", "standing": "deputy",
        "apologies": True})
    url = f"{MEETINGS}/{january['id']}/minutes"
    clock.today = date(2027, 1, 15)  # a day after the minutes were due
    minutes = client.get(url).json()
    assert minutes["overdue"] is True and minutes["minutes_due"] == "2027-01-14"
    assert [a["person_name"] for a in minutes["attendance"]] == ["Chair"]
    assert [a["person_name"] for a in minutes["apologies"]] == ["Away"]
    [heard] = minutes["cases"]
    assert heard["summary"]["case_id"] == case_id and heard["outcome"] == "heard"
    assert heard["victim_views"] == "Wants the locks changed."
    assert "The perpetrator's brother" not in client.get(url).text
    circulated = client.post(f"{url}/circulations", json={})
    assert circulated.status_code == 201 and circulated.json()["late"] is True
    assert client.post(f"{url}/circulations", json={}).status_code == 409
    assert client.get(url).json()["overdue"] is False
