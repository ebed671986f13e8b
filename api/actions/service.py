"""Use cases of the action plan: record at a meeting, update, close, re-assign. Each change
keeps who, when and the before/after; nothing is ever deleted."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from api.actions import problems as ap
from api.actions import repository
from api.actions.models import Action, ActionChange
from api.actions.schemas import ActionCreate, ActionRead, ActionReassign, ActionUpdate
from api.db import new_id, table_of, utcnow
from api.meetings.models import Meeting, MeetingStatus
from api.problems import FieldError, NotFound, ValidationFailed
from api.security.principal import Principal
from domain.actions import (
    ActionStatus,
    Reassignment,
    closing_issue,
    is_overdue,
    reassignment_issue,
    tasking_issue,
)

_TRACKED = ("owner_agency_id", "status", "due_on", "outcome", "reason", "progress")


def snapshot(action: Action) -> dict[str, Any]:
    """The fields a change can move, as JSON: an audit of before and after."""
    return _tracked({f: getattr(action, f) for f in _TRACKED})


def _log(session: Session, action: Action, kind: str, before: dict[str, Any] | None,
         principal: Principal, meeting_id: uuid.UUID | None, note: str | None = None) -> None:
    after = snapshot(action) | ({"note": note} if note else {})
    session.add(ActionChange(action_id=action.id, meeting_id=meeting_id, kind=kind,
                             before=before, after=after, by_kind=principal.kind,
                             by_id=principal.subject_id, by_agency_id=principal.agency_id))


# Recording inserts plain rows through statements built once: the ORM's unit of work (identity
# map, attribute events, flush ordering) cost more CPU than the two INSERTs themselves.
_INSERT_ACTIONS = insert(table_of(Action))
_INSERT_CHANGES = insert(table_of(ActionChange))


def record(session: Session, at: repository.Tasking, body: ActionCreate, today: date,
           principal: Principal) -> list[ActionRead]:
    """Kent 7.4: only agencies present take actions; one action per agency of a joint one.
    `at` is what repository.tasking read of the meeting and the case. The actions made, as the
    API shows them."""
    assert at.panel_id is not None and at.held_on is not None  # the caller found the meeting
    if at.status == MeetingStatus.cancelled or at.held_on > today:
        raise ap.MeetingNotUsable("Actions are agreed at a meeting held, not cancelled.")
    if not at.heard:
        raise ap.CaseNotAtMeeting("That case is not listed on, or heard at, this meeting.")
    owners = list(dict.fromkeys(body.owner_agency_ids))
    ap.refuse(tasking_issue(owners, set(at.present), body.due_on, at.held_on))
    plan_id, now = new_id(), utcnow()
    made: list[dict[str, Any]] = [
        {"id": new_id(), "plan_id": plan_id, "panel_id": at.panel_id, "case_id": body.case_id,
         "meeting_id": body.meeting_id, "owner_agency_id": owner,
         "category": body.category.value, "description": body.description,
         "due_on": body.due_on, "status": ActionStatus.OPEN.value, "outcome": None,
         "reason": None, "progress": None, "recorded_by_kind": principal.kind,
         "recorded_by_id": principal.subject_id, "created_at": now, "updated_at": now,
         "closed_on": None, "version": 1}
        for owner in owners]
    connection = session.connection()
    connection.execute(_INSERT_ACTIONS, made)
    connection.execute(_INSERT_CHANGES, [
        {"id": new_id(), "action_id": row["id"], "meeting_id": body.meeting_id,
         "kind": "recorded", "before": None, "after": _tracked(row), "by_kind": principal.kind,
         "by_id": principal.subject_id, "by_agency_id": principal.agency_id, "at": now}
        for row in made])
    overdue = is_overdue(ActionStatus.OPEN, body.due_on, today, at.nation)
    return [ActionRead(**{f: row[f] for f in _COLUMNS}, owner_agency=at.present.get(
        row["owner_agency_id"], ""), overdue=overdue) for row in made]


def _tracked(row: dict[str, Any]) -> dict[str, Any]:
    """snapshot() of a row's fields (a plain row, not loaded as an Action)."""
    return {f: (str(row[f]) if row[f] is not None else None) for f in _TRACKED}


def _usable_meeting(session: Session, action: Action, meeting_id: uuid.UUID,
                    today: date) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.panel_id != action.panel_id or \
            meeting.status is MeetingStatus.cancelled or meeting.held_on > today:
        raise ap.MeetingNotUsable("Name a meeting of this action's panel, already held.")
    return meeting


