"""Minutes, built from the meeting record; circulated like the agenda, overdue made visible."""

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.meetings import agenda, conduct, repository
from api.meetings.agenda_schemas import PublicationRead
from api.meetings.conduct_schemas import AttendanceRead
from api.meetings.minutes_schemas import MinutesCase, MinutesRead
from api.meetings.models import AgendaPublication, Discussion, Hearing, Meeting
from api.meetings.problems import AgendaUnchanged, NotMembers
from api.people.perpetrators import refuse_perpetrator_recipients
from api.sharing.disclosure import DisclosureMethod, require_basis
from domain.agenda import published_late


def _cases(session: Session, meeting: Meeting) -> list[MinutesCase]:
    discussions = {d.hearing_id: d for d in session.scalars(
        select(Discussion).where(Discussion.meeting_id == meeting.id))}
    hearings = list(session.scalars(select(Hearing).where(Hearing.id.in_(list(discussions)))))
    summaries = {c.hearing_id: c for c in agenda.case_summaries(session, hearings)}
    return [MinutesCase(summary=summaries[h.id], outcome="heard",
                        referrer_presentation=discussions[h.id].referrer_presentation,
                        shared=discussions[h.id].shared, risks=discussions[h.id].risks,
                        victim_views=discussions[h.id].victim_views,
                        lead_agency_id=discussions[h.id].lead_agency_id,
                        victim_updater=discussions[h.id].victim_updater)
            for h in sorted(hearings, key=lambda h: (h.referral_date, str(h.id)))]


def read(session: Session, meeting: Meeting, today: date) -> MinutesRead:
    people = [AttendanceRead.model_validate(a) for a in conduct.attendance(session, meeting.id)]
    circulated = repository.publications(session, meeting.id, "minutes")
    last = circulated[-1] if circulated else None
    return MinutesRead(
        meeting_id=meeting.id, held_on=meeting.held_on, minutes_due=meeting.minutes_due,
        overdue=last is None and published_late(today, meeting.minutes_due),
        attendance=[a for a in people if not a.apologies],
        apologies=[a for a in people if a.apologies], cases=_cases(session, meeting),
        notifications=agenda.notifications(session, meeting),
        circulated=PublicationRead.model_validate(last) if last else None)


def circulate(session: Session, meeting: Meeting, agency_ids: list[uuid.UUID] | None,
              today: date, by: uuid.UUID) -> AgendaPublication:
    """Records a circulation of the minutes; an unchanged version is not circulated twice."""
    conduct.require_held(meeting, today)
    members = repository.member_agencies(session, meeting.panel_id)
    chosen = set(agency_ids) if agency_ids is not None else members
    if not chosen or chosen - members:
        raise NotMembers("Circulate to one or more of the panel's member agencies only.")
    cases = _cases(session, meeting)
    bases = require_basis(session, [c.summary.case_id for c in cases])
    refuse_perpetrator_recipients(session, meeting.panel_id, chosen,
                                  [c.summary.case_id for c in cases])
    content = agenda.digest(cases)
    done = repository.publications(session, meeting.id, "minutes")
    if done and done[-1].content_sha256 == content:
        raise AgendaUnchanged("These minutes are already circulated and unchanged since.")
    row = AgendaPublication(
        meeting_id=meeting.id, document="minutes", version=len(done) + 1, published_on=today,
        published_by_id=by, late=published_late(today, meeting.minutes_due),
        agency_ids=sorted(str(a) for a in chosen), case_ids=[], content_sha256=content)
    session.add(row)
    session.flush()
    agenda.log_circulation(session, row, bases, DisclosureMethod.minutes)
    return row
