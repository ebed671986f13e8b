"""What the meeting cycle reads of the action plan (its agenda and minutes), published here so
the meetings feature imports this and the schemas, never the actions feature's internals."""

import uuid
from datetime import date

from sqlalchemy.orm import Session

from api.actions import repository, service
from api.actions.schemas import ActionChangeRead, ActionRead, OutstandingAction
from domain.actions import ActionCategory, ActionStatus, is_overdue


def outstanding(session: Session, panel_id: uuid.UUID, held_on: date,
                nation: str) -> list[OutstandingAction]:
    """Every action still open from the panel's earlier meetings (before `held_on`), by case,
    with its owner; overdue as on the meeting's day in the panel's calendar `nation` (so the
    agenda does not change overnight)."""
    return [OutstandingAction(
        action_id=a.id, case_id=a.case_id, owner_agency_id=a.owner_agency_id,
        owner_agency=a.owner_agency or "", category=ActionCategory(a.category),
        description=a.description, due_on=a.due_on, agreed_at_meeting_id=a.meeting_id,
        overdue=is_overdue(ActionStatus(a.status), a.due_on, held_on, nation))
        for a in repository.outstanding(session, panel_id, held_on)]


def agreed_at(session: Session, meeting_id: uuid.UUID, held_on: date) -> list[ActionRead]:
    """The action plan agreed at the meeting; overdue as on the meeting's day (`held_on`)."""
    return service.present(session, repository.agreed_at(session, meeting_id), held_on)


def updates_at(session: Session, meeting_id: uuid.UUID) -> list[ActionChangeRead]:
    """Each update given at the meeting (progress, closing, re-assignment)."""
    return [ActionChangeRead.model_validate(c)
            for c in repository.changes_at(session, meeting_id)]
