"""Lists a person can scan: referral and case list items say who, who referred, the verdict."""

import uuid
from datetime import UTC, date, datetime

from api.cases.models import Case
from tests.referrals.factories import dash_answers, person, referral_body

REFERRALS = "/api/v1/referrals"
CASES = "/api/v1/cases"


def _submit(client, panel_id, **overrides):
    response = client.post(REFERRALS, json=referral_body(panel_id, **overrides))
    assert response.status_code == 201, response.text
    return response


def _accept(client, submitted, outcome: dict | None = None) -> str:
    rid = submitted.json()["id"]
    response = client.post(f"{REFERRALS}/{rid}/triage",
                           json=outcome or {"outcome": "accept_new_case"},
                           headers={"If-Match": submitted.headers["ETag"]})
    assert response.status_code == 200, response.text
    return response.json()["case_id"]


def test_a_referral_list_item_carries_what_a_coordinator_scans_by(client, act_as, world):
    act_as(world.coordinator)
    first = _submit(client, world.panel.id, victim=person(
        "Nell", "Ashcombe", date_of_birth="1991-01-01"), children=[
        person("Kit", "Ashcombe", date_of_birth="2019-01-01"),
        person("Bo", "Ashcombe", date_of_birth="2021-01-01")])
    _accept(client, first)
    low = _submit(client, world.panel.id, victim=person(
        "Nell", "Ashcombe", date_of_birth="1991-01-01"), children=[],
        risk_assessment={"instrument_key": "dash", "instrument_version": "2009-v1",
                         "answers": dash_answers(3)},
        perpetrators=[person("New", "Person", date_of_birth="1980-01-01")], relationships=[],
        consent={"status": "refused", "reason": "Fears retaliation"})
    items = {i["id"]: i for i in client.get(
        REFERRALS, params={"panel_id": str(world.panel.id)}).json()["items"]}
    one, two = items[first.json()["id"]], items[low.json()["id"]]
    assert one["victim"] == {"given_names": "Nell", "family_name": "Ashcombe",
                             "date_of_birth": "1991-01-01"}
    assert one["agency_name"] == world.agency.name
    assert (one["verdict"], one["score"], one["children"]) == ("eligible", 15, 2)
    assert one["consent_status"] == "given" and one["repeat_candidate"] is False
    assert (two["verdict"], two["score"], two["children"]) == ("not_eligible", 3, 0)
    assert two["consent_status"] == "refused" and two["repeat_candidate"] is True


def test_a_case_list_item_names_the_victim_and_counts_repeats(client, act_as, world, session):
    act_as(world.coordinator)
    case_id = _accept(client, _submit(client, world.panel.id, referral_date="2026-01-10",
                                      victim=person("Ivy", "Penhallow",
                                                    date_of_birth="1989-02-02")))
    again = _submit(client, world.panel.id, referral_date="2026-03-10",
                    victim=person("Ivy", "Penhallow-Rhys", date_of_birth="1989-02-02"))
    _accept(client, again, {"outcome": "accept_repeat", "case_id": case_id})
    quiet = _accept(client, _submit(client, world.panel.id, victim=person(
        "Una", "Quiet", date_of_birth="1970-07-07")))
    heard = session.get(Case, uuid.UUID(case_id))
    heard.last_heard_on = datetime.now(UTC).date()
    session.commit()
    items = {i["id"]: i for i in client.get(
        CASES, params={"panel_id": str(world.panel.id)}).json()["items"]}
    case = items[case_id]
    assert case["victim"] == {"given_names": "Ivy", "family_name": "Penhallow-Rhys",
                              "date_of_birth": "1989-02-02"}
    assert case["last_referral_date"] == "2026-03-10"
    assert case["repeat_count"] == 1 and case["flagged"] is True
    assert date.fromisoformat(case["flagged_until"]) > datetime.now(UTC).date()
    assert items[quiet]["repeat_count"] == 0 and items[quiet]["flagged"] is False
    assert items[quiet]["victim"]["family_name"] == "Quiet"