def update(session: Session, action: Action, body: ActionUpdate, today: date,
           principal: Principal) -> Action:
    """A progress note, or closing: done with an outcome, not done with a reason."""
    status = ActionStatus(body.status) if body.status else None
    ap.refuse(closing_issue(ActionStatus(action.status), status, body.outcome, body.reason))
    _refuse_stray_fields(body, status)
    if body.meeting_id is not None:
        _usable_meeting(session, action, body.meeting_id, today)
    before = snapshot(action)
    if body.progress is not None:
        action.progress = body.progress
    if status is not None:
        action.status, action.closed_on = status.value, today
        action.outcome = body.outcome if status is ActionStatus.DONE else None
        action.reason = body.reason if status is ActionStatus.NOT_DONE else None
    action.updated_at = utcnow()
    session.flush()
    _log(session, action, status.value if status else "progress", before, principal,
         body.meeting_id)
    return action


def _refuse_stray_fields(body: ActionUpdate, status: ActionStatus | None) -> None:
    """An update says something: progress or a closing; an outcome only with done, a reason
    only with not done (so nothing sent is silently dropped)."""
    stray = [FieldError(pointer=f"/body/{name}", detail=detail) for name, detail, bad in (
        ("progress", "send progress, or a status to close the action",
         status is None and body.progress is None),
        ("outcome", "an outcome goes with status done",
         body.outcome is not None and status is not ActionStatus.DONE),
        ("reason", "a reason goes with status not_done",
         body.reason is not None and status is not ActionStatus.NOT_DONE)) if bad]
    if stray:
        raise ValidationFailed("The update is not complete as sent.", errors=stray)


def reassign(session: Session, action: Action, body: ActionReassign, today: date,
             principal: Principal) -> Action:
    """At a later meeting, to another agency recorded as attending it."""
    later = _usable_meeting(session, action, body.meeting_id, today)
    agreed = session.get(Meeting, action.meeting_id)
    if agreed is None:  # pragma: no cover - meetings are never deleted under their actions
        raise NotFound("No such meeting.")
    due_on = body.due_on or action.due_on
    change = Reassignment(action.owner_agency_id, body.owner_agency_id, agreed.held_on,
                          later.held_on)
    ap.refuse(reassignment_issue(ActionStatus(action.status), change,
                                 repository.present_agencies(session, later.id), due_on))
    before = snapshot(action)
    action.owner_agency_id, action.due_on = body.owner_agency_id, due_on
    action.updated_at = utcnow()
    session.flush()
    _log(session, action, "reassigned", before, principal, later.id, body.reason)
    return action


def present(session: Session, actions: Sequence[Action], today: date) -> list[ActionRead]:
    """Actions as the API shows them: owner's name, and overdue in each panel's calendar."""
    names, nations = repository.names_and_subdivisions(
        session, {a.owner_agency_id for a in actions}, {a.panel_id for a in actions})
    return [_shown(a, names.get(a.owner_agency_id, ""), nations[a.panel_id], today)
            for a in actions]


def _shown(action: Action, owner: str, nation: str, today: date) -> ActionRead:
    return ActionRead(**{f: getattr(action, f) for f in _COLUMNS}, owner_agency=owner,
                      overdue=is_overdue(ActionStatus(action.status), action.due_on, today,
                                         nation))


def read_rows(rows: Sequence[Any], today: date) -> list[dict[str, Any]]:
    """Plain rows of repository.as_rows as ActionRead's fields: overdue in each row's panel
    calendar (computed once per due date and calendar in the page)."""
    overdue: dict[tuple[date, str | None], bool] = {}
    out = []
    keys = rows[0]._fields if rows else ()  # once: Row._asdict() looks them up on every row
    for row in rows:
        item = dict(zip(keys, row, strict=True))
        nation = item.pop("nation")
        if item["status"] != ActionStatus.OPEN:
            item["overdue"] = False
        else:
            key = (item["due_on"], nation)
            if key not in overdue:
                overdue[key] = is_overdue(ActionStatus.OPEN, item["due_on"], today,
                                          *([nation] if nation else []))
            item["overdue"] = overdue[key]
        out.append(item)
    return out


_COLUMNS = [f for f in ActionRead.model_fields if f not in ("owner_agency", "overdue")]
