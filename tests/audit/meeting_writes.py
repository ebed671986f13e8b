"""Valid requests for the meeting cycle's writing routes (see tests/audit/writes.py).

Meetings that must already be under way are written directly with today's date; the others
are listed through the API on unique working days well ahead."""

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.clock import uk_today
from api.meetings.models import Hearing, HearingStatus, Meeting, MeetingKind, MeetingStatus
from api.security.principal import Role
from domain.working_days import is_working_day
from tests.audit.writes import REFERRALS, Builder, Call
from tests.referrals.factories import referral_body
from tests.support.auth import login_headers, make_agency, make_panel

MEETINGS = "/api/v1/meetings"


def _days() -> Iterator[date]:
    day = date(2029, 1, 1)
    while True:
        day += timedelta(days=1)
        if is_working_day(day):
            yield day


_FREE = _days()


class _Panel:
    def __init__(self, client: TestClient, session: Session) -> None:
        self.client, self.session = client, session
        self.agency = make_agency(session)
        self.panel = make_panel(session, self.agency)
        self.headers = login_headers(client, session, Role.coordinator, self.panel,
                                     agency=self.agency)

    def meeting(self) -> dict[str, str]:
        made = self.client.post(MEETINGS, headers=self.headers, json={
            "panel_id": str(self.panel.id), "held_on": next(_FREE).isoformat()})
        assert made.status_code == 201, made.text
        return {"id": made.json()["id"], "etag": made.headers["ETag"]}

    def held_meeting(self) -> uuid.UUID:
        day = uk_today()
        meeting = Meeting(panel_id=self.panel.id, held_on=day, kind=MeetingKind.emergency,
                          status=MeetingStatus.listed, agenda_due=day,
                          referral_cutoff=day - timedelta(days=14),
                          minutes_due=day, emergency_reason="audit", created_by_id=uuid.uuid4())
        self.session.add(meeting)
        self.session.commit()
        return meeting.id

    def accepted(self) -> None:
        submitted = self.client.post(REFERRALS, headers=self.headers,
                                     json=referral_body(self.panel.id))
        assert submitted.status_code == 201, submitted.text
        triaged = self.client.post(f"{REFERRALS}/{submitted.json()['id']}/triage",
                                   headers=self.headers | {"If-Match": submitted.headers["ETag"]},
                                   json={"outcome": "accept_new_case"})
        assert triaged.status_code == 200, triaged.text

    def hearing_on(self, meeting_id: uuid.UUID) -> str:
        self.accepted()
        placed = self.client.post("/api/v1/hearings/schedule", headers=self.headers,
                                  json={"panel_id": str(self.panel.id)})
        assert placed.status_code == 200, placed.text
        hearing = self.session.scalar(select(Hearing).where(Hearing.panel_id == self.panel.id))
        assert hearing is not None
        hearing.meeting_id, hearing.status = meeting_id, HearingStatus.listed
        self.session.commit()
        return str(hearing.id)

    def attendee(self, meeting_id: uuid.UUID, sign: bool) -> str:
        made = self.client.post(f"{MEETINGS}/{meeting_id}/attendance", headers=self.headers,
                                json={"agency_id": str(self.agency.id), "person_name": "P",
                                      "standing": "lead"})
        assert made.status_code == 201, made.text
        if sign:
            assert self.client.post(f"{MEETINGS}/{meeting_id}/declarations",
                                    headers=self.headers,
                                    json={"attendance_id": made.json()["id"]}).status_code == 200
        return str(made.json()["id"])


