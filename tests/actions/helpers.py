"""A meeting held with a case heard and agencies present, ready for its action plan."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.panels.models import Agency, MembershipKind, PanelAgency
from tests.meetings.helpers import MEETINGS, accepted_referral, add_meeting, schedule
from tests.support.auth import make_agency

ACTIONS = "/api/v1/actions"


def member(session: Session, panel_id: Any, **fields: Any) -> Agency:
    agency = make_agency(session, **fields)
    session.add(PanelAgency(panel_id=panel_id, agency_id=agency.id,
                            membership=MembershipKind.core))
    session.commit()
    return agency


@dataclass
class Held:
    meeting: dict[str, Any]
    case_id: str
    hearing_id: str


def attend(client: TestClient, meeting_id: str, agency: Agency, *, apologies: bool = False,
           sign: bool = True) -> None:
    made = client.post(f"{MEETINGS}/{meeting_id}/attendance", json={
        "agency_id": str(agency.id), "person_name": f"{agency.name} lead", "standing": "lead",
        "apologies": apologies})
    assert made.status_code == 201, made.text
    if sign and not apologies:
        signed = client.post(f"{MEETINGS}/{meeting_id}/declarations",
                             json={"attendance_id": made.json()["id"]})
        assert signed.status_code == 200, signed.text


def hold(client: TestClient, clock: Any, world: Any, held_on: date, referral_day: date,
         present: list[Agency], absent: list[Agency]) -> Held:
    """A meeting listed ahead, a case accepted onto it, then on the day: attendance, declarations
    and the case heard (as the coordinator acting for the world's panel)."""
    clock.today = referral_day
    meeting = add_meeting(client, world.panel.id, held_on.isoformat())
    case = accepted_referral(client, world.panel.id, referral_day.isoformat())
    [hearing] = [h for h in schedule(client, world.panel.id) if h["case_id"] == case["case_id"]]
    assert hearing["meeting_id"] == meeting["id"], hearing
    clock.today = held_on
    for agency in present:
        attend(client, meeting["id"], agency)
    for agency in absent:
        attend(client, meeting["id"], agency, apologies=True)
    heard = client.post(f"{MEETINGS}/{meeting['id']}/discussions", json={
        "hearing_id": hearing["id"], "referrer_presentation": "Presented.",
        "lead_agency_id": str(present[0].id), "victim_updater": "IDVA service"})
    assert heard.status_code == 201, heard.text
    return Held(meeting, str(case["case_id"]), hearing["id"])


def action_body(held: Held, *owners: Agency, **overrides: Any) -> dict[str, Any]:
    return {"meeting_id": held.meeting["id"], "case_id": held.case_id,
            "owner_agency_ids": [str(a.id) for a in owners],
            "category": "target_hardening_or_moving",
            "description": "Fit a door chain and window locks at the victim's home",
            "due_on": "2027-01-21", **overrides}
