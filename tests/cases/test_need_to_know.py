"""Need to know, end to end on both databases: an agency representative reads only the case
summary of cases on a meeting their agency is invited to; the IDVA reads the safety plan; the
full referral stays with its referrer, the coordinator and the chair; what the victim fears
disclosed never circulates; no circulation reaches a perpetrator on its cases."""

import uuid
from dataclasses import replace
from datetime import date
from typing import get_args

import pytest
from sqlalchemy import select

from api.identity.models import User
from api.panels.models import MembershipKind, PanelAgency
from api.people.schemas import Withholdable
from api.security.principal import Principal, Role
from api.sharing.models import ConsentRecord, Disclosure
from domain.need_to_know import WITHHOLDABLE
from tests.audit.test_writes_commit_with_their_entry import audit_refused
from tests.meetings.conftest import clock
from tests.meetings.helpers import MEETINGS, accepted_referral, add_meeting, schedule
from tests.referrals.factories import person
from tests.support.auth import make_agency, make_user
from tests.support.principals import user

__all__ = ["clock"]
CASES = "/api/v1/cases"
FEARED = {"victim_fears": "Uncle Fearsome", "unsafe_to_talk_to": "Cousin Unsafe",
          "safe_to_talk_to": "Friend Safe"}
REFUGE = "99 Refuge Lane"
VICTIM = person("Alex", "Example", date_of_birth="1990-05-01", postcode="RF1 1AA",
                address=REFUGE, aliases=["Al"], phone="07700900123", safe_to_call=False,
                safe_times="after 6pm", ethnicity="Secret ethnicity",
                do_not_circulate=["address", "postcode"])


@pytest.fixture
def cycle(client, act_as, session, world, clock):
    """A case listed on a January meeting whose agenda went to the coordinator's agency and a
    second member agency ("invited"); a third member agency was left out ("uninvited")."""
    act_as(world.coordinator)
    invited, uninvited = make_agency(session), make_agency(session)
    session.add_all(PanelAgency(panel_id=world.panel.id, agency_id=a.id,
                                membership=MembershipKind.flexible) for a in (invited, uninvited))
    session.commit()
    meeting = add_meeting(client, world.panel.id, "2027-01-07")
    referral = accepted_referral(client, world.panel.id, "2026-11-18", victim=VICTIM, **FEARED)
    schedule(client, world.panel.id)
    published = client.post(f"{MEETINGS}/{meeting['id']}/agenda/publications",
                            json={"agency_ids": [str(world.agency.id), str(invited.id)]})
    assert published.status_code == 201, published.text
    return {"meeting": meeting, "referral": referral, "case": referral["case_id"],
            "invited": invited, "uninvited": uninvited}


def _rep(agency_id, world, subject_id: uuid.UUID | None = None) -> Principal:
    rep = user(agency_id, {world.panel.id: [Role.agency_representative]})
    return replace(rep, subject_id=subject_id) if subject_id else rep


def _another_case(client, world) -> None:
    """A case listed after the agenda went out: the agenda changed, so it may go out again."""
    accepted_referral(client, world.panel.id, "2026-11-20")
    schedule(client, world.panel.id)


def _disclosures(session, case_id) -> list[Disclosure]:
    session.expire_all()
    return list(session.scalars(select(Disclosure).where(
        Disclosure.case_id == uuid.UUID(case_id)).order_by(Disclosure.disclosed_at)))


def test_an_invited_representative_reads_the_minimal_summary(client, act_as, session, world,
                                                            cycle):
    before = len(_disclosures(session, cycle["case"]))
    reader = act_as(_rep(cycle["invited"].id, world))
    read = client.get(f"{CASES}/{cycle['case']}/summary")
    assert read.status_code == 200, read.text
    *_, entry = _disclosures(session, cycle["case"])
    assert len(_disclosures(session, cycle["case"])) == before + 1
    assert (entry.agency_id, entry.recipient_user_id) == (cycle["invited"].id, reader.subject_id)
    assert entry.method == "case_summary" and entry.basis == "consent"
    assert entry.disclosed_at is not None
    body = read.json()
    assert body["victim"] == {"given_names": "Alex", "family_name": "Example",
                              "aliases": ["Al"], "date_of_birth": "1990-05-01",
                              "address": None, "postcode": None}
    assert body["perpetrators"][0]["family_name"] == "Sample"
    assert body["children"][0]["given_names"] == "Kim"
    assert body["referring_agency"] == "Test agency" and body["repeat"] is False
    for secret in (*FEARED.values(), REFUGE, "RF1 1AA", "07700900123", "after 6pm",
                   "Secret ethnicity", "Test School", "strangulation"):
        assert secret not in read.text


