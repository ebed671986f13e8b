"""Meetings: adding one, listing a year from a rule, moving and cancelling; bad dates refused."""

from api.security.principal import Role
from tests.meetings.helpers import MEETINGS, add_meeting
from tests.support.principals import user


def _problem(response, status: int, slug: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["type"] == f"/problems/{slug}"


def _count(client, panel_id) -> int:
    return len(client.get(MEETINGS, params={"panel_id": str(panel_id)}).json()["items"])


def test_a_meeting_answers_its_deadlines_across_christmas(client, act_as, world, clock):
    act_as(world.coordinator)
    made = add_meeting(client, world.panel.id, "2027-01-07")
    # 8 working days back from Thursday 7 January skips 1 January and 25 and 28 December.
    assert made["referral_cutoff"] == "2026-12-23"
    assert made["agenda_due"] == "2026-12-30"
    assert made["minutes_due"] == "2027-01-14"
    assert made["kind"] == "regular" and made["status"] == "listed"
    read = client.get(f"{MEETINGS}/{made['id']}")
    assert read.json() == {k: v for k, v in made.items() if k != "etag"}
    assert read.headers["ETag"] == made["etag"]


def test_bad_dates_are_refused_and_nothing_is_listed(client, act_as, world, clock):
    act_as(world.coordinator)
    body = {"panel_id": str(world.panel.id)}
    _problem(client.post(MEETINGS, json={**body, "held_on": "2026-12-28"}), 422,
             "meeting-not-a-working-day")  # Boxing Day's substitute bank holiday
    _problem(client.post(MEETINGS, json={**body, "held_on": "2026-11-24"}), 422,
             "meeting-in-the-past")
    _problem(client.post(MEETINGS, json={**body, "held_on": "2026-12-03"}), 422,
             "meeting-cutoff-passed")
    _problem(client.post(MEETINGS, json={**body, "held_on": "2026-12-03", "emergency": True}),
             422, "validation-error")  # an emergency needs its reason
    assert _count(client, world.panel.id) == 0
    emergency = add_meeting(client, world.panel.id, "2026-12-03", emergency=True,
                            emergency_reason="Imminent risk")
    assert emergency["kind"] == "emergency"
    _problem(client.post(MEETINGS, json={**body, "held_on": "2026-12-03", "emergency": True,
                                         "emergency_reason": "again"}), 409, "meeting-date-taken")
    assert _count(client, world.panel.id) == 1


def test_a_year_of_first_thursdays_is_listed_once(client, act_as, world, clock):
    act_as(world.coordinator)
    body = {"panel_id": str(world.panel.id), "year": 2027,
            "rule": {"kind": "nth_weekday", "weekday": 3, "nth": 1}}
    first = client.post("/api/v1/meeting-series", json=body)
    assert first.status_code == 201, first.text
    dates = [m["held_on"] for m in first.json()["listed"]]
    assert len(dates) == 12 and dates[0] == "2027-01-07" and dates[3] == "2027-04-01"
    again = client.post("/api/v1/meeting-series", json=body).json()
    assert again["listed"] == []
    assert {s["why"] for s in again["skipped"]} == {"/problems/meeting-date-taken"}
    assert _count(client, world.panel.id) == 12


def test_a_weekday_is_a_whole_number_not_a_boolean(client, act_as, world, clock):
    """JSON Schema's integer admits 3.0 but not false (pydantic alone read false as Monday)."""
    act_as(world.coordinator)
    body = {"panel_id": str(world.panel.id), "year": 2027,
            "rule": {"kind": "nth_weekday", "weekday": False, "nth": 1}}
    refused = client.post("/api/v1/meeting-series", json=body)
    assert refused.status_code == 422, refused.text
    assert _count(client, world.panel.id) == 0
    body["rule"]["weekday"], body["year"] = 3.0, 2027.0
    listed = client.post("/api/v1/meeting-series", json=body)
    assert listed.status_code == 201, listed.text
    assert listed.json()["listed"][0]["held_on"] == "2027-01-07"


def test_every_other_monday_moves_off_easter_monday(client, act_as, world, clock):
    act_as(world.coordinator)
    made = client.post("/api/v1/meeting-series", json={
        "panel_id": str(world.panel.id), "year": 2027,
        "rule": {"kind": "every_other_week", "first": "2027-03-15"}}).json()
    held = {m["held_on"] for m in made["listed"]}
    assert "2027-03-30" in held and "2027-03-29" not in held  # Easter Monday moved a day
    assert len(held) == 21  # 15 March to 20 December, fortnightly


def test_this_years_passed_cutoffs_are_skipped_with_the_reason(client, act_as, world, clock):
    act_as(world.coordinator)
    made = client.post("/api/v1/meeting-series", json={
        "panel_id": str(world.panel.id), "year": 2026,
        "rule": {"kind": "nth_weekday", "weekday": 3, "nth": 1}}).json()
    assert made["listed"] == []
    assert made["skipped"][-1] == {"planned": "2026-12-03", "held_on": "2026-12-03",
                                   "why": "/problems/meeting-cutoff-passed"}
    assert made["skipped"][0]["why"] == "/problems/meeting-in-the-past"


def test_move_and_cancel_need_a_reason_and_the_current_version(client, act_as, world, clock):
    act_as(world.coordinator)
    made = add_meeting(client, world.panel.id, "2027-01-07")
    url = f"{MEETINGS}/{made['id']}"
    move = {"held_on": "2027-01-14", "reason": "Room unavailable"}
    assert client.post(f"{url}/move", json=move).status_code == 428
    _problem(client.post(f"{url}/move", json=move, headers={"If-Match": '"v9"'}), 412,
             "precondition-failed")
    _problem(client.post(f"{url}/move", json={**move, "held_on": "2027-01-01"},
                         headers={"If-Match": made["etag"]}), 422, "meeting-not-a-working-day")
    assert client.get(url).json()["held_on"] == "2027-01-07"
    moved = client.post(f"{url}/move", json=move, headers={"If-Match": made["etag"]})
    assert moved.status_code == 200, moved.text
    assert moved.json()["moved_from"] == "2027-01-07"
    assert moved.json()["referral_cutoff"] == "2027-01-04"
    cancelled = client.post(f"{url}/cancel", json={"reason": "Chair ill"},
                            headers={"If-Match": moved.headers["ETag"]})
    assert cancelled.json()["status"] == "cancelled"
    _problem(client.post(f"{url}/cancel", json={"reason": "again"},
                         headers={"If-Match": cancelled.headers["ETag"]}), 409,
             "meeting-cancelled")


def test_a_meeting_whose_day_has_come_cannot_be_moved(client, act_as, world, clock):
    act_as(world.coordinator)
    made = add_meeting(client, world.panel.id, "2027-01-07")
    clock.today = made_day = __import__("datetime").date(2027, 1, 7)
    assert made_day.isoformat() == made["held_on"]
    _problem(client.post(f"{MEETINGS}/{made['id']}/move", headers={"If-Match": made["etag"]},
                         json={"held_on": "2027-01-14", "reason": "late"}), 409,
             "meeting-started")
    assert client.get(f"{MEETINGS}/{made['id']}").json()["held_on"] == "2027-01-07"


def test_only_the_coordinator_lists_meetings_and_other_panels_are_hidden(client, act_as,
                                                                          world, clock):
    act_as(user(world.agency.id, {world.panel.id: [Role.chair]}))
    body = {"panel_id": str(world.panel.id), "held_on": "2027-01-07"}
    assert client.post(MEETINGS, json=body).status_code == 403
    act_as(user(world.agency.id, {world.panel.id: [Role.analyst]}))
    assert client.get(MEETINGS, params={"panel_id": str(world.panel.id)}).status_code == 200
    act_as(user(world.agency.id))
    assert client.post(MEETINGS, json=body).status_code == 404
    assert client.get(MEETINGS, params={"panel_id": str(world.panel.id)}).status_code == 404


def test_the_reasons_are_free_text_for_the_case_readers_only(client, act_as, world, clock):
    act_as(world.coordinator)
    emergency = add_meeting(client, world.panel.id, "2026-12-03", emergency=True,
                            emergency_reason="Imminent risk to the victim at home")
    made = add_meeting(client, world.panel.id, "2027-01-07")
    url = f"{MEETINGS}/{made['id']}"
    moved = client.post(f"{url}/move", json={"held_on": "2027-01-14", "reason": "Room gone"},
                        headers={"If-Match": made["etag"]})
    cancelled = client.post(f"{url}/cancel", json={"reason": "Chair ill"},
                            headers={"If-Match": moved.headers["ETag"]})
    assert cancelled.json()["cancel_reason"] == "Chair ill"
    reasons = {emergency["id"]: ("Imminent risk to the victim at home", None, None),
               made["id"]: (None, "Room gone", "Chair ill")}

    def seen() -> dict[str, tuple[str | None, ...]]:
        listed = client.get(MEETINGS, params={"panel_id": str(world.panel.id)})
        assert listed.status_code == 200, listed.text
        one = client.get(url).json()
        assert one["held_on"] == "2027-01-14" and one["moved_from"] == "2027-01-07"
        items = {m["id"]: (m["emergency_reason"], m["move_reason"], m["cancel_reason"])
                 for m in listed.json()["items"]}
        assert items[made["id"]] == (one["emergency_reason"], one["move_reason"],
                                     one["cancel_reason"])
        return items

    for role in (Role.chair, Role.agency_representative, Role.idva):
        act_as(user(world.agency.id, {world.panel.id: [role]}))
        assert seen() == reasons, role
    for role in (Role.analyst, Role.referrer):
        act_as(user(world.agency.id, {world.panel.id: [role]}))
        assert seen() == {i: (None, None, None) for i in reasons}, role
    act_as(user(world.agency.id, {world.panel.id: [Role.analyst, Role.chair]}))
    assert seen() == reasons
