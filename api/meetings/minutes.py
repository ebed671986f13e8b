"""Minutes, built from the meeting record; circulated like the agenda, overdue made visible."""

import uuid
from datetime import date
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from api.actions import published as actions_published
from api.actions.schemas import ActionRead
from api.meetings import agenda, conduct, repository
from api.meetings.agenda_schemas import PublicationRead
from api.meetings.minutes_schemas import MinutesCase, MinutesRead
from api.meetings.models import AgendaPublication, Meeting
from api.meetings.problems import AgendaUnchanged, NotMembers
from api.meetings.repository import DocumentMeeting
from api.people.perpetrators import refuse_perpetrator_recipients
from api.sharing.disclosure import DisclosureMethod, require_basis
from domain.agenda import published_late

# One validation of the whole list of cases (in pydantic-core), from plain dicts.
_CASES = TypeAdapter(list[MinutesCase])


def _cases(session: Session, meeting: DocumentMeeting) -> list[dict[str, Any]]:
    """Each case heard, with its discussion and action plan, and each deferred, with the
    reason (MinutesCase's fields)."""
    # Overdue as on the meeting's day: the minutes' content does not change overnight.
    plan: dict[uuid.UUID, list[ActionRead]] = {}
    for action in actions_published.agreed_at(session, meeting.id, meeting.held_on):
        plan.setdefault(action.case_id, []).append(action)
    discussions = {d.hearing_id: d for d in repository.discussions(session, meeting.id)}
    deferred = dict(repository.deferral_reasons(session, meeting.id))
    summaries = agenda.case_summaries(repository.minutes_case_rows(session, meeting.id))
    return [_heard(c, discussions[c["hearing_id"]], plan.get(c["case_id"], []))
            if c["hearing_id"] in discussions else
            {"summary": c, "outcome": "deferred", "deferral_reason": deferred[c["hearing_id"]]}
            for c in sorted(summaries, key=lambda c: (c["referral_date"], str(c["hearing_id"])))]


def _heard(summary: dict[str, Any], discussion: Any,
           actions: list[ActionRead]) -> dict[str, Any]:
    # By position (repository.discussions' columns): cheaper than a row's attribute lookups.
    discussion_id, _, presentation, shared, risks, views, lead, updater = discussion
    return {"summary": summary, "outcome": "heard", "discussion_id": discussion_id,
            "referrer_presentation": presentation, "shared": shared, "risks": risks,
            "victim_views": views, "lead_agency_id": lead, "victim_updater": updater,
            "actions": actions}


def read(session: Session, meeting: DocumentMeeting, today: date) -> MinutesRead:
    people = [a._asdict() for a in repository.attendance_rows(session, meeting.id)]
    last = meeting.last
    return MinutesRead.model_validate({
        "meeting_id": meeting.id, "held_on": meeting.held_on,
        "minutes_due": meeting.minutes_due,
        "overdue": last is None and published_late(today, meeting.minutes_due),
        "attendance": [a for a in people if not a["apologies"]],
        "apologies": [a for a in people if a["apologies"]], "cases": _cases(session, meeting),
        "notifications": agenda.notifications(session, meeting),
        "action_updates": actions_published.updates_at(session, meeting.id),
        "circulated": PublicationRead.model_validate(last) if last else None})


def circulate(session: Session, meeting: Meeting, agency_ids: list[uuid.UUID] | None,
              today: date, by: uuid.UUID) -> AgendaPublication:
    """Records a circulation of the minutes; an unchanged version is not circulated twice."""
    conduct.require_held(meeting, today)
    members = repository.member_agencies(session, meeting.panel_id)
    chosen = set(agency_ids) if agency_ids is not None else members
    if not chosen or chosen - members:
        raise NotMembers("Circulate to one or more of the panel's member agencies only.")
    document = repository.document_meeting(session, meeting.id, "minutes")
    cases = _CASES.validate_python(_cases(session, document))
    bases = require_basis(session, [c.summary.case_id for c in cases])
    refuse_perpetrator_recipients(session, meeting.panel_id, chosen,
                                  [c.summary.case_id for c in cases])
    updates = actions_published.updates_at(session, meeting.id)
    content = agenda.digest([*cases, *updates])
    last = document.last
    if last and last.content_sha256 == content:
        raise AgendaUnchanged("These minutes are already circulated and unchanged since.")
    row = AgendaPublication(
        meeting_id=meeting.id, document="minutes", version=last.version + 1 if last else 1,
        published_on=today, published_by_id=by, late=published_late(today, meeting.minutes_due),
        agency_ids=sorted(str(a) for a in chosen), case_ids=[], content_sha256=content)
    session.add(row)
    session.flush()
    agenda.log_circulation(session, row, bases, DisclosureMethod.minutes)
    return row
