"""Scheduling accepted referrals onto meetings, releasing them when a meeting goes, and late
additions (after the cut-off) that need both the coordinator's and the chair's agreement."""

from datetime import date

from sqlalchemy.orm import Session

from api.db import utcnow
from api.meetings import calendar, repository
from api.meetings.models import Hearing, HearingStatus, Meeting, MeetingStatus
from api.meetings.problems import HearingClosed, MeetingCancelled, MeetingStarted, NotLate
from api.panels.models import Panel
from api.security.principal import Principal, Role
from api.sharing.disclosure import MissingBasis, bases_of, require_basis
from domain.meeting_calendar import hearing_deadline
from domain.meeting_cycle import needs_late_agreement, place_case

AWAITING_BASIS = "awaiting-sharing-basis"


def schedule(session: Session, panel: Panel, today: date) -> list[Hearing]:
    """Opens a hearing for every newly accepted referral, then places every waiting one on the
    first open meeting whose cut-off it meets; those left carry the domain's warning."""
    rules = calendar.rules_of(panel)
    for referral in repository.unscheduled_referrals(session, panel.id):
        assert referral.case_id is not None  # the query asks for accepted, case-bearing ones
        session.add(Hearing(
            panel_id=panel.id, case_id=referral.case_id, referral_id=referral.id,
            referral_date=referral.referral_date, status=HearingStatus.waiting,
            hearing_deadline=hearing_deadline(referral.referral_date, rules)))
    session.flush()
    open_meetings = repository.open_meetings(session, panel.id, today)
    _release_without_basis(session, open_meetings)
    meetings = {calendar.listed(m): m for m in open_meetings}
    waiting = repository.waiting_hearings(session, panel.id)
    bases = bases_of(session, [h.case_id for h in waiting])
    for hearing in waiting:
        if isinstance(bases[hearing.case_id], MissingBasis):
            hearing.warning = AWAITING_BASIS  # the gate: no agenda without a basis to share
            continue
        ready_on = max(hearing.referral_date, today)
        placement = place_case(ready_on, hearing.hearing_deadline, meetings)
        hearing.warning = placement.warning.value if placement.warning else None
        if placement.meeting is not None:
            hearing.meeting_id = meetings[placement.meeting].id
            hearing.status = HearingStatus.listed
    session.flush()
    return waiting


def _release_without_basis(session: Session, meetings: list[Meeting]) -> None:
    """A case whose basis went (a decision withdrawn, consent refused) leaves the agendas not
    yet held; it waits, warned, until a basis is recorded."""
    listed = [h for m in meetings for h in repository.hearings_on(session, m.id)]
    bases = bases_of(session, [h.case_id for h in listed])
    for hearing in listed:
        if isinstance(bases[hearing.case_id], MissingBasis):
            hearing.status, hearing.meeting_id = HearingStatus.waiting, None
            hearing.late_addition, hearing.warning = False, AWAITING_BASIS
    session.flush()


def release(session: Session, meeting: Meeting) -> None:
    """A moved or cancelled meeting's cases go back to wait; nothing about them is lost."""
    for hearing in repository.hearings_on(session, meeting.id):
        hearing.status = HearingStatus.waiting
        hearing.meeting_id = None
        hearing.late_addition = False


def agree_late_addition(session: Session, principal: Principal, hearing: Hearing,
                        meeting: Meeting, today: date) -> None:
    """Records the caller's agreement (as coordinator, or as chair); with both, the case is
    listed on the meeting as a late addition. Agreement for another meeting starts afresh."""
    _require_open(hearing, meeting, today)
    require_basis(session, [hearing.case_id])
    if not needs_late_agreement(max(hearing.referral_date, today), calendar.listed(meeting)):
        raise NotLate("The meeting's cut-off has not passed: schedule the case instead.")
    if hearing.late_meeting_id != meeting.id:
        hearing.late_meeting_id = meeting.id
        hearing.coordinator_agreed_by = hearing.chair_agreed_by = None
        hearing.coordinator_agreed_at = hearing.chair_agreed_at = None
    roles = principal.panel_roles.get(hearing.panel_id, frozenset())
    now = utcnow()
    if Role.coordinator in roles:
        hearing.coordinator_agreed_by, hearing.coordinator_agreed_at = principal.subject_id, now
    if Role.chair in roles:
        hearing.chair_agreed_by, hearing.chair_agreed_at = principal.subject_id, now
    if hearing.coordinator_agreed_by and hearing.chair_agreed_by:
        hearing.status, hearing.meeting_id = HearingStatus.listed, meeting.id
        hearing.late_addition, hearing.warning = True, None
    session.flush()


def _require_open(hearing: Hearing, meeting: Meeting, today: date) -> None:
    if meeting.status is MeetingStatus.cancelled:
        raise MeetingCancelled("This meeting is cancelled.")
    if meeting.status is not MeetingStatus.listed or meeting.held_on < today:
        raise MeetingStarted("This meeting has started; it takes no more late additions.")
    if hearing.status not in (HearingStatus.waiting, HearingStatus.listed):
        raise HearingClosed("This case is not waiting to be heard.")
    if hearing.meeting_id == meeting.id:
        raise HearingClosed("This case is already on that meeting.")
