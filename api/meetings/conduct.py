"""The meeting itself: attendance, declarations, each case's discussion, and deferral."""

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.db import utcnow
from api.meetings import problems as mp
from api.meetings import repository
from api.meetings.conduct_schemas import AttendanceCreate, DiscussionCreate
from api.meetings.models import (
    Attendance,
    Deferral,
    Discussion,
    Hearing,
    HearingStatus,
    Meeting,
    MeetingStatus,
)
from domain.meeting_conduct import not_yet_declared


def require_held(meeting: Meeting, today: date) -> None:
    if meeting.status is MeetingStatus.cancelled:
        raise mp.MeetingCancelled("This meeting is cancelled.")
    if meeting.held_on > today:
        raise mp.NotYetHeld(f"This meeting is held on {meeting.held_on}.")


def attend(session: Session, meeting: Meeting, body: AttendanceCreate, today: date,
           by: uuid.UUID) -> Attendance:
    """Recording the first attendance starts the meeting (it can no longer be moved)."""
    require_held(meeting, today)
    if body.agency_id not in repository.member_agencies(session, meeting.panel_id):
        raise mp.NotAMember("That agency is not a member of this panel.")
    row = Attendance(meeting_id=meeting.id, recorded_by_id=by, **body.model_dump())
    if not body.apologies and row.arrived_at is None:
        row.arrived_at = utcnow()
    meeting.status = MeetingStatus.started
    session.add(row)
    session.flush()
    return row


def attendance(session: Session, meeting_id: uuid.UUID) -> list[Attendance]:
    return list(session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)
                                .order_by(Attendance.arrived_at, Attendance.id)))


def declare(session: Session, meeting: Meeting, attendance_id: uuid.UUID) -> Attendance:
    row = session.get(Attendance, attendance_id, with_for_update=True)
    if row is None or row.meeting_id != meeting.id or row.apologies:
        raise mp.NotAttending("That attendance record is not someone present at this meeting.")
    if row.declared_at is not None:
        raise mp.AlreadyDeclared("This attendee has already signed.")
    row.declared_at = utcnow()
    session.flush()
    return row


def _listed_here(session: Session, meeting: Meeting, hearing_id: uuid.UUID) -> Hearing:
    hearing = session.get(Hearing, hearing_id, with_for_update=True)
    if hearing is None or hearing.meeting_id != meeting.id or \
            hearing.status is not HearingStatus.listed:
        raise mp.NotOnMeeting("That case is not waiting to be heard at this meeting.")
    return hearing


def discuss(session: Session, meeting: Meeting, body: DiscussionCreate, today: date,
            by: uuid.UUID) -> Discussion:
    """Refused until everyone present has signed; hearing the case renews its 12-month flag."""
    require_held(meeting, today)
    present = [a for a in attendance(session, meeting.id)
               if not a.apologies and a.departed_at is None]
    missing = not_yet_declared([a.id for a in present],
                               [a.id for a in present if a.declared_at is not None])
    if not present or missing:
        unsigned = ", ".join(str(m) for m in missing) or "nobody is recorded as present"
        raise mp.DeclarationsOutstanding(f"Not yet signed: {unsigned}.")
    hearing = _listed_here(session, meeting, body.hearing_id)
    members = repository.member_agencies(session, meeting.panel_id)
    if body.lead_agency_id not in members or any(s.agency_id not in members for s in body.shared):
        raise mp.NotAMember("Lead and sharing agencies must be members of this panel.")
    hearing.status = HearingStatus.heard
    case = session.get(Case, hearing.case_id, with_for_update=True)
    assert case is not None  # a hearing's case is deleted with it
    case.last_heard_on = max(case.last_heard_on or meeting.held_on, meeting.held_on)
    row = Discussion(meeting_id=meeting.id, case_id=hearing.case_id, recorded_by_id=by,
                     **body.model_dump(mode="json") | {"hearing_id": hearing.id,
                                                        "lead_agency_id": body.lead_agency_id})
    session.add(row)
    session.flush()
    return row


def defer(session: Session, meeting: Meeting, hearing_id: uuid.UUID, reason: str,
          by: uuid.UUID) -> Hearing:
    """Deferred to the next listed meeting (or back to wait, with a warning, if none); this
    meeting keeps the deferral and its reason for its minutes."""
    hearing = _listed_here(session, meeting, hearing_id)
    following = repository.next_meeting(session, meeting)
    hearing.deferral_reason = reason
    hearing.status = HearingStatus.listed if following else HearingStatus.waiting
    hearing.meeting_id = following.id if following else None
    if following is None:
        hearing.warning = "no-meeting-listed"
    elif following.held_on > hearing.hearing_deadline:
        hearing.warning = "after-hearing-deadline"
    session.add(Deferral(meeting_id=meeting.id, hearing_id=hearing.id, case_id=hearing.case_id,
                         reason=reason, deferred_to_id=hearing.meeting_id, deferred_by_id=by))
    session.flush()
    return hearing
