"""Updates to the meeting record: attendees' arrival and departure times, the IDVA's account of
the victim's views on a discussed case; the deferrals kept for the minutes."""

import uuid
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.meetings import problems as mp
from api.meetings.conduct import require_held
from api.meetings.models import Attendance, Deferral, Discussion, Meeting
from api.problems import NotFound


def attendee(session: Session, meeting: Meeting, attendance_id: uuid.UUID) -> Attendance:
    row = session.get(Attendance, attendance_id, with_for_update=True)
    if row is None or row.meeting_id != meeting.id:
        raise NotFound("No such attendance record at this meeting.")
    return row


def set_times(meeting: Meeting, row: Attendance, arrived: datetime | None,
              departed: datetime | None, today: date) -> None:
    """Arrival and departure where given (others kept); apologies have neither."""
    require_held(meeting, today)
    if row.apologies:
        raise mp.NotAttending("This attendance record is apologies: nobody arrived or left.")
    arrived, departed = arrived or row.arrived_at, departed or row.departed_at
    if arrived is not None and departed is not None and departed < arrived:
        raise mp.DepartureBeforeArrival("The departure time is before the arrival time.")
    row.arrived_at, row.departed_at = arrived, departed


def discussion(session: Session, meeting: Meeting, discussion_id: uuid.UUID, *,
               for_update: bool = False) -> Discussion:
    row = session.get(Discussion, discussion_id, with_for_update=for_update)
    if row is None or row.meeting_id != meeting.id:
        raise NotFound("No such discussion at this meeting.")
    return row


def record_views(meeting: Meeting, row: Discussion, views: str, today: date) -> None:
    """The IDVA's account of the victim's views replaces any recorded before."""
    require_held(meeting, today)
    row.victim_views = views


def deferrals(session: Session, meeting_id: uuid.UUID) -> list[Deferral]:
    return list(session.scalars(select(Deferral).where(Deferral.meeting_id == meeting_id)
                                .order_by(Deferral.deferred_at, Deferral.id)))
