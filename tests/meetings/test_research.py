"""Research: only agencies the agenda went to, only cases on it; each agency reads its own
forms, the coordinator sees who has submitted and who has not."""

from api.panels.models import MembershipKind, PanelAgency
from api.security.principal import Role
from tests.meetings.helpers import MEETINGS, accepted_referral, add_meeting, schedule
from tests.support.auth import make_agency
from tests.support.principals import user

FORM = {"nothing_held": False, "content": {
    "victim": "Two call-outs in November.", "risks": "Escalation",
    "involvement": "Neighbourhood team", "summary_check": {"victim_accurate": True},
    "police": {"warning_markers": True, "recorded_incidents": 3, "escalating": True}}}


def _published(client, act_as, session, world):
    act_as(world.coordinator)
    second = make_agency(session)
    session.add(PanelAgency(panel_id=world.panel.id, agency_id=second.id,
                            membership=MembershipKind.core))
    session.commit()
    meeting = add_meeting(client, world.panel.id, "2027-01-07")
    accepted_referral(client, world.panel.id, "2026-11-20")
    [hearing] = schedule(client, world.panel.id)
    published = client.post(f"{MEETINGS}/{meeting['id']}/agenda/publications", json={
        "agency_ids": [str(world.agency.id)]})
    assert published.status_code == 201, published.text
    return meeting, hearing, second


def test_an_invited_agency_records_research_and_sees_only_its_own(client, act_as, session,
                                                                  world, clock):
    meeting, hearing, second = _published(client, act_as, session, world)
    url = f"{MEETINGS}/{meeting['id']}/research"
    coordinator_view = client.get(url).json()
    assert coordinator_view["items"] == [{"hearing_id": hearing["id"],
                                          "case_id": hearing["case_id"],
                                          "agency_id": str(world.agency.id),
                                          "submitted": False}]
    act_as(user(world.agency.id, {world.panel.id: [Role.agency_representative]}))
    done = client.put(f"{url}/{hearing['id']}", json=FORM)
    assert done.status_code == 200, done.text
    assert done.json()["content"]["police"]["recorded_incidents"] == 3
    assert client.put(f"{url}/{hearing['id']}", json={"nothing_held": True}).status_code == 200
    mine = client.get(url).json()
    assert mine["items"] == [] and mine["own_forms"][0]["nothing_held"] is True
    act_as(user(second.id, {world.panel.id: [Role.agency_representative]}))
    refused = client.put(f"{url}/{hearing['id']}", json=FORM)
    assert refused.status_code == 422
    assert refused.json()["type"] == "/problems/research-agency-not-invited"
    assert client.get(url).json()["own_forms"] == []
    act_as(world.coordinator)
    [status] = client.get(url).json()["items"]
    assert status["submitted"] is True
    assert len(client.get(url).json()["own_forms"]) == 1  # the coordinator shares that agency


def test_research_waits_for_the_published_agenda(client, act_as, world, clock):
    act_as(world.coordinator)
    meeting = add_meeting(client, world.panel.id, "2027-01-07")
    accepted_referral(client, world.panel.id, "2026-11-20")
    [hearing] = schedule(client, world.panel.id)
    act_as(user(world.agency.id, {world.panel.id: [Role.agency_representative]}))
    refused = client.put(f"{MEETINGS}/{meeting['id']}/research/{hearing['id']}", json=FORM)
    assert refused.json()["type"] == "/problems/research-agency-not-invited"
    for role in (Role.analyst, Role.referrer, Role.idva):
        act_as(user(world.agency.id, {world.panel.id: [role]}))
        assert client.get(f"{MEETINGS}/{meeting['id']}/research").status_code == 403
