"""The agenda: SafeLives order, minimal summaries that never carry what the victim fears
disclosed, 12-month notifications, and publication in versions."""

import uuid
from datetime import date

from sqlalchemy import update

from api.cases.models import Case
from api.security.principal import Role
from tests.meetings.helpers import MEETINGS, accepted_referral, add_meeting, schedule
from tests.referrals.factories import person
from tests.support.auth import make_agency
from tests.support.principals import user

SECRETS = {"victim_fears": "Uncle Fearsome", "unsafe_to_talk_to": "Cousin Unsafe",
           "safe_to_talk_to": "Friend Safe"}
VICTIM = person("Alex", "Example", date_of_birth="1990-05-01", postcode="ZZ1 1AA",
                address="1 Test Road", aliases=["Al"], phone="07700900123", safe_to_call=False)


def _agenda(client, meeting_id):
    response = client.get(f"{MEETINGS}/{meeting_id}/agenda")
    assert response.status_code == 200, response.text
    return response.json()


def _listed(client, world):
    meeting = add_meeting(client, world.panel.id, "2027-01-07")
    adult = accepted_referral(client, world.panel.id, "2026-11-18", children=[],
                              victim=VICTIM, **SECRETS)
    family = accepted_referral(client, world.panel.id, "2026-11-20")
    schedule(client, world.panel.id)
    return meeting, adult, family


def test_the_agenda_runs_in_order_with_children_first(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, adult, family = _listed(client, world)
    sections = _agenda(client, meeting["id"])["sections"]
    assert [s["kind"] for s in sections] == [
        "introductions", "confidentiality_statement", "outstanding_actions",
        "cases_with_children", "adult_only_cases", "twelve_month_notifications",
        "any_other_business"]
    assert [c["case_id"] for c in sections[3]["cases"]] == [family["case_id"]]
    [summary] = sections[4]["cases"]
    assert summary["case_id"] == adult["case_id"] and summary["repeat"] is False
    assert summary["victim"] == {"given_names": "Alex", "family_name": "Example",
                                 "aliases": ["Al"], "date_of_birth": "1990-05-01",
                                 "address": "1 Test Road", "postcode": "ZZ1 1AA"}
    assert summary["perpetrators"][0]["family_name"] == "Sample"
    assert summary["referring_agency"] == "Test agency"


def test_nothing_the_victim_fears_disclosed_reaches_the_agenda(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, _, _ = _listed(client, world)
    text = client.get(f"{MEETINGS}/{meeting['id']}/agenda").text
    for secret in (*SECRETS.values(), "07700900123", "The perpetrator's brother"):
        assert secret not in text


def test_publishing_records_versions_and_refuses_a_repeat(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, _, _ = _listed(client, world)
    url = f"{MEETINGS}/{meeting['id']}/agenda/publications"
    first = client.post(url, json={})
    assert first.status_code == 201, first.text
    assert first.json()["version"] == 1 and first.json()["late"] is False
    assert first.json()["agency_ids"] == [str(world.agency.id)]
    again = client.post(url, json={})
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/agenda-already-published"
    assert _agenda(client, meeting["id"])["changed_since_published"] is False
    accepted_referral(client, world.panel.id, "2026-11-24")
    schedule(client, world.panel.id)
    assert _agenda(client, meeting["id"])["changed_since_published"] is True
    clock.today = date(2026, 12, 31)  # after the agenda-due date, 30 December
    second = client.post(url, json={})
    assert second.json()["version"] == 2 and second.json()["late"] is True
    assert len(second.json()["case_ids"]) == 3
    versions = client.get(url).json()["items"]
    assert [v["version"] for v in versions] == [1, 2]


def test_an_agenda_goes_only_to_member_agencies(client, act_as, session, world, clock):
    act_as(world.coordinator)
    meeting, _, _ = _listed(client, world)
    stranger = make_agency(session)
    refused = client.post(f"{MEETINGS}/{meeting['id']}/agenda/publications",
                          json={"agency_ids": [str(stranger.id)]})
    assert refused.status_code == 422
    assert client.get(f"{MEETINGS}/{meeting['id']}/agenda/publications").json()["items"] == []


def test_twelve_month_notifications_list_flags_ending_before_the_next_meeting(
        client, act_as, session, world, clock):
    act_as(world.coordinator)
    meeting, adult, family = _listed(client, world)
    add_meeting(client, world.panel.id, "2027-02-04")
    session.execute(update(Case).where(Case.id == uuid.UUID(adult["case_id"]))
                    .values(last_heard_on=date(2026, 1, 15)))
    session.execute(update(Case).where(Case.id == uuid.UUID(family["case_id"]))
                    .values(last_heard_on=date(2026, 2, 4)))  # ends on the next meeting
    session.commit()
    [note] = _agenda(client, meeting["id"])["sections"][5]["notifications"]
    assert note == {"case_id": adult["case_id"], "last_heard_on": "2026-01-15",
                    "flagged_until": "2027-01-15"}


def test_who_reads_and_publishes_the_agenda(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting, _, _ = _listed(client, world)
    url = f"{MEETINGS}/{meeting['id']}/agenda"
    representative = user(world.agency.id, {world.panel.id: [Role.agency_representative]})
    act_as(representative)
    assert client.get(url).status_code == 403  # not yet circulated to their agency
    assert client.post(f"{url}/publications", json={}).status_code == 403
    act_as(world.coordinator)
    assert client.post(f"{url}/publications", json={}).status_code == 201
    act_as(representative)
    assert client.get(url).status_code == 200
    for role in (Role.analyst, Role.referrer):
        act_as(user(world.agency.id, {world.panel.id: [role]}))
        assert client.get(url).status_code == 403
    act_as(user(world.agency.id))
    assert client.get(url).status_code == 404
