"""The disclosure log as other features use it: a case's current basis, and one entry per
disclosure, read back per case by the coordinator or an administrator."""

import uuid

from api.security.principal import Role
from api.sharing.disclosure import DisclosureMethod, current_basis, record_disclosure
from domain.sharing_gate import Basis
from tests.meetings.helpers import accepted_referral
from tests.sharing.helpers import REFUSED, approved
from tests.support.principals import user


def test_current_basis_follows_consent_and_decisions(client, act_as, world, clock, session):
    act_as(world.coordinator)
    case = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    case_id = uuid.UUID(case["case_id"])
    assert current_basis(session, case_id) is None
    decision = approved(client, act_as, world, case["id"])
    session.expire_all()
    assert current_basis(session, case_id) == Basis("decision", decision["id"])
    act_as(world.coordinator)
    url = f"/api/v1/referrals/{case['id']}/consent"
    client.put(url, headers={"If-Match": '"v1"'}, json={"status": "given", "victim_aware": True})
    session.expire_all()
    assert current_basis(session, case_id) == Basis("consent")


def test_a_recorded_disclosure_is_read_back_per_case(client, act_as, world, clock, session):
    act_as(world.coordinator)
    case_id = accepted_referral(client, world.panel.id, "2026-11-18")["case_id"]
    reader = uuid.uuid4()
    record_disclosure(session, case_id=uuid.UUID(case_id), agency_id=world.agency.id,
                      method=DisclosureMethod.case_summary, basis=Basis("consent"),
                      recipient_user_id=reader)
    session.commit()
    url = f"/api/v1/cases/{case_id}/disclosures"
    [entry] = client.get(url).json()["items"]
    assert (entry["method"], entry["basis"], entry["recipient_user_id"]) == (
        "case_summary", "consent", str(reader))
    act_as(user(world.agency.id, is_administrator=True))
    assert client.get(url).status_code == 200
    act_as(user(world.agency.id, {world.panel.id: [Role.idva]}))
    assert client.get(url).status_code == 403
