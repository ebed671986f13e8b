"""What the meeting cycle reads of the action plan (its agenda and minutes), published here so
the meetings feature imports this and the schemas, never the actions feature's internals."""

import uuid
from datetime import date

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from api.actions import repository, service
from api.actions.schemas import ActionChangeRead, ActionRead, OutstandingAction
from domain.actions import ActionStatus, is_overdue

# Each list validated in one call (pydantic-core) from plain dicts, not a model per action.
_OUTSTANDING = TypeAdapter(list[OutstandingAction])
_ACTIONS = TypeAdapter(list[ActionRead])
_CHANGES = TypeAdapter(list[ActionChangeRead])


def outstanding(session: Session, panel_id: uuid.UUID, held_on: date,
                nation: str) -> list[OutstandingAction]:
    """Every action still open from the panel's earlier meetings (before `held_on`), by case,
    with its owner; overdue as on the meeting's day in the panel's calendar `nation` (so the
    agenda does not change overnight)."""
    overdue: dict[tuple[str, date], bool] = {}  # once per status and due date, not per action
    items = []
    # By position (repository.outstanding's columns): a row's attribute lookup costs more than
    # the rest of the loop.
    for action_id, case_id, owner_id, owner, category, description, due_on, meeting_id, \
            status in repository.outstanding(session, panel_id, held_on):
        if (status, due_on) not in overdue:
            overdue[status, due_on] = is_overdue(ActionStatus(status), due_on, held_on, nation)
        items.append({"action_id": action_id, "case_id": case_id, "owner_agency_id": owner_id,
                      "owner_agency": owner or "", "category": category,
                      "description": description, "due_on": due_on,
                      "agreed_at_meeting_id": meeting_id, "overdue": overdue[status, due_on]})
    return _OUTSTANDING.validate_python(items)


def agreed_at(session: Session, meeting_id: uuid.UUID, held_on: date) -> list[ActionRead]:
    """The action plan agreed at the meeting; overdue as on the meeting's day (`held_on`)."""
    return _ACTIONS.validate_python(
        service.read_rows(repository.agreed_at(session, meeting_id), held_on))


def updates_at(session: Session, meeting_id: uuid.UUID) -> list[ActionChangeRead]:
    """Each update given at the meeting (progress, closing, re-assignment)."""
    return _CHANGES.validate_python([c._asdict()
                                     for c in repository.changes_at(session, meeting_id)])
