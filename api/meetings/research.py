"""Research before the meeting: each invited agency's form per case on the published agenda."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db import utcnow
from api.meetings import repository
from api.meetings.models import Hearing, Meeting, ResearchForm
from api.meetings.problems import NotInvited
from api.meetings.research_schemas import (
    ResearchOverview,
    ResearchRead,
    ResearchStatus,
    ResearchSubmit,
)
from api.problems import NotFound


def _invited(session: Session, meeting: Meeting) -> tuple[set[str], set[str]]:
    """Agencies and cases of the latest published agenda (nothing before it is published)."""
    published = repository.publications(session, meeting.id)
    if not published:
        return set(), set()
    return set(published[-1].agency_ids), set(published[-1].case_ids)


def submit(session: Session, meeting: Meeting, hearing_id: uuid.UUID, agency_id: uuid.UUID,
           body: ResearchSubmit, by: uuid.UUID) -> ResearchForm:
    """Records (or replaces) the agency's form; an agency not invited is refused."""
    hearing = hearing_on(session, meeting, hearing_id)
    agencies, cases = _invited(session, meeting)
    if str(agency_id) not in agencies or str(hearing.case_id) not in cases:
        raise NotInvited("Your agency was not sent this case on the published agenda.")
    form = session.scalar(select(ResearchForm).where(
        ResearchForm.hearing_id == hearing.id, ResearchForm.agency_id == agency_id)
        .with_for_update())
    if form is None:
        form = ResearchForm(meeting_id=meeting.id, hearing_id=hearing.id, agency_id=agency_id)
        session.add(form)
    form.nothing_held = body.nothing_held
    form.content = body.content.model_dump(mode="json")
    form.submitted_by_id, form.submitted_at = by, utcnow()
    session.flush()
    return form


def hearing_on(session: Session, meeting: Meeting, hearing_id: uuid.UUID) -> Hearing:
    hearing = session.get(Hearing, hearing_id)
    if hearing is None or hearing.meeting_id != meeting.id:
        raise NotFound("No such case on this meeting.")
    return hearing


def overview(session: Session, meeting: Meeting, agency_id: uuid.UUID,
             see_all_status: bool, hearing_id: uuid.UUID | None = None) -> ResearchOverview:
    """Who has submitted (for the coordinator); each agency reads only its own forms. With
    `hearing_id`, only that case's."""
    agencies, cases = _invited(session, meeting)
    query = select(ResearchForm).where(ResearchForm.meeting_id == meeting.id)
    if hearing_id is not None:
        query = query.where(ResearchForm.hearing_id == hearing_id)
    forms = list(session.scalars(query))
    done = {(str(f.hearing_id), str(f.agency_id)) for f in forms}
    hearings = [h for h in repository.agenda_hearings(session, meeting.id)
                if str(h.case_id) in cases and hearing_id in (None, h.id)]
    status = [ResearchStatus(hearing_id=h.id, case_id=h.case_id, agency_id=uuid.UUID(a),
                             submitted=(str(h.id), a) in done)
              for h in hearings for a in sorted(agencies)] if see_all_status else []
    own = [ResearchRead.model_validate(f) for f in forms if f.agency_id == agency_id]
    return ResearchOverview(items=status, own_forms=own)
