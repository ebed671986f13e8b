"""Valid requests for the action routes' writes (see tests/audit/writes.py): a meeting held a
week ago with the panel's agency present and a case on it, and a fresh action where needed."""

import uuid
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.clock import uk_today
from api.meetings.models import Hearing, Meeting, MeetingKind, MeetingStatus
from api.panels.models import MembershipKind, PanelAgency
from tests.audit.meeting_writes import _Panel
from tests.audit.writes import Builder, Call
from tests.support.auth import make_agency

ACTIONS = "/api/v1/actions"


def _held(p: _Panel, days_ago: int) -> uuid.UUID:
    day = uk_today() - timedelta(days=days_ago)
    meeting = Meeting(panel_id=p.panel.id, held_on=day, kind=MeetingKind.emergency,
                      status=MeetingStatus.listed, referral_cutoff=day, agenda_due=day,
                      minutes_due=day, emergency_reason="audit", created_by_id=uuid.uuid4())
    p.session.add(meeting)
    p.session.commit()
    p.attendee(meeting.id, sign=False)
    return meeting.id


def _body(p: _Panel) -> dict[str, Any]:
    meeting_id = _held(p, 7)
    hearing = p.session.get(Hearing, uuid.UUID(p.hearing_on(meeting_id)))
    assert hearing is not None
    case_id = hearing.case_id
    return {"meeting_id": str(meeting_id), "case_id": str(case_id),
            "owner_agency_ids": [str(p.agency.id)], "category": "victim_update",
            "description": "Update the victim on the plan",
            "due_on": (uk_today() + timedelta(days=14)).isoformat()}


def _action(client: TestClient, p: _Panel) -> str:
    made = client.post(ACTIONS, headers=p.headers, json=_body(p))
    assert made.status_code == 201, made.text
    return str(made.json()["items"][0]["id"])


def _record(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    return Call("POST", ACTIONS, p.headers | {"Idempotency-Key": uuid.uuid4().hex},
                json=_body(p), status=201)


def _update(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    return Call("PATCH", f"{ACTIONS}/{_action(client, p)}", p.headers | {"If-Match": '"v1"'},
                json={"status": "done", "outcome": "Victim updated by the IDVA"})


def _reassign(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    action_id = _action(client, p)
    later = _held(p, 0)
    other = make_agency(session)  # a second member agency, present at the later meeting
    session.add(PanelAgency(panel_id=p.panel.id, agency_id=other.id,
                            membership=MembershipKind.flexible))
    session.commit()
    made = client.post(f"/api/v1/meetings/{later}/attendance", headers=p.headers, json={
        "agency_id": str(other.id), "person_name": "Q", "standing": "lead"})
    assert made.status_code == 201, made.text
    return Call("POST", f"{ACTIONS}/{action_id}/reassignment", p.headers | {"If-Match": '"v1"'},
                json={"meeting_id": str(later), "owner_agency_id": str(other.id),
                      "reason": "Moved to another agency"})


ACTION_WRITES: dict[str, Builder] = {
    "recordActions": _record, "updateAction": _update, "reassignAction": _reassign,
}
