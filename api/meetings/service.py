"""Use cases for panel settings and meetings; routes check who may, services never commit."""

import uuid
from datetime import date

from sqlalchemy.orm import Session

from api.meetings import calendar, repository, scheduling
from api.meetings.models import Meeting, MeetingKind, MeetingStatus
from api.meetings.problems import DATE_PROBLEMS, DateTaken, MeetingCancelled, MeetingStarted
from api.meetings.schemas import (
    EveryOtherWeekRule,
    MeetingCreate,
    MeetingSeriesCreate,
    PanelSettingsUpdate,
    SkippedDate,
)
from api.panels.models import Panel
from api.problems import FieldError, ValidationFailed
from domain.meeting_dates import EveryOtherWeek, NthWeekday, meeting_date_issue, meeting_series

_SETTING_COLUMNS = {"subdivision": "bank_holiday_region", "hearing_weeks": "hearing_deadline_weeks"}


def update_settings(panel: Panel, body: PanelSettingsUpdate) -> None:
    for field, value in body.model_dump(exclude_unset=True).items():
        if value is None:
            raise ValidationFailed("A setting cannot be cleared.", errors=[
                FieldError(pointer=f"/body/{field}", detail="send a value or leave it out")])
        setattr(panel, _SETTING_COLUMNS.get(field, field), value)
    calendar.rules_of(panel)  # the domain refuses a combination it cannot count with


def add(session: Session, panel: Panel, body: MeetingCreate, today: date,
        created_by: uuid.UUID) -> Meeting:
    rules = calendar.rules_of(panel)
    if body.emergency and not body.emergency_reason:
        raise ValidationFailed("An emergency meeting needs its reason.", errors=[
            FieldError(pointer="/body/emergency_reason", detail="required for an emergency")])
    calendar.check_date(body.held_on, today, rules, emergency=body.emergency)
    if body.held_on in repository.listed_dates(session, panel.id):
        raise DateTaken(f"A meeting is already listed on {body.held_on}.")
    meeting = Meeting(panel_id=panel.id, status=MeetingStatus.listed, created_by_id=created_by,
                      kind=MeetingKind.emergency if body.emergency else MeetingKind.regular,
                      emergency_reason=body.emergency_reason if body.emergency else None)
    calendar.set_date(meeting, body.held_on, rules)
    session.add(meeting)
    session.flush()
    return meeting


def add_series(session: Session, panel: Panel, body: MeetingSeriesCreate, today: date,
               created_by: uuid.UUID) -> tuple[list[Meeting], list[SkippedDate]]:
    """Lists the year's dates; a date already listed or no longer possible is skipped, so a
    repeated request adds nothing twice."""
    rules = calendar.rules_of(panel)
    rule = body.rule
    series_rule = (EveryOtherWeek(rule.first) if isinstance(rule, EveryOtherWeekRule)
                   else NthWeekday(rule.weekday, rule.nth))
    taken = repository.listed_dates(session, panel.id)
    made, skipped = [], []
    for when in meeting_series(series_rule, body.year, rules):
        issue = meeting_date_issue(when.held_on, today, rules)
        why = DATE_PROBLEMS[issue].type_uri() if issue else None
        if why is None and when.held_on in taken:
            why = DateTaken.type_uri()
        if why is not None:
            skipped.append(SkippedDate(planned=when.planned, held_on=when.held_on, why=why))
            continue
        meeting = Meeting(panel_id=panel.id, status=MeetingStatus.listed,
                          kind=MeetingKind.regular, created_by_id=created_by)
        calendar.set_date(meeting, when.held_on, rules)
        taken.add(when.held_on)
        made.append(meeting)
    session.add_all(made)
    session.flush()
    return made, skipped


def _require_changeable(meeting: Meeting, today: date) -> None:
    if meeting.status is MeetingStatus.cancelled:
        raise MeetingCancelled("This meeting is cancelled.")
    if meeting.status is not MeetingStatus.listed or meeting.held_on <= today:
        raise MeetingStarted("This meeting has started; it can no longer be moved or cancelled.")


def move(session: Session, panel: Panel, meeting: Meeting, held_on: date, reason: str,
         today: date) -> None:
    """Moves the meeting; its cases go back to be scheduled (the moved date may take them)."""
    _require_changeable(meeting, today)
    rules = calendar.rules_of(panel)
    calendar.check_date(held_on, today, rules, emergency=meeting.kind is MeetingKind.emergency)
    if held_on != meeting.held_on and held_on in repository.listed_dates(session, panel.id):
        raise DateTaken(f"A meeting is already listed on {held_on}.")
    meeting.moved_from = meeting.moved_from or meeting.held_on
    meeting.move_reason = reason
    calendar.set_date(meeting, held_on, rules)
    scheduling.release(session, meeting)
    session.flush()
    scheduling.schedule(session, panel, today)


def cancel(session: Session, panel: Panel, meeting: Meeting, reason: str, today: date) -> None:
    """Cancels the meeting; its cases go back to be scheduled on the meetings still listed."""
    _require_changeable(meeting, today)
    meeting.status = MeetingStatus.cancelled
    meeting.cancel_reason = reason
    scheduling.release(session, meeting)
    session.flush()
    scheduling.schedule(session, panel, today)