def test_an_uninvited_representative_is_refused_the_summary(client, act_as, session, world,
                                                            cycle):
    before = len(_disclosures(session, cycle["case"]))
    act_as(_rep(cycle["uninvited"].id, world))
    refused = client.get(f"{CASES}/{cycle['case']}/summary")
    assert refused.status_code == 403
    assert "not invited" in refused.json()["detail"]
    assert len(_disclosures(session, cycle["case"])) == before


def test_no_read_is_disclosed_once_consent_is_refused_without_a_decision(
        client, act_as, session, world, cycle):
    session.add(ConsentRecord(
        referral_id=uuid.UUID(cycle["referral"]["id"]), sequence=2, status="refused",
        reason="Victim withdrew consent", victim_aware=True, recorded_by_id=uuid.uuid4()))
    session.commit()
    before = len(_disclosures(session, cycle["case"]))
    for reader, suffix in ((_rep(cycle["invited"].id, world), "summary"),
                           (user(make_agency(session).id, {world.panel.id: [Role.idva]}),
                            "safety-plan")):
        act_as(reader)
        refused = client.get(f"{CASES}/{cycle['case']}/{suffix}")
        assert refused.status_code == 409, refused.text
        assert refused.json()["type"] == "/problems/sharing-basis-missing"
    assert len(_disclosures(session, cycle["case"])) == before
    act_as(world.coordinator)  # the panel's own read is no disclosure
    assert client.get(f"{CASES}/{cycle['case']}/summary").status_code == 200


def test_a_representative_reads_nothing_in_full(client, act_as, world, cycle):
    act_as(_rep(cycle["invited"].id, world))
    referral_id = cycle["referral"]["id"]
    for url in (f"/api/v1/referrals/{referral_id}", f"/api/v1/referrals/{referral_id}/versions",
                f"{CASES}/{cycle['case']}", f"{CASES}/{cycle['case']}/safety-plan"):
        refused = client.get(url)
        assert refused.status_code == 403, url
        assert "summary" in refused.json()["detail"]
    assert client.post("/api/v1/people/search", json={
        "panel_id": str(world.panel.id), "name": "Alex Example"}).status_code == 403
    assert client.get("/api/v1/referrals").json()["items"] == []


def test_a_representative_lists_only_invited_cases_without_names(client, act_as, world, cycle):
    act_as(world.coordinator)
    elsewhere = accepted_referral(client, world.panel.id, "2026-11-19")  # on no agenda
    listed = {c["id"]: c for c in client.get(CASES).json()["items"]}
    assert {cycle["case"], elsewhere["case_id"]} <= set(listed)
    assert listed[cycle["case"]]["victim"]["family_name"] == "Example"
    act_as(_rep(cycle["invited"].id, world))
    [only] = client.get(CASES).json()["items"]
    assert only["id"] == cycle["case"] and only["victim"] is None
    act_as(_rep(cycle["uninvited"].id, world))
    assert client.get(CASES).json()["items"] == []


