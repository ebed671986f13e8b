"""Authorization-matrix rows and request factories for the meeting cycle's routes.

Meetings are made by each panel's coordinator (the world's creators) on unique future working
days, so every actor's call meets a fresh, valid record and only the caller's rights differ.
"""

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from api.clock import uk_today
from api.meetings.models import Hearing, HearingStatus, Meeting, MeetingKind, MeetingStatus
from domain.working_days import is_working_day
from tests.security.matrix_world import ACTORS, MatrixWorld

Request = tuple[str, dict[str, Any] | None, dict[str, str]]
Factory = Callable[[MatrixWorld, str, str], Request]
ROLES = ("coordinator", "chair", "agency_representative", "referrer", "idva", "analyst")
CASE_READERS = ("coordinator", "chair", "agency_representative", "idva")
UNSEEN = {"administrator": 404, "key_submit": 404, "key_read": 404, "key_actions": 404}


def _row(default: int, **by_actor: int) -> dict[str, int]:
    return {actor: default for actor in ACTORS} | {"anonymous": 401} | by_actor


def _roles(allowed: tuple[str, ...], ok: int, **extra: int) -> dict[str, int]:
    """Allowed roles `ok`, other roles on the panel 403, nobody else sees the panel (404)."""
    return _row(403, **(UNSEEN | {r: ok for r in allowed} | extra))


ADMIN = {"own": _row(403, administrator=200), "other": _row(403, administrator=200)}
ROWS: dict[tuple[str, str], dict[str, dict[str, int]]] = {
    ("GET", "/api/v1/panels/{panel_id}/settings"): {
        "own": _roles(ROLES, 200, administrator=200), "other": _row(404, administrator=200)},
    ("PATCH", "/api/v1/panels/{panel_id}/settings"): ADMIN,
    ("GET", "/api/v1/meetings"): {"own": _roles(ROLES, 200), "other": _row(404)},
    ("POST", "/api/v1/meetings"): {"own": _roles(("coordinator",), 201), "other": _row(404)},
    ("POST", "/api/v1/meeting-series"): {
        "own": _roles(("coordinator",), 201), "other": _row(404)},
    ("GET", "/api/v1/meetings/{meeting_id}"): {"own": _roles(ROLES, 200), "other": _row(404)},
    ("POST", "/api/v1/meetings/{meeting_id}/move"): {
        "own": _roles(("coordinator",), 200), "other": _row(404)},
    ("POST", "/api/v1/meetings/{meeting_id}/cancel"): {
        "own": _roles(("coordinator",), 200), "other": _row(404)},
    ("GET", "/api/v1/meetings/{meeting_id}/agenda"): {
        "own": _roles(CASE_READERS, 200), "other": _row(404)},
    ("GET", "/api/v1/meetings/{meeting_id}/agenda/publications"): {
        "own": _roles(CASE_READERS, 200), "other": _row(404)},
    ("POST", "/api/v1/meetings/{meeting_id}/agenda/publications"): {
        "own": _roles(("coordinator",), 201), "other": _row(404)},
    ("GET", "/api/v1/hearings"): {"own": _roles(CASE_READERS, 200), "other": _row(404)},
    ("POST", "/api/v1/hearings/schedule"): {
        "own": _roles(("coordinator",), 200), "other": _row(404)},
    ("POST", "/api/v1/hearings/{hearing_id}/late-addition"): {
        "own": _roles(("coordinator", "chair"), 200), "other": _row(404)},
}


def _working_days(start: date) -> Iterator[date]:
    day = start
    while True:
        day += timedelta(days=1)
        if is_working_day(day):
            yield day


_FREE_DAYS = _working_days(date(2028, 1, 3))


def _meeting(w: MatrixWorld, where: str) -> dict[str, Any]:
    response = w.client.post("/api/v1/meetings", headers=w.creators[where], json={
        "panel_id": str(w.panels[where].id), "held_on": next(_FREE_DAYS).isoformat()})
    assert response.status_code == 201, response.text
    return {"id": response.json()["id"], "etag": response.headers["ETag"]}


def _settings_patch(w: MatrixWorld, actor: str, where: str) -> Request:
    url = f"/api/v1/panels/{w.panels[where].id}/settings"
    tag = w.client.get(url, headers=w.admin).headers["ETag"]
    return url, {"agenda_working_days": 5}, {"If-Match": tag}


def _change(action: str, body: Callable[[], dict[str, Any]]) -> Factory:
    def make(w: MatrixWorld, actor: str, where: str) -> Request:
        made = _meeting(w, where)
        return (f"/api/v1/meetings/{made['id']}/{action}", body(), {"If-Match": made["etag"]})
    return make


