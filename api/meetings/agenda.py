"""Building and publishing a meeting's agenda from the cases listed on it."""

import hashlib
import json
import uuid
from datetime import date
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from api.actions import published as actions_published
from api.meetings import repository
from api.meetings.agenda_schemas import AgendaRead, AgendaSection, PublicationRead
from api.meetings.models import AgendaPublication, Meeting, MeetingStatus
from api.meetings.problems import AgendaUnchanged, MeetingCancelled, NotMembers
from api.meetings.repository import DocumentMeeting
from api.people.models import PersonRole
from api.people.perpetrators import refuse_perpetrator_recipients
from api.sharing.disclosure import Basis, DisclosureMethod, record_disclosure, require_basis
from domain import agenda as rules
from domain.dates import add_months
from domain.flags import flagged_since
from domain.windows import flag_expires_on

# One validation of a whole document's sections (in pydantic-core), not one per person, case
# and section from Python: the summaries are built as plain dicts first.
_SECTIONS = TypeAdapter(list[AgendaSection])


def build(session: Session, meeting: DocumentMeeting) -> list[AgendaSection]:
    """SafeLives order: introductions, confidentiality, actions, cases (children first), 12-month
    notifications, any other business."""
    cases = {str(c["hearing_id"]): c for c in case_summaries(
        repository.agenda_case_rows(session, meeting.id))}
    # Keyed by the hearing id's text: the order the summaries' own text gave (it begins with
    # the hearing id), without writing out each summary to compare them.
    ordered = rules.order_cases(rules.AgendaCase(key, c["referral_date"], bool(c["children"]))
                                for key, c in cases.items())
    by_kind = {rules.Section.CASES_WITH_CHILDREN: [cases[str(c.key)] for c in ordered[0]],
               rules.Section.ADULT_ONLY_CASES: [cases[str(c.key)] for c in ordered[1]]}
    notes = notifications(session, meeting)
    actions = actions_published.outstanding(session, meeting.panel_id, meeting.held_on,
                                            meeting.nation)
    return _SECTIONS.validate_python([
        {"kind": kind, "cases": by_kind.get(kind, []),
         "notifications": notes if kind is _NOTIFY else [],
         "actions": actions if kind is _ACTIONS else []}
        for kind in rules.AGENDA_ORDER])


_ACTIONS = rules.Section.OUTSTANDING_ACTIONS
_NOTIFY = rules.Section.TWELVE_MONTH_NOTIFICATIONS


# The person columns of repository.SUMMARY_PEOPLE, in its order.
_PERSON = (*rules.SUMMARY_PERSON_FIELDS, "do_not_circulate")


def case_summaries(rows: list[Any]) -> list[dict[str, Any]]:
    """Minimal case summaries (agenda and minutes alike: AgendaCase's fields) from
    repository.*_case_rows (one query); by hearing id."""
    cases: list[dict[str, Any]] = []
    case: dict[str, Any] = {"hearing_id": None}
    # By position, not by name: a row's attribute lookup costs more than all the rest here.
    for hearing_id, case_id, referral_id, referral_date, late, repeat, agency, role, *person \
            in rows:
        if hearing_id != case["hearing_id"]:
            case = {"hearing_id": hearing_id, "case_id": case_id, "referral_id": referral_id,
                    "referral_date": referral_date, "repeat": repeat, "late_addition": late,
                    "referring_agency": agency or "", "victim": None, "perpetrators": [],
                    "children": []}
            cases.append(case)
        if role is None:  # a referral with no one on it
            continue
        details = rules.minimal_details(dict(zip(_PERSON, person, strict=True)))
        if role is PersonRole.victim:
            case["victim"] = case["victim"] or details
        elif role is PersonRole.perpetrator:
            case["perpetrators"].append(details)
        elif role is PersonRole.child:
            case["children"].append(details)
    return cases


def notifications(session: Session, meeting: DocumentMeeting) -> list[dict[str, Any]]:
    """12-month notifications (Notification's fields) due at this meeting."""
    after = meeting.next_held_on
    # Only flags ending from this meeting to the next: the same dates a year earlier bound the
    # hearings (domain.flags), so the query reads a month of heard cases, not a year's.
    since = flagged_since(meeting.held_on)
    before = flagged_since(after or add_months(meeting.held_on, 1))
    return [{"case_id": c.id, "last_heard_on": c.last_heard_on,
             "flagged_until": flag_expires_on(c.last_heard_on)}
            for c in repository.heard_cases_between(session, meeting.panel_id, since, before)
            if c.last_heard_on and rules.notification_due(c.last_heard_on, meeting.held_on,
                                                          after)]


def digest(sections: list[Any]) -> str:
    """A fingerprint of a document's content: an unchanged one is not circulated twice."""
    content = json.dumps([s.model_dump(mode="json") for s in sections], sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()


def read(session: Session, meeting: DocumentMeeting) -> AgendaRead:
    sections = build(session, meeting)
    last = meeting.last
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
    document = repository.document_meeting(session, meeting.id, "agenda")
    sections = build(session, document)
    bases = require_basis(session, [c.case_id for s in sections for c in s.cases])
    refuse_perpetrator_recipients(session, meeting.panel_id, chosen,
                                  [c.case_id for s in sections for c in s.cases])
    content = digest(sections)
    last = document.last
    if last and last.content_sha256 == content:
        raise AgendaUnchanged("This agenda is already published and has not changed since.")
    cases = [str(c.case_id) for s in sections for c in s.cases]
    publication = AgendaPublication(
        meeting_id=meeting.id, document="agenda", version=last.version + 1 if last else 1,
        published_on=today, published_by_id=by,
        late=rules.published_late(today, meeting.agenda_due),
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
