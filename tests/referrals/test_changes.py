"""The agency's reference, amendments (every version kept) and withdrawal, before triage only."""

import uuid

from sqlalchemy import func, select

from api.people.models import Person
from api.security.principal import Role, Scope
from tests.referrals.factories import dash_answers, referral_body
from tests.support.principals import api_key, user
from tests.support.world import make_world

URL = "/api/v1/referrals"


def _submit(client, body):
    response = client.post(URL, json=body)
    assert response.status_code == 201, response.text
    return response


def test_a_reference_is_unique_per_agency_and_finds_its_referral(client, act_as, world,
                                                                 session):
    act_as(world.coordinator)
    first = _submit(client, referral_body(world.panel.id, external_reference="CASE-1"))
    again = client.post(URL, json=referral_body(world.panel.id, external_reference="CASE-1"))
    assert again.status_code == 409
    assert again.json()["errors"][0]["pointer"] == "/body/external_reference"
    other = make_world(session)
    act_as(other.coordinator)  # another agency may use the same reference
    _submit(client, referral_body(other.panel.id, external_reference="CASE-1"))
    act_as(world.coordinator)
    found = client.get(URL, params={"external_reference": "CASE-1"}).json()["items"]
    assert [r["id"] for r in found] == [first.json()["id"]]


def test_an_amendment_recomputes_the_verdict_and_keeps_every_version(client, act_as, world,
                                                                     session):
    act_as(world.coordinator)
    submitted = _submit(client, referral_body(world.panel.id))
    location, etag = submitted.headers["Location"], submitted.headers["ETag"]
    lower = referral_body(world.panel.id, risk_assessment={
        "instrument_key": "dash", "instrument_version": "2009-v1", "answers": dash_answers(3)},
        children=[])
    assert client.put(location, json=lower).status_code == 428
    amended = client.put(location, json=lower, headers={"If-Match": etag})
    assert amended.status_code == 200, amended.text
    assert amended.json()["eligible"] is False and amended.json()["children"] == []
    assert amended.json()["risk_assessment"]["score"] == 3
    assert client.put(location, json=lower, headers={"If-Match": etag}).status_code == 412
    versions = client.get(f"{location}/versions").json()["items"]
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["referral"]["risk_assessment"]["score"] == 15
    assert len(versions[0]["referral"]["children"]) == 1
    assert versions[0]["replaced_by_id"] == str(world.coordinator.subject_id)
    people = session.scalar(select(func.count()).select_from(Person).where(
        Person.referral_id == uuid.UUID(submitted.json()["id"])))
    assert people == 2  # the victim and the perpetrator; the child's row went with the form


def test_an_amendment_is_checked_like_a_submission(client, act_as, world):
    act_as(world.coordinator)
    submitted = _submit(client, referral_body(world.panel.id))
    bad = referral_body(world.panel.id, referral_date="2099-01-01")
    response = client.put(submitted.headers["Location"], json=bad,
                          headers={"If-Match": submitted.headers["ETag"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/body/referral_date"
    assert client.get(submitted.headers["Location"]).json()["version"] == 1


def test_withdrawal_needs_a_reason_and_ends_changes(client, act_as, world):
    act_as(world.coordinator)
    submitted = _submit(client, referral_body(world.panel.id))
    location, etag = submitted.headers["Location"], submitted.headers["ETag"]
    assert client.post(f"{location}/withdrawal", json={"reason": ""},
                       headers={"If-Match": etag}).status_code == 422
    withdrawn = client.post(f"{location}/withdrawal", json={"reason": "Sent to the wrong panel"},
                            headers={"If-Match": etag})
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["status"] == "withdrawn"
    assert withdrawn.json()["withdrawal_reason"] == "Sent to the wrong panel"
    etag = withdrawn.headers["ETag"]
    for response in (client.put(location, json=referral_body(world.panel.id),
                                headers={"If-Match": etag}),
                     client.post(f"{location}/triage", json={"outcome": "accept_new_case"},
                                 headers={"If-Match": etag})):
        assert response.status_code == 409
        assert response.json()["type"] == "/problems/referral-withdrawn"


def test_after_triage_the_answer_says_why_it_cannot_change(client, act_as, world):
    act_as(world.coordinator)
    submitted = _submit(client, referral_body(world.panel.id))
    location = submitted.headers["Location"]
    triaged = client.post(f"{location}/triage", json={"outcome": "redirect", "forum": "mash"},
                          headers={"If-Match": submitted.headers["ETag"]})
    etag = triaged.headers["ETag"]
    refused = client.put(location, json=referral_body(world.panel.id),
                         headers={"If-Match": etag})
    assert refused.status_code == 409
    assert refused.json()["type"] == "/problems/referral-triaged"
    assert "triaged" in refused.json()["detail"]
    assert client.post(f"{location}/withdrawal", json={"reason": "x"},
                       headers={"If-Match": etag}).json()["type"] == "/problems/referral-triaged"


def test_only_the_referring_agency_amends(client, act_as, world, session):
    key = api_key(world.agency.id, [world.panel.id], Scope.referrals_submit,
                  Scope.referrals_read)
    act_as(key)
    submitted = _submit(client, referral_body(world.panel.id))
    act_as(user(make_world(session).agency.id, {world.panel.id: [Role.coordinator]}))
    refused = client.put(submitted.headers["Location"], json=referral_body(world.panel.id),
                         headers={"If-Match": submitted.headers["ETag"]})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only the referring agency may amend or withdraw a referral."
    act_as(key)
    moved = client.put(submitted.headers["Location"],
                       json=referral_body(make_world(session).panel.id),
                       headers={"If-Match": submitted.headers["ETag"]})
    assert moved.status_code == 422
    assert moved.json()["errors"][0]["pointer"] == "/body/panel_id"
