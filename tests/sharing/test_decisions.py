"""Sharing decisions through the API: the Kent form's rules, four eyes, states, ETags, review.
Every refusal is a problem document and changes nothing."""

import uuid
from dataclasses import replace
from datetime import date

from sqlalchemy import func, select

from api.security.principal import Role
from api.sharing.models import SharingDecision
from tests.meetings.helpers import accepted_referral
from tests.sharing.helpers import DECISIONS, REFUSED, approved, decision_body, staff, step
from tests.support.principals import user


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(SharingDecision))


def _draft(client, act_as, world, **overrides) -> dict:
    act_as(world.coordinator)
    referral = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    act_as(staff(world).proposer)
    made = client.post(DECISIONS, json=decision_body(referral["id"], **overrides))
    assert made.status_code == 201, made.text
    return {**made.json(), "etag": made.headers["ETag"]}


def test_a_proposal_is_a_draft_with_every_field_of_the_form(client, act_as, world, clock):
    draft = _draft(client, act_as, world)
    assert draft["status"] == "drafted" and draft["case_id"] is not None
    assert [g["ground"] for g in draft["legal_grounds"]] == [
        "vital_interests", "prevention_or_detection_of_crime"]
    assert draft["review_owner_id"] == draft["proposed_by_id"]
    assert draft["victim_told"] is False and draft["review_overdue"] is False
    assert client.get(f"{DECISIONS}/{draft['id']}").headers["ETag"] == draft["etag"]


def test_a_retried_proposal_with_the_same_key_is_recorded_once(client, act_as, world, clock,
                                                                session):
    act_as(world.coordinator)
    referral = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    act_as(staff(world).proposer)
    before = _count(session)
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = client.post(DECISIONS, json=decision_body(referral["id"]), headers=key)
    again = client.post(DECISIONS, json=decision_body(referral["id"]), headers=key)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and _count(session) == before + 1


def test_bad_proposals_are_refused_and_record_nothing(client, act_as, world, clock, session):
    act_as(world.coordinator)
    referral = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    act_as(staff(world).proposer)
    before = _count(session)
    no_ground = client.post(DECISIONS, json=decision_body(referral["id"], legal_grounds=[]))
    assert no_ground.status_code == 422
    assert no_ground.json()["errors"][0]["pointer"] == "/body/legal_grounds"
    past = client.post(DECISIONS, json=decision_body(referral["id"], review_date="2026-11-24"))
    assert past.status_code == 422
    assert past.json()["type"] == "/problems/sharing-decision-review-date-past"
    untold = client.post(DECISIONS, json=decision_body(referral["id"],
                                                       victim_not_told_reason=None))
    assert untold.status_code == 422
    assert untold.json()["errors"][0]["pointer"] == "/body/victim_not_told_reason"
    twice = client.post(DECISIONS, json=decision_body(referral["id"], legal_grounds=[
        {"ground": "court_order", "explanation": "Order made."},
        {"ground": "court_order", "explanation": "Again."}]))
    assert twice.status_code == 422
    stranger = client.post(DECISIONS, json=decision_body(referral["id"],
                                                         review_owner_id=str(uuid.uuid4())))
    assert stranger.json()["errors"][0]["pointer"] == "/body/review_owner_id"
    assert _count(session) == before


def test_only_referrers_and_representatives_propose(client, act_as, world, clock):
    act_as(world.coordinator)
    referral = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    assert client.post(DECISIONS, json=decision_body(referral["id"])).status_code == 403
    act_as(user(world.agency.id, {world.panel.id: [Role.referrer]}))
    assert client.post(DECISIONS, json=decision_body(referral["id"])).status_code == 201
    act_as(user(uuid.uuid4(), {world.panel.id: [Role.referrer]}))  # another agency's referrer
    assert client.post(DECISIONS, json=decision_body(referral["id"])).status_code == 404


def test_the_proposer_can_never_approve(client, act_as, world, clock, session):
    draft = _draft(client, act_as, world)
    assert step(client, draft, "submission").status_code == 200
    act_as(replace(staff(world).proposer, subject_id=uuid.UUID(draft["proposed_by_id"]),
                   is_sharing_approver=True))  # a manager who proposed it themselves
    refused = step(client, draft, "approval")
    assert refused.status_code == 403
    assert refused.json()["type"] == "/problems/sharing-decision-four-eyes"
    assert client.get(f"{DECISIONS}/{draft['id']}").json()["status"] == "submitted"


