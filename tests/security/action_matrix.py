"""Authorization-matrix rows and request factories for the action routes (issue 12).

Each panel's coordinator (the world's creators) holds meetings (written directly, on days
already come), records the cast's agency X as attending ("own"; on panel B the creator's own
agency), and agrees a fresh action owned by it for each call, so only the caller differs.
"""

import uuid
from datetime import timedelta
from typing import Any

from api.clock import uk_today
from api.meetings.models import Meeting, MeetingKind, MeetingStatus
from tests.security.matrix_world import MatrixWorld
from tests.security.meeting_matrix import Factory, Request, _hearing_on, _roles, _row

ACTIONS = "/api/v1/actions"
READERS = ("coordinator", "chair", "agency_representative")
RUNNERS = ("coordinator", "chair")
# The cast's keys belong to agency X, which owns the "own" actions: scope decides.
KEYS_BY_SCOPE = {"key_submit": 403, "key_read": 403}


def _meeting_on(w: MatrixWorld, where: str, days_ago: int) -> uuid.UUID:
    day = uk_today() - timedelta(days=days_ago)
    meeting = Meeting(panel_id=w.panels[where].id, held_on=day, kind=MeetingKind.emergency,
                      status=MeetingStatus.listed, referral_cutoff=day, agenda_due=day,
                      minutes_due=day, emergency_reason="matrix", created_by_id=uuid.uuid4())
    w.session.add(meeting)
    w.session.commit()
    return meeting.id


def _owner(w: MatrixWorld, where: str) -> str:
    if where == "own":
        return str(w.agency.id)
    return str(w.client.get("/api/v1/auth/me", headers=w.creators[where]).json()["agency_id"])


def _present(w: MatrixWorld, where: str, meeting_id: uuid.UUID, agency_id: str) -> None:
    made = w.client.post(f"/api/v1/meetings/{meeting_id}/attendance", headers=w.creators[where],
                         json={"agency_id": agency_id, "person_name": "Matrix Person",
                               "standing": "lead"})
    assert made.status_code == 201, made.text


_HELD: dict[Any, dict[str, str]] = {}  # by panel id: each database run has its own panels


def _held(w: MatrixWorld, where: str) -> dict[str, str]:
    """A meeting held a week ago with the owner agency present and a case on it (made once)."""
    panel_id = w.panels[where].id
    if panel_id not in _HELD:
        meeting_id = _meeting_on(w, where, 7)
        _present(w, where, meeting_id, _owner(w, where))
        _, case_id = _hearing_on(w, where, meeting_id)
        _HELD[panel_id] = {"meeting_id": str(meeting_id), "case_id": case_id}
    return _HELD[panel_id]


def _body(w: MatrixWorld, where: str) -> dict[str, Any]:
    return {**_held(w, where), "owner_agency_ids": [_owner(w, where)], "category": "other",
            "description": "Matrix action", "due_on": (uk_today() + timedelta(days=30)).isoformat()}


def _action(w: MatrixWorld, where: str) -> dict[str, str]:
    made = w.client.post(ACTIONS, headers=w.creators[where], json=_body(w, where))
    assert made.status_code == 201, made.text
    return {"id": made.json()["items"][0]["id"], "etag": '"v1"'}


def _on_action(suffix: str = "") -> Factory:
    return lambda w, a, p: (f"{ACTIONS}/{_action(w, p)['id']}{suffix}", None, {})


def _update(w: MatrixWorld, actor: str, where: str) -> Request:
    made = _action(w, where)
    return f"{ACTIONS}/{made['id']}", {"progress": "Matrix progress"}, {"If-Match": made["etag"]}


def _reassign(w: MatrixWorld, actor: str, where: str) -> Request:
    """Agreed a week ago; re-assigned today to the creator's agency, present today (on panel
    B it owns the action already, but nobody in the cast gets that far)."""
    made = _action(w, where)
    later = _meeting_on(w, where, 0)
    creator_agency = str(w.client.get("/api/v1/auth/me",
                                      headers=w.creators[where]).json()["agency_id"])
    _present(w, where, later, creator_agency)
    return (f"{ACTIONS}/{made['id']}/reassignment",
            {"meeting_id": str(later), "owner_agency_id": creator_agency,
             "reason": "Matrix re-assignment"}, {"If-Match": made["etag"]})


def _panel_list(suffix: str) -> Factory:
    return lambda w, a, p: (f"/api/v1/panels/{w.panels[p].id}/actions/{suffix}", None, {})


_OWNER_READ = _roles(READERS, 200, **KEYS_BY_SCOPE, key_actions=200)
ROWS: dict[tuple[str, str], dict[str, dict[str, int]]] = {
    ("POST", ACTIONS): {"own": _roles(RUNNERS, 201), "other": _row(404)},
    ("GET", ACTIONS): {"any": _row(403, coordinator=200, chair=200, agency_representative=200,
                                   key_actions=200)},
    ("GET", f"{ACTIONS}/{{action_id}}"): {"own": _OWNER_READ, "other": _row(404)},
    ("PATCH", f"{ACTIONS}/{{action_id}}"): {"own": _OWNER_READ, "other": _row(404)},
    ("GET", f"{ACTIONS}/{{action_id}}/history"): {"own": _OWNER_READ, "other": _row(404)},
    ("POST", f"{ACTIONS}/{{action_id}}/reassignment"): {
        "own": _roles(RUNNERS, 200, **KEYS_BY_SCOPE, key_actions=403), "other": _row(404)},
    ("GET", "/api/v1/panels/{panel_id}/actions/overdue"): {
        "own": _OWNER_READ, "other": _row(404)},
    ("GET", "/api/v1/cases/{case_id}/actions"): {"own": _OWNER_READ, "other": _row(404)},
    ("GET", "/api/v1/panels/{panel_id}/actions/counts"): {
        "own": _roles((*RUNNERS, "analyst"), 200), "other": _row(404)},
}
FACTORIES: dict[tuple[str, str], Factory] = {
    ("POST", ACTIONS): lambda w, a, p: (ACTIONS, _body(w, p), {}),
    ("GET", ACTIONS): lambda w, a, p: (ACTIONS, None, {}),
    ("GET", f"{ACTIONS}/{{action_id}}"): _on_action(),
    ("PATCH", f"{ACTIONS}/{{action_id}}"): _update,
    ("GET", f"{ACTIONS}/{{action_id}}/history"): _on_action("/history"),
    ("POST", f"{ACTIONS}/{{action_id}}/reassignment"): _reassign,
    ("GET", "/api/v1/panels/{panel_id}/actions/overdue"): _panel_list("overdue"),
    ("GET", "/api/v1/cases/{case_id}/actions"): lambda w, a, p: (
        f"/api/v1/cases/{_held(w, p)['case_id']}/actions", None, {}),
    ("GET", "/api/v1/panels/{panel_id}/actions/counts"): _panel_list("counts"),
}
