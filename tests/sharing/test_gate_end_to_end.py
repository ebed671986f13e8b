"""The gate end to end: a case with consent refused and no decision goes on no agenda; with an
approved decision it is scheduled and its agenda publication is logged against the decision;
a withdrawn decision stops the next circulation."""

from datetime import date

from tests.meetings.helpers import MEETINGS, accepted_referral, add_meeting, schedule
from tests.sharing.helpers import DECISIONS, REFUSED, approved, step

BASIS_MISSING = "/problems/sharing-basis-missing"


def _hear(client, world, meeting_id: str, hearing_id: str) -> None:
    url = f"{MEETINGS}/{meeting_id}"
    attendee = client.post(f"{url}/attendance", json={
        "agency_id": str(world.agency.id), "person_name": "Chair", "standing": "lead"}).json()
    assert client.post(f"{url}/declarations",
                       json={"attendance_id": attendee["id"]}).status_code == 200
    heard = client.post(f"{url}/discussions", json={
        "hearing_id": hearing_id, "referrer_presentation": "Presented.",
        "lead_agency_id": str(world.agency.id), "victim_updater": "IDVA service"})
    assert heard.status_code == 201, heard.text


def _log(client, case_id: str) -> list[dict]:
    response = client.get(f"/api/v1/cases/{case_id}/disclosures")
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_no_basis_no_agenda_then_a_decision_then_its_withdrawal(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting = add_meeting(client, world.panel.id, "2027-01-07")
    case = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    case_id, referral_id = case["case_id"], case["id"]

    [held_back] = schedule(client, world.panel.id)
    assert (held_back["status"], held_back["meeting_id"], held_back["warning"]) == (
        "waiting", None, "awaiting-sharing-basis")
    [item] = client.get("/api/v1/cases", params={"panel_id": str(world.panel.id)}).json()["items"]
    assert item["awaiting_sharing_basis"] is True
    basis = client.get(f"/api/v1/cases/{case_id}/sharing-basis").json()
    assert basis["basis"] is None and "consent is refused" in basis["missing"]

    decision = approved(client, act_as, world, referral_id)
    act_as(world.coordinator)
    [placed] = schedule(client, world.panel.id)
    assert (placed["status"], placed["meeting_id"]) == ("listed", meeting["id"])
    assert placed["warning"] != "awaiting-sharing-basis"
    [item] = client.get("/api/v1/cases", params={"panel_id": str(world.panel.id)}).json()["items"]
    assert item["awaiting_sharing_basis"] is False

    published = client.post(f"{MEETINGS}/{meeting['id']}/agenda/publications", json={})
    assert published.status_code == 201, published.text
    [entry] = _log(client, case_id)
    assert entry["method"] == "agenda" and entry["basis"] == "decision"
    assert entry["decision_id"] == decision["id"]
    assert entry["agency_id"] == str(world.agency.id)
    assert entry["source_id"] is not None  # the publication

    clock.today = date(2027, 1, 7)
    _hear(client, world, meeting["id"], placed["id"])
    withdrawn = step(client, decision, "withdrawal", {"reason": "The victim now objects."})
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"

    minutes = client.post(f"{MEETINGS}/{meeting['id']}/minutes/circulations", json={})
    assert minutes.status_code == 409 and minutes.json()["type"] == BASIS_MISSING
    assert case_id in minutes.json()["detail"] and "withdrawn" in minutes.json()["detail"]
    again = client.post(f"{MEETINGS}/{meeting['id']}/agenda/publications", json={})
    assert again.status_code == 409 and again.json()["type"] == BASIS_MISSING
    assert len(_log(client, case_id)) == 1  # refused circulations disclose nothing
    assert [p["version"] for p in client.get(
        f"{MEETINGS}/{meeting['id']}/agenda/publications").json()["items"]] == [1]
    assert client.get(f"{MEETINGS}/{meeting['id']}/minutes").json()["circulated"] is None


def test_a_withdrawn_decision_takes_the_case_off_agendas_not_yet_held(client, act_as, world,
                                                                    clock):
    act_as(world.coordinator)
    meeting = add_meeting(client, world.panel.id, "2027-01-07")
    case = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    decision = approved(client, act_as, world, case["id"])
    act_as(world.coordinator)
    [placed] = schedule(client, world.panel.id)
    assert placed["meeting_id"] == meeting["id"]
    assert step(client, decision, "withdrawal", {"reason": "Risk reassessed."}).status_code == 200
    refused = client.post(f"{MEETINGS}/{meeting['id']}/agenda/publications", json={})
    assert refused.status_code == 409 and refused.json()["type"] == BASIS_MISSING
    [released] = schedule(client, world.panel.id)
    assert (released["status"], released["warning"]) == ("waiting", "awaiting-sharing-basis")
    assert client.post(f"{MEETINGS}/{meeting['id']}/agenda/publications",
                       json={}).status_code == 201  # without the case


def test_consent_given_later_is_a_basis_and_is_logged_as_consent(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting = add_meeting(client, world.panel.id, "2027-01-07")
    case = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    url = f"/api/v1/referrals/{case['id']}/consent"
    changed = client.put(url, headers={"If-Match": client.get(url).headers["ETag"]}, json={
        "status": "given", "method": "written", "obtained_by": "IDVA Jones",
        "obtained_on": "2026-11-24", "victim_aware": True})
    assert changed.status_code == 200, changed.text
    [placed] = schedule(client, world.panel.id)
    assert placed["meeting_id"] == meeting["id"]
    assert client.post(f"{MEETINGS}/{meeting['id']}/agenda/publications",
                       json={}).status_code == 201
    [entry] = _log(client, case["case_id"])
    assert entry["basis"] == "consent" and entry["decision_id"] is None
    listed = client.get(DECISIONS, params={"panel_id": str(world.panel.id)}).json()["items"]
    assert listed == []