def test_the_idva_reads_the_safety_plan_and_lists_every_case(client, act_as, session, world,
                                                            cycle):
    idva = act_as(user(make_agency(session).id, {world.panel.id: [Role.idva]}))
    plan = client.get(f"{CASES}/{cycle['case']}/safety-plan")
    assert plan.status_code == 200, plan.text
    *_, entry = _disclosures(session, cycle["case"])
    assert (entry.method, entry.recipient_user_id) == ("safety_plan", idva.subject_id)
    body = plan.json()
    assert body["victim"]["address"] == REFUGE and body["victim"]["phone"] == "07700900123"
    assert body["victim"]["safe_times"] == "after 6pm"
    assert body["victim_fears"] == "Uncle Fearsome" and body["victim_aware"] is True
    assert body["risk_assessment"]["answers"]["q1"] == "yes"
    assert body["children"][0]["school"] == "Test School"
    for absent in ("Secret ethnicity", "Escalating abuse", "PC Test"):
        assert absent not in plan.text  # not the narrative, the referrer or ethnicity
    assert client.get(f"{CASES}/{cycle['case']}/summary").status_code == 200
    assert client.get(f"{CASES}/{cycle['case']}").status_code == 403
    assert client.get(f"/api/v1/referrals/{cycle['referral']['id']}").status_code == 403
    assert cycle["case"] in [c["id"] for c in client.get(CASES).json()["items"]]


def test_the_coordinator_and_chair_read_every_view(client, act_as, session, world, cycle):
    before = len(_disclosures(session, cycle["case"]))
    for role in (Role.coordinator, Role.chair):
        act_as(user(world.agency.id, {world.panel.id: [role]}))
        for suffix in ("", "/summary", "/safety-plan"):
            assert client.get(f"{CASES}/{cycle['case']}{suffix}").status_code == 200
        full = client.get(f"/api/v1/referrals/{cycle['referral']['id']}").json()
        assert full["victim"]["do_not_circulate"] == ["address", "postcode"]
    assert len(_disclosures(session, cycle["case"])) == before  # the panel's own reads


def test_referrers_analysts_and_other_panels_are_not_told_the_case_exists(
        client, act_as, session, world, cycle):
    for principal in (user(world.agency.id, {world.panel.id: [Role.referrer]}),
                      user(world.agency.id, {world.panel.id: [Role.analyst]}),
                      user(world.agency.id, {uuid.uuid4(): [Role.coordinator]}),
                      user(world.agency.id, is_administrator=True)):
        act_as(principal)
        for suffix in ("/summary", "/safety-plan"):
            assert client.get(f"{CASES}/{cycle['case']}{suffix}").status_code == 404
    act_as(world.coordinator)
    assert client.get(f"{CASES}/{uuid.uuid4()}/summary").status_code == 404


def test_feared_details_never_reach_the_agenda_or_minutes(client, act_as, session, world, cycle,
                                                         clock):
    act_as(world.coordinator)
    url = f"{MEETINGS}/{cycle['meeting']['id']}"
    agenda = client.get(f"{url}/agenda")
    assert agenda.status_code == 200 and "Alex" in agenda.text
    clock.today = date(2027, 1, 7)
    attended = client.post(f"{url}/attendance", json={
        "agency_id": str(world.agency.id), "person_name": "Chair Person", "standing": "lead"})
    client.post(f"{url}/declarations", json={"attendance_id": attended.json()["id"]})
    [hearing] = [h for h in client.get("/api/v1/hearings", params={
        "panel_id": str(world.panel.id)}).json()["items"] if h["case_id"] == cycle["case"]]
    discussed = client.post(f"{url}/discussions", json={
        "hearing_id": hearing["id"], "referrer_presentation": "Escalating abuse.",
        "shared": [], "risks": ["strangulation"], "lead_agency_id": str(world.agency.id),
        "victim_updater": "IDVA service"})
    assert discussed.status_code == 201, discussed.text
    minutes = client.get(f"{url}/minutes")
    assert minutes.status_code == 200 and "Alex" in minutes.text
    for text in (agenda.text, minutes.text):
        for secret in (*FEARED.values(), REFUGE, "RF1 1AA", "07700900123"):
            assert secret not in text
    _perpetrator_user(session, world, cycle["uninvited"])
    refused = client.post(f"{url}/minutes/circulations",
                          json={"agency_ids": [str(cycle["uninvited"].id)]})
    assert refused.status_code == 422
    assert refused.json()["type"] == "/problems/recipient-is-perpetrator"
    assert client.post(f"{url}/minutes/circulations", json={}).status_code == 422  # all members
    assert client.post(f"{url}/minutes/circulations",
                       json={"agency_ids": [str(world.agency.id)]}).status_code == 201