_EMERGENCY: dict[Any, str] = {}  # by panel id: each database run has its own panels


def _late_addition(w: MatrixWorld, actor: str, where: str) -> Request:
    """A fresh case on a panel with an emergency meeting after its cut-off."""
    panel_id = w.panels[where].id
    if panel_id not in _EMERGENCY:
        response = w.client.post("/api/v1/meetings", headers=w.creators[where], json={
            "panel_id": str(w.panels[where].id), "emergency": True,
            "held_on": next(_working_days(uk_today())).isoformat(),
            "emergency_reason": "Imminent risk"})
        assert response.status_code == 201, response.text
        _EMERGENCY[panel_id] = response.json()["id"]
    case_id = w.case(where)
    placed = w.client.post("/api/v1/hearings/schedule", headers=w.creators[where],
                           json={"panel_id": str(w.panels[where].id)}).json()["items"]
    [hearing] = [h for h in placed if h["case_id"] == case_id]
    return (f"/api/v1/hearings/{hearing['id']}/late-addition",
            {"meeting_id": _EMERGENCY[panel_id]}, {})


def _panel(path: str) -> Factory:
    return lambda w, a, p: (path.format(panel=w.panels[p].id), None, {})


FACTORIES: dict[tuple[str, str], Factory] = {
    ("GET", "/api/v1/panels/{panel_id}/settings"): _panel("/api/v1/panels/{panel}/settings"),
    ("PATCH", "/api/v1/panels/{panel_id}/settings"): _settings_patch,
    ("GET", "/api/v1/meetings"): _panel("/api/v1/meetings?panel_id={panel}"),
    ("POST", "/api/v1/meetings"): lambda w, a, p: ("/api/v1/meetings", {
        "panel_id": str(w.panels[p].id), "held_on": next(_FREE_DAYS).isoformat()}, {}),
    ("POST", "/api/v1/meeting-series"): lambda w, a, p: ("/api/v1/meeting-series", {
        "panel_id": str(w.panels[p].id), "year": 2031,
        "rule": {"kind": "nth_weekday", "weekday": 2, "nth": 1}}, {}),
    ("GET", "/api/v1/meetings/{meeting_id}"): lambda w, a, p: (
        f"/api/v1/meetings/{_meeting(w, p)['id']}", None, {}),
    ("POST", "/api/v1/meetings/{meeting_id}/move"): _change("move", lambda: {
        "held_on": next(_FREE_DAYS).isoformat(), "reason": "Room unavailable"}),
    ("POST", "/api/v1/meetings/{meeting_id}/cancel"): _change(
        "cancel", lambda: {"reason": "Chair unavailable"}),
    ("GET", "/api/v1/meetings/{meeting_id}/agenda"): lambda w, a, p: (
        f"/api/v1/meetings/{_circulated(w, p, _meeting(w, p)['id'], 'agenda')}/agenda",
        None, {}),
    ("GET", "/api/v1/meetings/{meeting_id}/agenda/publications"): lambda w, a, p: (
        f"/api/v1/meetings/{_meeting(w, p)['id']}/agenda/publications", None, {}),
    ("POST", "/api/v1/meetings/{meeting_id}/agenda/publications"): lambda w, a, p: (
        f"/api/v1/meetings/{_meeting(w, p)['id']}/agenda/publications", {}, {}),
    ("GET", "/api/v1/hearings"): _panel("/api/v1/hearings?panel_id={panel}"),
    ("POST", "/api/v1/hearings/schedule"): lambda w, a, p: (
        "/api/v1/hearings/schedule", {"panel_id": str(w.panels[p].id)}, {}),
    ("POST", "/api/v1/hearings/{hearing_id}/late-addition"): _late_addition,
}


def _circulated(w: MatrixWorld, where: str, meeting_id: object, document: str) -> object:
    """The meeting once its agenda or minutes went to every member agency (the actors' too):
    an agency representative reads only what was circulated to their agency."""
    sent = w.client.post(f"/api/v1/meetings/{meeting_id}/" + (
        "agenda/publications" if document == "agenda" else "minutes/circulations"),
        headers=w.creators[where], json={})
    assert sent.status_code == 201, sent.text
    return meeting_id


def _held_meeting(w: MatrixWorld, where: str) -> uuid.UUID:
    """A meeting held today, written directly: through the API a meeting is listed ahead of
    its day, and the matrix runs on whatever day it is (a weekend too)."""
    day = uk_today()
    meeting = Meeting(panel_id=w.panels[where].id, held_on=day, kind=MeetingKind.emergency,
                      status=MeetingStatus.listed, referral_cutoff=day, agenda_due=day,
                      minutes_due=day, emergency_reason="matrix", created_by_id=uuid.uuid4())
    w.session.add(meeting)
    w.session.commit()
    return meeting.id