def test_only_an_approver_of_the_proposing_agency_decides(client, act_as, world, clock):
    draft = _draft(client, act_as, world)
    assert step(client, draft, "submission").status_code == 200
    for outsider in (user(world.agency.id, {world.panel.id: [Role.agency_representative]}),
                     user(uuid.uuid4(), {world.panel.id: [Role.coordinator]},
                          is_sharing_approver=True)):
        act_as(outsider)
        answer = step(client, draft, "approval")
        assert answer.status_code == 403, answer.text
        assert answer.json()["type"] == "/problems/sharing-decision-not-approver"
    act_as(staff(world).approver)
    refused = step(client, draft, "refusal", {"reason": "Consent can still be sought."})
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
    assert refused.json()["decision_reason"] == "Consent can still be sought."


def test_a_withdrawn_decision_cannot_be_approved_and_keeps_its_record(client, act_as, world,
                                                                      clock):
    act_as(world.coordinator)
    referral = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    decision = approved(client, act_as, world, referral["id"])
    act_as(world.coordinator)
    assert step(client, decision, "withdrawal", {"reason": "Consent given."}).status_code == 200
    act_as(staff(world).approver)
    again = step(client, decision, "approval")
    assert again.status_code == 409 and again.json()["type"] == "/problems/sharing-decision-state"
    kept = client.get(f"{DECISIONS}/{decision['id']}").json()
    assert (kept["status"], kept["withdrawal_reason"]) == ("withdrawn", "Consent given.")
    assert kept["decided_by_id"] is not None and kept["at_risk"]


def test_updates_need_the_current_etag(client, act_as, world, clock):
    draft = _draft(client, act_as, world)
    body = decision_body(draft["referral_id"], concerns="Changed concerns.")
    del body["referral_id"]
    url = f"{DECISIONS}/{draft['id']}"
    assert client.put(url, json=body).status_code == 428
    changed = client.put(url, json=body, headers={"If-Match": draft["etag"]})
    assert changed.status_code == 200 and changed.json()["concerns"] == "Changed concerns."
    stale = client.put(url, json={**body, "concerns": "Stale"}, headers={"If-Match": draft["etag"]})
    assert stale.status_code == 412
    stale_step = client.post(f"{url}/submission", headers={"If-Match": draft["etag"]})
    assert stale_step.status_code == 412
    assert client.get(url).json() == {**changed.json()}


def test_overdue_reviews_are_listed_for_their_owner_and_the_coordinator(client, act_as, world,
                                                                       clock):
    draft = _draft(client, act_as, world, review_date="2026-12-01")
    owner = draft["proposed_by_id"]
    clock.today = date(2026, 12, 2)
    params = {"panel_id": str(world.panel.id), "review_overdue": "true"}
    act_as(world.coordinator)
    [due] = client.get(DECISIONS, params=params).json()["items"]
    assert due["id"] == draft["id"] and due["review_overdue"] is True
    act_as(replace(staff(world).proposer, subject_id=uuid.UUID(owner)))
    assert [d["id"] for d in client.get(DECISIONS, params={
        **params, "review_owner_id": owner}).json()["items"]] == [draft["id"]]
    act_as(user(uuid.uuid4(), {world.panel.id: [Role.agency_representative]}))
    assert client.get(DECISIONS, params=params).json()["items"] == []  # another agency's
    act_as(user(world.agency.id, {world.panel.id: [Role.analyst]}))
    assert client.get(DECISIONS, params=params).status_code == 403
    counts = client.get("/api/v1/information-sharing-decision-counts",
                        params={"panel_id": str(world.panel.id)}).json()
    assert counts["by_status"]["drafted"] == 1 and counts["review_overdue"] == 1


def test_a_review_sets_the_next_date_and_keeps_the_earlier_ones(client, act_as, world, clock):
    act_as(world.coordinator)
    referral = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    decision = approved(client, act_as, world, referral["id"])
    clock.today = date(2026, 12, 10)  # past its review date
    act_as(world.coordinator)
    assert client.get(f"{DECISIONS}/{decision['id']}").json()["review_overdue"] is True
    past = step(client, decision, "reviews", {"note": "Checked.",
                                              "next_review_date": "2026-12-09"})
    assert past.status_code == 422
    reviewed = step(client, decision, "reviews", {
        "note": "Risk unchanged.", "next_review_date": "2027-01-10", "victim_told": True,
        "victim_told_on": "2026-12-10"})
    assert reviewed.status_code == 200, reviewed.text
    body = reviewed.json()
    assert (body["review_date"], body["review_overdue"], body["victim_told"]) == (
        "2027-01-10", False, True)
    assert [r["note"] for r in body["reviews"]] == ["Risk unchanged."]
    assert step(client, decision, "withdrawal", {"reason": "Ended."}).status_code == 200
    settled = step(client, decision, "reviews", {"note": "x", "next_review_date": "2027-02-01"})
    assert settled.status_code == 409
