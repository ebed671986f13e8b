"""Consent on a referral: updated as things change, its history kept, the same reasons asked
for as at intake; the triage view shows which referrals would wait for a basis."""

import uuid

from api.security.principal import Role
from tests.referrals.factories import referral_body
from tests.sharing.helpers import REFUSED
from tests.support.principals import user


def _submitted(client, world, **overrides) -> str:
    made = client.post("/api/v1/referrals", json=referral_body(world.panel.id, **overrides))
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def test_consent_changes_keep_their_history(client, act_as, world, clock):
    act_as(world.coordinator)
    url = f"/api/v1/referrals/{_submitted(client, world, consent=REFUSED)}/consent"
    first = client.get(url)
    assert first.headers["ETag"] == '"v1"'
    assert first.json()["current"]["status"] == "refused"
    assert first.json()["current"]["reason"] == REFUSED["reason"]
    given = {"status": "given", "method": "verbal", "obtained_by": "IDVA Jones",
             "obtained_on": "2026-11-24", "victim_aware": True}
    changed = client.put(url, json=given, headers={"If-Match": '"v1"'})
    assert changed.status_code == 200 and changed.headers["ETag"] == '"v2"'
    body = changed.json()
    assert [s["status"] for s in body["history"]] == ["refused", "given"]
    assert body["current"]["obtained_by"] == "IDVA Jones"
    assert body["current"]["recorded_by_id"] == str(world.coordinator.subject_id)
    assert client.put(url, json=given, headers={"If-Match": '"v1"'}).status_code == 412
    assert client.put(url, json=given).status_code == 428
    assert len(client.get(url).json()["history"]) == 2


def test_a_refusal_or_an_unaware_victim_needs_its_reason(client, act_as, world, clock):
    act_as(world.coordinator)
    url = f"/api/v1/referrals/{_submitted(client, world)}/consent"
    answer = client.put(url, headers={"If-Match": '"v1"'}, json={
        "status": "not_sought", "victim_aware": False})
    assert answer.status_code == 422
    assert {e["pointer"] for e in answer.json()["errors"]} == {
        "/body/reason", "/body/victim_unaware_reason"}
    assert len(client.get(url).json()["history"]) == 1


def test_who_keeps_consent(client, act_as, world, clock):
    act_as(world.coordinator)
    url = f"/api/v1/referrals/{_submitted(client, world)}/consent"
    for roles, agency, status in (
            ([Role.idva], uuid.uuid4(), 200), ([Role.chair], uuid.uuid4(), 200),
            ([Role.referrer], world.agency.id, 200), ([Role.referrer], uuid.uuid4(), 404),
            ([Role.agency_representative], uuid.uuid4(), 403),
            ([Role.analyst], world.agency.id, 403)):
        act_as(user(agency, {world.panel.id: roles}))
        assert client.get(url).status_code == status, roles
    act_as(user(world.agency.id, {uuid.uuid4(): [Role.coordinator]}))
    assert client.get(url).status_code == 404


def test_the_triage_view_shows_referrals_waiting_for_a_basis(client, act_as, world, clock):
    act_as(world.coordinator)
    refused = _submitted(client, world, consent=REFUSED)
    given = _submitted(client, world)
    items = client.get("/api/v1/referrals", params={
        "panel_id": str(world.panel.id), "status": "submitted"}).json()["items"]
    waiting = {i["id"]: i["awaiting_sharing_basis"] for i in items}
    assert waiting == {refused: True, given: False}
    url = f"/api/v1/referrals/{refused}/consent"
    client.put(url, headers={"If-Match": '"v1"'}, json={"status": "given", "victim_aware": True})
    items = client.get("/api/v1/referrals", params={"panel_id": str(world.panel.id)}).json()
    [now] = [i for i in items["items"] if i["id"] == refused]
    assert now["awaiting_sharing_basis"] is False and now["consent_status"] == "given"
