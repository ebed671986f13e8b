"""Triage: If-Match is required, stale versions refused, one decision per referral."""

from api.security.principal import Role
from tests.referrals.factories import referral_body
from tests.support.principals import user
from tests.support.world import make_world

URL = "/api/v1/referrals"


def _submitted(client, panel_id) -> tuple[str, str]:
    response = client.post(URL, json=referral_body(panel_id))
    return response.json()["id"], response.headers["ETag"]


def test_triage_without_if_match_is_428_and_stale_is_412(client, act_as, world):
    act_as(world.coordinator)
    rid, tag = _submitted(client, world.panel.id)
    decision = {"outcome": "accept_new_case"}
    assert client.post(f"{URL}/{rid}/triage", json=decision).status_code == 428
    stale = client.post(f"{URL}/{rid}/triage", json=decision, headers={"If-Match": '"v0"'})
    assert stale.status_code == 412
    assert client.get(f"{URL}/{rid}").json()["status"] == "submitted"
    accepted = client.post(f"{URL}/{rid}/triage", json=decision, headers={"If-Match": tag})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted" and accepted.json()["case_id"]
    assert accepted.headers["ETag"] == '"v2"'
    again = client.post(f"{URL}/{rid}/triage", json=decision, headers={"If-Match": tag})
    assert again.status_code == 412
    done = client.post(f"{URL}/{rid}/triage", json=decision,
                       headers={"If-Match": accepted.headers["ETag"]})
    assert done.status_code == 409


def test_return_with_recommendations_and_redirect(client, act_as, world):
    act_as(world.coordinator)
    rid, tag = _submitted(client, world.panel.id)
    returned = client.post(f"{URL}/{rid}/triage", headers={"If-Match": tag}, json={
        "outcome": "return_with_recommendations", "recommendations": "Complete the DASH",
        "review_date": "2026-04-10"})
    assert returned.status_code == 200
    assert returned.json()["triage"]["review_date"] == "2026-04-10"
    assert returned.json()["status"] == "returned" and returned.json()["case_id"] is None
    rid, tag = _submitted(client, world.panel.id)
    redirected = client.post(f"{URL}/{rid}/triage", headers={"If-Match": tag},
                             json={"outcome": "redirect", "forum": "mappa_level_2"})
    assert redirected.json()["status"] == "redirected"
    assert redirected.json()["triage"]["forum"] == "mappa_level_2"


def test_only_coordinators_and_chairs_triage(client, act_as, world):
    act_as(world.coordinator)
    rid, tag = _submitted(client, world.panel.id)
    act_as(user(world.agency.id, {world.panel.id: [Role.agency_representative]}))
    response = client.post(f"{URL}/{rid}/triage", headers={"If-Match": tag},
                           json={"outcome": "accept_new_case"})
    assert response.status_code == 403
    act_as(user(world.agency.id, {world.panel.id: [Role.chair]}))
    assert client.post(f"{URL}/{rid}/triage", headers={"If-Match": tag},
                       json={"outcome": "accept_new_case"}).status_code == 200


def test_accept_repeat_needs_a_case_of_the_same_panel(client, act_as, world, session):
    other = make_world(session)
    act_as(other.coordinator)
    orid, otag = _submitted(client, other.panel.id)
    other_case = client.post(f"{URL}/{orid}/triage", headers={"If-Match": otag},
                             json={"outcome": "accept_new_case"}).json()["case_id"]
    act_as(world.coordinator)
    rid, tag = _submitted(client, world.panel.id)
    response = client.post(f"{URL}/{rid}/triage", headers={"If-Match": tag},
                           json={"outcome": "accept_repeat", "case_id": other_case})
    assert response.status_code == 422
    assert client.get(f"{URL}/{rid}").json()["status"] == "submitted"
