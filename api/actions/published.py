"""What the meeting cycle reads of the action plan (its agenda and minutes), published here so
the meetings feature imports this and the schemas, never the actions feature's internals."""

from sqlalchemy.orm import Session

from api.actions import repository, service
from api.actions.schemas import ActionChangeRead, ActionRead, OutstandingAction
from api.meetings.models import Meeting
from domain.actions import ActionCategory, ActionStatus, is_overdue


def outstanding(session: Session, meeting: Meeting) -> list[OutstandingAction]:
    """Every action still open from the panel's earlier meetings, by case, with its owner;
    overdue as on the meeting's day (so the agenda does not change overnight)."""
    rows = repository.outstanding(session, meeting.panel_id, meeting.held_on)
    names = repository.names_for(session, rows)
    nation = repository.subdivisions(session, {meeting.panel_id}).get(meeting.panel_id, "ENG")
    return [OutstandingAction(
        action_id=a.id, case_id=a.case_id, owner_agency_id=a.owner_agency_id,
        owner_agency=names.get(a.owner_agency_id, ""), category=ActionCategory(a.category),
        description=a.description, due_on=a.due_on, agreed_at_meeting_id=a.meeting_id,
        overdue=is_overdue(ActionStatus(a.status), a.due_on, meeting.held_on, nation))
        for a in rows]


def agreed_at(session: Session, meeting: Meeting) -> list[ActionRead]:
    """The action plan agreed at the meeting; overdue as on the meeting's day."""
    return service.present(session, repository.agreed_at(session, meeting.id), meeting.held_on)


def updates_at(session: Session, meeting: Meeting) -> list[ActionChangeRead]:
    """Each update given at the meeting (progress, closing, re-assignment)."""
    return [ActionChangeRead.model_validate(c)
            for c in repository.changes_at(session, meeting.id)]