def _settings(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    admin = login_headers(client, session, is_administrator=True)
    url = f"/api/v1/panels/{p.panel.id}/settings"
    tag = client.get(url, headers=admin).headers["ETag"]
    return Call("PATCH", url, admin | {"If-Match": tag}, json={"agenda_working_days": 6})


def _add(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    return Call("POST", MEETINGS, p.headers, status=201, json={
        "panel_id": str(p.panel.id), "held_on": next(_FREE).isoformat()})


def _series(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    return Call("POST", "/api/v1/meeting-series", p.headers, status=201, json={
        "panel_id": str(p.panel.id), "year": 2031,
        "rule": {"kind": "nth_weekday", "weekday": 3, "nth": 1}})


def _move(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    made = p.meeting()
    return Call("POST", f"{MEETINGS}/{made['id']}/move", p.headers | {"If-Match": made["etag"]},
                json={"held_on": next(_FREE).isoformat(), "reason": "Room"})


def _cancel(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    made = p.meeting()
    return Call("POST", f"{MEETINGS}/{made['id']}/cancel",
                p.headers | {"If-Match": made["etag"]}, json={"reason": "Snow"})


def _schedule(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    p.accepted()
    return Call("POST", "/api/v1/hearings/schedule", p.headers,
                json={"panel_id": str(p.panel.id)})


def _late(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    meeting_id = p.held_meeting()  # under way today: its cut-off has passed
    hearing_id = p.hearing_on(uuid.UUID(p.meeting()["id"]))
    return Call("POST", f"/api/v1/hearings/{hearing_id}/late-addition", p.headers,
                json={"meeting_id": str(meeting_id)})


def _publish(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    return Call("POST", f"{MEETINGS}/{p.meeting()['id']}/agenda/publications", p.headers,
                status=201, json={})


def _circulate(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    return Call("POST", f"{MEETINGS}/{p.held_meeting()}/minutes/circulations", p.headers,
                status=201, json={})


def _attend(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    return Call("POST", f"{MEETINGS}/{p.held_meeting()}/attendance", p.headers, status=201,
                json={"agency_id": str(p.agency.id), "person_name": "P", "standing": "lead"})


def _declare(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    meeting_id = p.held_meeting()
    return Call("POST", f"{MEETINGS}/{meeting_id}/declarations", p.headers,
                json={"attendance_id": p.attendee(meeting_id, sign=False)})


def _discuss(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    meeting_id = p.held_meeting()
    p.attendee(meeting_id, sign=True)
    return Call("POST", f"{MEETINGS}/{meeting_id}/discussions", p.headers, status=201, json={
        "hearing_id": p.hearing_on(meeting_id), "referrer_presentation": "Presented.",
        "lead_agency_id": str(p.agency.id), "victim_updater": "IDVA"})


def _defer(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    meeting_id = p.held_meeting()
    return Call("POST", f"{MEETINGS}/{meeting_id}/deferrals", p.headers,
                json={"hearing_id": p.hearing_on(meeting_id), "reason": "Report due"})


def _research(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    meeting_id = uuid.UUID(p.meeting()["id"])
    hearing_id = p.hearing_on(meeting_id)
    assert client.post(f"{MEETINGS}/{meeting_id}/agenda/publications", headers=p.headers,
                       json={}).status_code == 201
    return Call("PUT", f"{MEETINGS}/{meeting_id}/research/{hearing_id}", p.headers,
                json={"nothing_held": True})


MEETING_WRITES: dict[str, Builder] = {
    "updatePanelSettings": _settings, "addMeeting": _add, "addMeetingSeries": _series,
    "moveMeeting": _move, "cancelMeeting": _cancel, "scheduleHearings": _schedule,
    "agreeLateAddition": _late, "publishAgenda": _publish, "circulateMinutes": _circulate,
    "recordAttendance": _attend, "signDeclaration": _declare, "recordDiscussion": _discuss,
    "deferCase": _defer, "submitResearch": _research,
}


def _times(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    meeting_id = p.held_meeting()
    attendance_id = p.attendee(meeting_id, sign=False)
    left = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    return Call("PATCH", f"{MEETINGS}/{meeting_id}/attendance/{attendance_id}",
                p.headers | {"If-Match": '"v1"'}, json={"departed_at": left})


def _views(client: TestClient, session: Session) -> Call:
    p = _Panel(client, session)
    meeting_id = p.held_meeting()
    p.attendee(meeting_id, sign=True)
    made = client.post(f"{MEETINGS}/{meeting_id}/discussions", headers=p.headers, json={
        "hearing_id": p.hearing_on(meeting_id), "referrer_presentation": "Presented.",
        "lead_agency_id": str(p.agency.id), "victim_updater": "IDVA"})
    assert made.status_code == 201, made.text
    idva = login_headers(client, session, Role.idva, p.panel, agency=p.agency)
    return Call("PUT", f"{MEETINGS}/{meeting_id}/discussions/{made.json()['id']}/victim-views",
                idva | {"If-Match": '"v1"'}, json={"victim_views": "Wants to stay at home."})


MEETING_WRITES |= {"updateAttendance": _times, "recordVictimViews": _views}
