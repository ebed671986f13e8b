"""Building and publishing a meeting's agenda from the cases listed on it."""

import hashlib
import json
import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from api.meetings import repository
from api.meetings.agenda_schemas import (
    AgendaCase,
    AgendaRead,
    AgendaSection,
    Notification,
    PersonSummary,
    PublicationRead,
)
from api.meetings.models import AgendaPublication, Hearing, Meeting, MeetingStatus
from api.meetings.problems import AgendaUnchanged, MeetingCancelled, NotMembers
from api.people.models import Person, PersonRole
from api.referrals.models import Referral
from api.sharing.disclosure import Basis, DisclosureMethod, record_disclosure, require_basis
from domain import agenda as rules
from domain.windows import flag_expires_on


def build(session: Session, meeting: Meeting) -> list[AgendaSection]:
    """SafeLives order: introductions, confidentiality, actions, cases (children first), 12-month
    notifications, any other business."""
    cases = case_summaries(session, repository.agenda_hearings(session, meeting.id))
    ordered = rules.order_cases(rules.AgendaCase(c, c.referral_date, bool(c.children))
                                for c in cases)
    by_kind = {rules.Section.CASES_WITH_CHILDREN: [c.key for c in ordered[0]],
               rules.Section.ADULT_ONLY_CASES: [c.key for c in ordered[1]]}
    notes = notifications(session, meeting)
    return [AgendaSection(kind=kind, cases=by_kind.get(kind, []),  # type: ignore[arg-type]
                          notifications=notes if kind is _NOTIFY else [])
            for kind in rules.AGENDA_ORDER]


_NOTIFY = rules.Section.TWELVE_MONTH_NOTIFICATIONS


def case_summaries(session: Session, hearings: list[Hearing]) -> list[AgendaCase]:
    """Minimal case summaries (agenda and minutes alike)."""
    ids = [h.referral_id for h in hearings]
    referrals = repository.referrals_by_id(session, ids)
    people: dict[uuid.UUID, list[Person]] = {}
    for person in repository.people_of(session, ids):
        people.setdefault(person.referral_id, []).append(person)
    agencies = repository.agency_names(session, {r.agency_id for r in referrals.values()})
    return [_case(h, referrals[h.referral_id], people.get(h.referral_id, []), agencies)
            for h in hearings]


def _case(hearing: Hearing, referral: Referral, people: list[Person],
          agencies: dict[uuid.UUID, str]) -> AgendaCase:
    def of(role: PersonRole) -> list[PersonSummary]:
        return [PersonSummary.model_validate(rules.minimal_details(vars(p)))
                for p in people if p.role is role]

    victims = of(PersonRole.victim)
    return AgendaCase(
        hearing_id=hearing.id, case_id=hearing.case_id, referral_id=hearing.referral_id,
        referral_date=hearing.referral_date, repeat=referral.is_repeat,
        late_addition=hearing.late_addition,
        referring_agency=agencies.get(referral.agency_id, ""),
        victim=victims[0] if victims else None, perpetrators=of(PersonRole.perpetrator),
        children=of(PersonRole.child))


def notifications(session: Session, meeting: Meeting) -> list[Notification]:
    following = repository.next_meeting(session, meeting)
    after = following.held_on if following else None
    # A flag ending at this meeting started a year and a day or so before it at most.
    since = meeting.held_on - timedelta(days=367)
    return [Notification(case_id=c.id, last_heard_on=c.last_heard_on,
                         flagged_until=flag_expires_on(c.last_heard_on))
            for c in repository.heard_cases_since(session, meeting.panel_id, since)
            if c.last_heard_on and rules.notification_due(c.last_heard_on, meeting.held_on,
                                                          after)]


def digest(sections: list[Any]) -> str:
    """A fingerprint of a document's content: an unchanged one is not circulated twice."""
    content = json.dumps([s.model_dump(mode="json") for s in sections], sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()


def read(session: Session, meeting: Meeting) -> AgendaRead:
    sections = build(session, meeting)
    published = repository.publications(session, meeting.id)
    last = published[-1] if published else None
    return AgendaRead(
        meeting_id=meeting.id, held_on=meeting.held_on, agenda_due=meeting.agenda_due,
        sections=sections, published=PublicationRead.model_validate(last) if last else None,
        changed_since_published=last is not None and last.content_sha256 != digest(sections))


def publish(session: Session, meeting: Meeting, agency_ids: list[uuid.UUID] | None,
            today: date, by: uuid.UUID) -> AgendaPublication:
    """Records a new version; publishing an unchanged agenda again is refused."""
    if meeting.status is MeetingStatus.cancelled:
        raise MeetingCancelled("This meeting is cancelled.")
    members = repository.member_agencies(session, meeting.panel_id)
    chosen = set(agency_ids) if agency_ids is not None else members
    if not chosen or chosen - members:
        raise NotMembers("Publish to one or more of the panel's member agencies only.")
    sections = build(session, meeting)
    bases = require_basis(session, [c.case_id for s in sections for c in s.cases])
    content = digest(sections)
    published = repository.publications(session, meeting.id)
    if published and published[-1].content_sha256 == content:
        raise AgendaUnchanged("This agenda is already published and has not changed since.")
    cases = [str(c.case_id) for s in sections for c in s.cases]
    publication = AgendaPublication(
        meeting_id=meeting.id, document="agenda", version=len(published) + 1, published_on=today,
        published_by_id=by, late=rules.published_late(today, meeting.agenda_due),
        agency_ids=sorted(str(a) for a in chosen), case_ids=cases, content_sha256=content)
    session.add(publication)
    session.flush()
    log_circulation(session, publication, bases, DisclosureMethod.agenda)
    return publication


def log_circulation(session: Session, publication: AgendaPublication,
                    bases: dict[uuid.UUID, Basis], method: DisclosureMethod) -> None:
    """One disclosure-log entry per case per recipient agency, naming the basis it rests on."""
    for case_id, basis in bases.items():
        for agency_id in publication.agency_ids:
            record_disclosure(session, case_id=case_id, agency_id=uuid.UUID(agency_id),
                              method=method, basis=basis, source_id=publication.id,
                              disclosed_by_id=publication.published_by_id,
                              at=publication.published_at)
    session.flush()
