"""Minutes, built from the meeting record; circulated like the agenda, overdue made visible."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from api.actions import published as actions_published
from api.actions.schemas import ActionRead
from api.meetings import agenda, conduct, repository
from api.meetings.agenda_schemas import AgendaCase, PublicationRead
from api.meetings.conduct_schemas import AttendanceRead
from api.meetings.minutes_schemas import MinutesCase, MinutesRead
from api.meetings.models import AgendaPublication, Meeting
from api.meetings.problems import AgendaUnchanged, NotMembers
from api.people.perpetrators import refuse_perpetrator_recipients
from api.sharing.disclosure import DisclosureMethod, require_basis
from domain.agenda import published_late


def _cases(session: Session, meeting: Meeting) -> list[MinutesCase]:
    """Each case heard, with its discussion and action plan, and each deferred, with the
    reason."""
    # Overdue as on the meeting's day: the minutes' content does not change overnight.
    plan: dict[uuid.UUID, list[ActionRead]] = {}
    for action in actions_published.agreed_at(session, meeting):
        plan.setdefault(action.case_id, []).append(action)
    discussions = {d.hearing_id: d for d in repository.discussions(session, meeting.id)}
    deferred = dict(repository.deferral_reasons(session, meeting.id))
    summaries = agenda.case_summaries(
        repository.hearing_case_rows(session, [*discussions, *deferred]))
    return [_heard(c, discussions[c.hearing_id], plan.get(c.case_id, []))
            if c.hearing_id in discussions else
            MinutesCase(summary=c, outcome="deferred", deferral_reason=deferred[c.hearing_id])
            for c in sorted(summaries, key=lambda c: (c.referral_date, str(c.hearing_id)))]


def _heard(summary: AgendaCase, discussion: Any,
           actions: list[ActionRead]) -> MinutesCase:
    return MinutesCase(summary=summary, outcome="heard", discussion_id=discussion.id,
                       referrer_presentation=discussion.referrer_presentation,
                       shared=discussion.shared, risks=discussion.risks,
                       victim_views=discussion.victim_views,
                       lead_agency_id=discussion.lead_agency_id,
                       victim_updater=discussion.victim_updater, actions=actions)


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
        action_updates=actions_published.updates_at(session, meeting),
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
    updates = actions_published.updates_at(session, meeting)
    content = agenda.digest([*cases, *updates])
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