def _attendee(w: MatrixWorld, where: str, meeting_id: uuid.UUID, sign: bool) -> str:
    creator_agency = w.client.get("/api/v1/auth/me", headers=w.creators[where]).json()
    response = w.client.post(f"/api/v1/meetings/{meeting_id}/attendance",
                             headers=w.creators[where], json={
                                 "agency_id": creator_agency["agency_id"],
                                 "person_name": "Matrix Person", "standing": "lead"})
    assert response.status_code == 201, response.text
    if sign:
        signed = w.client.post(f"/api/v1/meetings/{meeting_id}/declarations",
                               headers=w.creators[where],
                               json={"attendance_id": response.json()["id"]})
        assert signed.status_code == 200, signed.text
    return str(response.json()["id"])


def _hearing_on(w: MatrixWorld, where: str, meeting_id: uuid.UUID) -> tuple[str, str]:
    case_id = w.case(where)
    w.client.post("/api/v1/hearings/schedule", headers=w.creators[where],
                  json={"panel_id": str(w.panels[where].id)})
    hearing = w.session.scalar(select(Hearing).where(Hearing.case_id == uuid.UUID(case_id)))
    assert hearing is not None
    hearing.meeting_id, hearing.status = meeting_id, HearingStatus.listed
    w.session.commit()
    return str(hearing.id), case_id


def _attendance(w: MatrixWorld, actor: str, where: str) -> Request:
    return (f"/api/v1/meetings/{_held_meeting(w, where)}/attendance", {
        "agency_id": str(w.agency.id), "person_name": "Matrix Person", "standing": "lead"}, {})


def _declaration(w: MatrixWorld, actor: str, where: str) -> Request:
    meeting_id = _held_meeting(w, where)
    attendance_id = _attendee(w, where, meeting_id, sign=False)
    return f"/api/v1/meetings/{meeting_id}/declarations", {"attendance_id": attendance_id}, {}


def _discussion(w: MatrixWorld, actor: str, where: str) -> Request:
    meeting_id = _held_meeting(w, where)
    _attendee(w, where, meeting_id, sign=True)
    hearing_id, _ = _hearing_on(w, where, meeting_id)
    lead = w.client.get("/api/v1/auth/me", headers=w.creators[where]).json()["agency_id"]
    return f"/api/v1/meetings/{meeting_id}/discussions", {
        "hearing_id": hearing_id, "referrer_presentation": "Matrix", "lead_agency_id": lead,
        "victim_updater": "IDVA service"}, {}


def _deferral(w: MatrixWorld, actor: str, where: str) -> Request:
    meeting_id = _held_meeting(w, where)
    hearing_id, _ = _hearing_on(w, where, meeting_id)
    return (f"/api/v1/meetings/{meeting_id}/deferrals",
            {"hearing_id": hearing_id, "reason": "Matrix"}, {})


RUNNERS = ("coordinator", "chair")
ROWS |= {
    ("POST", "/api/v1/meetings/{meeting_id}/attendance"): {
        "own": _roles((*RUNNERS, "agency_representative"), 201), "other": _row(404)},
    ("GET", "/api/v1/meetings/{meeting_id}/attendance"): {
        "own": _roles(CASE_READERS, 200), "other": _row(404)},
    ("POST", "/api/v1/meetings/{meeting_id}/declarations"): {
        "own": _roles(RUNNERS, 200), "other": _row(404)},
    ("POST", "/api/v1/meetings/{meeting_id}/discussions"): {
        "own": _roles(RUNNERS, 201), "other": _row(404)},
    ("POST", "/api/v1/meetings/{meeting_id}/deferrals"): {
        "own": _roles(RUNNERS, 200), "other": _row(404)},
}
FACTORIES |= {
    ("POST", "/api/v1/meetings/{meeting_id}/attendance"): _attendance,
    ("GET", "/api/v1/meetings/{meeting_id}/attendance"): lambda w, a, p: (
        f"/api/v1/meetings/{_held_meeting(w, p)}/attendance", None, {}),
    ("POST", "/api/v1/meetings/{meeting_id}/declarations"): _declaration,
    ("POST", "/api/v1/meetings/{meeting_id}/discussions"): _discussion,
    ("POST", "/api/v1/meetings/{meeting_id}/deferrals"): _deferral,
}
ROWS |= {
    ("GET", "/api/v1/meetings/{meeting_id}/minutes"): {
        "own": _roles(CASE_READERS, 200), "other": _row(404)},
    ("POST", "/api/v1/meetings/{meeting_id}/minutes/circulations"): {
        "own": _roles(("coordinator",), 201), "other": _row(404)},
}
FACTORIES |= {
    ("GET", "/api/v1/meetings/{meeting_id}/minutes"): lambda w, a, p: (
        f"/api/v1/meetings/{_circulated(w, p, _held_meeting(w, p), 'minutes')}/minutes",
        None, {}),
    ("POST", "/api/v1/meetings/{meeting_id}/minutes/circulations"): lambda w, a, p: (
        f"/api/v1/meetings/{_held_meeting(w, p)}/minutes/circulations", {}, {}),
}