def test_a_representative_reads_only_what_was_circulated_to_their_agency(
        client, act_as, world, cycle):
    url = f"{MEETINGS}/{cycle['meeting']['id']}"
    act_as(_rep(cycle["uninvited"].id, world))
    assert client.get(f"{url}/agenda").status_code == 403
    assert client.get(f"{url}/minutes").status_code == 403
    act_as(world.coordinator)
    _another_case(client, world)
    act_as(_rep(cycle["invited"].id, world))
    agenda = client.get(f"{url}/agenda").json()
    assert [c["case_id"] for s in agenda["sections"] for c in s["cases"]] == [cycle["case"]]


def _perpetrator_user(session, world, agency, **identity) -> User:
    """A user whose recorded name and date of birth are those of the case's perpetrator."""
    found = make_user(session, agency, {world.panel.id: [Role.agency_representative]})
    fields = {"given_names": "Sam", "family_name": "Sample", "date_of_birth": date(1988, 2, 2),
              **identity}
    for name, value in fields.items():
        setattr(found, name, value)
    session.commit()
    return found


@pytest.mark.parametrize("identity", [
    pytest.param({}, id="same-name-and-birth"),
    pytest.param({"given_names": "SAM ", "family_name": "Sämple"}, id="case-and-accents"),
    pytest.param({"date_of_birth": None}, id="birth-unknown"),
])
def test_no_agenda_goes_to_a_perpetrator_on_its_cases(client, act_as, session, world, cycle,
                                                      identity):
    _perpetrator_user(session, world, cycle["uninvited"], **identity)
    act_as(world.coordinator)
    _another_case(client, world)
    url = f"{MEETINGS}/{cycle['meeting']['id']}/agenda/publications"
    refused = client.post(url, json={"agency_ids": [str(cycle["uninvited"].id)]})
    assert refused.status_code == 422
    assert refused.json()["type"] == "/problems/recipient-is-perpetrator"
    for personal in ("Sam", "Sample", "1988"):
        assert personal not in refused.text
    assert len(client.get(url).json()["items"]) == 1  # nothing circulated
    assert client.post(url, json={"agency_ids": [str(world.agency.id)]}).status_code == 201


def test_a_namesake_born_another_day_is_no_perpetrator(client, act_as, session, world, cycle):
    _perpetrator_user(session, world, cycle["uninvited"], date_of_birth=date(1970, 1, 1))
    act_as(world.coordinator)
    _another_case(client, world)
    sent = client.post(f"{MEETINGS}/{cycle['meeting']['id']}/agenda/publications",
                       json={"agency_ids": [str(cycle["uninvited"].id)]})
    assert sent.status_code == 201, sent.text


def test_a_perpetrator_reader_is_not_told_the_case_or_meeting_exists(
        client, act_as, session, world, cycle):
    found = _perpetrator_user(session, world, cycle["invited"])
    act_as(_rep(cycle["invited"].id, world, subject_id=found.id))
    assert client.get(f"{CASES}/{cycle['case']}/summary").status_code == 404
    missing = client.get(f"{MEETINGS}/{cycle['meeting']['id']}/agenda")
    assert missing.status_code == 404 and "perpetrator" not in missing.text


def test_the_form_offers_exactly_the_fields_that_can_be_withheld():
    assert get_args(Withholdable) == WITHHOLDABLE


def test_a_summary_read_whose_audit_entry_fails_logs_no_disclosure(client, act_as, app, session,
                                                                   world, cycle):
    """The disclosure entry and the read's audit entry commit together or not at all."""
    before = len(_disclosures(session, cycle["case"]))
    act_as(_rep(cycle["invited"].id, world))
    with audit_refused(app.state.engine):
        refused = client.get(f"{CASES}/{cycle['case']}/summary")
    assert refused.status_code == 503
    assert "Alex" not in refused.text
    assert len(_disclosures(session, cycle["case"])) == before