def _research(w: MatrixWorld, actor: str, where: str) -> Request:
    """A case on a meeting whose agenda went to every member agency (the actors' included)."""
    meeting_id = _meeting(w, where)["id"]
    hearing_id, _ = _hearing_on(w, where, uuid.UUID(meeting_id))
    published = w.client.post(f"/api/v1/meetings/{meeting_id}/agenda/publications",
                              headers=w.creators[where], json={})
    assert published.status_code == 201, published.text
    return (f"/api/v1/meetings/{meeting_id}/research/{hearing_id}",
            {"nothing_held": True}, {})


ROWS |= {
    ("PUT", "/api/v1/meetings/{meeting_id}/research/{hearing_id}"): {
        "own": _roles(("coordinator", "agency_representative"), 200), "other": _row(404)},
    ("GET", "/api/v1/meetings/{meeting_id}/research"): {
        "own": _roles(("coordinator", "chair", "agency_representative"), 200),
        "other": _row(404)},
}
FACTORIES |= {
    ("PUT", "/api/v1/meetings/{meeting_id}/research/{hearing_id}"): _research,
    ("GET", "/api/v1/meetings/{meeting_id}/research"): lambda w, a, p: (
        f"/api/v1/meetings/{_meeting(w, p)['id']}/research", None, {}),
}


def _present(w: MatrixWorld, actor: str, where: str) -> Request:
    """Someone present (from the actors' own agency on their panel) whose departure is due."""
    meeting_id = _held_meeting(w, where)
    agency = str(w.agency.id) if where == "own" else w.client.get(
        "/api/v1/auth/me", headers=w.creators[where]).json()["agency_id"]
    made = w.client.post(f"/api/v1/meetings/{meeting_id}/attendance", headers=w.creators[where],
                         json={"agency_id": agency, "person_name": "Matrix Person",
                               "standing": "lead"})
    assert made.status_code == 201, made.text
    left = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    return (f"/api/v1/meetings/{meeting_id}/attendance/{made.json()['id']}",
            {"departed_at": left}, {"If-Match": '"v1"'})


def _discussed(w: MatrixWorld, where: str) -> str:
    url, body, _ = _discussion(w, "coordinator", where)
    made = w.client.post(url, headers=w.creators[where], json=body)
    assert made.status_code == 201, made.text
    return f"{url}/{made.json()['id']}"


ROWS |= {
    ("PATCH", "/api/v1/meetings/{meeting_id}/attendance/{attendance_id}"): {
        "own": _roles((*RUNNERS, "agency_representative"), 200), "other": _row(404)},
    ("GET", "/api/v1/meetings/{meeting_id}/discussions/{discussion_id}"): {
        "own": _roles(CASE_READERS, 200), "other": _row(404)},
    ("PUT", "/api/v1/meetings/{meeting_id}/discussions/{discussion_id}/victim-views"): {
        "own": _roles(("idva",), 200), "other": _row(404)},
    ("GET", "/api/v1/meetings/{meeting_id}/research/{hearing_id}"): {
        "own": _roles(("coordinator", "chair", "agency_representative"), 200),
        "other": _row(404)},
}
FACTORIES |= {
    ("PATCH", "/api/v1/meetings/{meeting_id}/attendance/{attendance_id}"): _present,
    ("GET", "/api/v1/meetings/{meeting_id}/discussions/{discussion_id}"): lambda w, a, p: (
        _discussed(w, p), None, {}),
    ("PUT", "/api/v1/meetings/{meeting_id}/discussions/{discussion_id}/victim-views"):
        lambda w, a, p: (f"{_discussed(w, p)}/victim-views",
                         {"victim_views": "Wants the locks changed."}, {"If-Match": '"v1"'}),
    ("GET", "/api/v1/meetings/{meeting_id}/research/{hearing_id}"): lambda w, a, p: (
        _research(w, a, p)[0], None, {}),
}
