"""Meeting and hearing queries; every one is bounded to one panel."""

import functools
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Text, bindparam, cast, func, select, tuple_, type_coerce, union
from sqlalchemy.orm import Session, aliased
from sqlalchemy.types import TypeDecorator

from api.cases.models import Case
from api.common import cursor as pagination
from api.meetings.models import (
    AgendaPublication,
    Attendance,
    Deferral,
    Discussion,
    Hearing,
    HearingStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from api.panels.models import Agency, Panel, PanelAgency
from api.people.models import Person
from api.problems import NotFound
from api.referrals.models import Referral, ReferralStatus
from domain.agenda import SUMMARY_PERSON_FIELDS


def panel(session: Session, panel_id: uuid.UUID, *, for_update: bool = False) -> Panel:
    found = session.get(Panel, panel_id, with_for_update=for_update)
    if found is None:
        raise NotFound("No such panel.")
    return found


def meeting(session: Session, meeting_id: uuid.UUID, *, for_update: bool = False) -> Meeting:
    found = session.get(Meeting, meeting_id, with_for_update=for_update)
    if found is None:
        raise NotFound("No such meeting.")
    return found


# What the meeting list shows of each meeting (MeetingRead's fields).
LISTED = (Meeting.id, Meeting.panel_id, Meeting.held_on, Meeting.kind, Meeting.status,
          Meeting.referral_cutoff, Meeting.agenda_due, Meeting.minutes_due,
          Meeting.emergency_reason, Meeting.moved_from, Meeting.move_reason,
          Meeting.cancel_reason, Meeting.created_at)


def meetings(session: Session, panel_id: uuid.UUID, since: date | None, until: date | None,
             limit: int, cursor: str | None = None) -> tuple[list[Any], str | None]:
    """In date order (soonest first), through ix_meetings_panel_held_on, as plain rows of the
    listed columns (no ORM objects); the cursor names the last meeting seen (its date and id,
    in the common cursor's form)."""
    params: dict[str, Any] = {"panel_id": panel_id, "since": since, "until": until,
                              "limit": limit + 1}
    if cursor:
        at, params["after_id"] = pagination.decode(cursor)
        params["after_on"] = at.date()
    query = _meetings_query(since is not None, until is not None, bool(cursor))
    rows = list(session.connection().execute(query, params))
    return pagination.split(rows, limit, lambda m: (
        datetime.combine(m.held_on, time(), UTC), m.id))


@functools.cache
def _meetings_query(since: bool, until: bool, after: bool) -> Any:
    """The list's statement for each combination of filters, built once (building one cost
    more than running it)."""
    query: Any = select(*LISTED).where(Meeting.panel_id == bindparam("panel_id"))
    if since:
        query = query.where(Meeting.held_on >= bindparam("since"))
    if until:
        query = query.where(Meeting.held_on <= bindparam("until"))
    if after:
        query = query.where(tuple_(Meeting.held_on, Meeting.id) >
                            tuple_(bindparam("after_on", type_=Meeting.held_on.type),
                                   bindparam("after_id", type_=Meeting.id.type)))
    return query.order_by(Meeting.held_on, Meeting.id).limit(bindparam("limit"))


def listed_dates(session: Session, panel_id: uuid.UUID) -> set[date]:
    return set(session.scalars(select(Meeting.held_on).where(
        Meeting.panel_id == panel_id, Meeting.status != MeetingStatus.cancelled)))


def open_meetings(session: Session, panel_id: uuid.UUID, today: date) -> list[Meeting]:
    """Regular meetings still ahead: the ones scheduling may place a case on (an emergency
    meeting takes cases only as agreed late additions)."""
    return list(session.scalars(select(Meeting).where(
        Meeting.panel_id == panel_id, Meeting.status == MeetingStatus.listed,
        Meeting.kind == MeetingKind.regular,
        Meeting.held_on >= today).order_by(Meeting.held_on)))


def unscheduled_referrals(session: Session, panel_id: uuid.UUID) -> list[Referral]:
    """Accepted referrals that have no hearing yet, oldest first."""
    has_hearing = select(Hearing.id).where(Hearing.referral_id == Referral.id).exists()
    return list(session.scalars(select(Referral).where(
        Referral.panel_id == panel_id, Referral.status == ReferralStatus.accepted,
        Referral.case_id.is_not(None), ~has_hearing)
        .order_by(Referral.referral_date, Referral.id)))


def waiting_hearings(session: Session, panel_id: uuid.UUID) -> list[Hearing]:
    return list(session.scalars(select(Hearing).where(
        Hearing.panel_id == panel_id, Hearing.status == HearingStatus.waiting)
        .order_by(Hearing.referral_date, Hearing.id).with_for_update()))


def hearings_on(session: Session, meeting_id: uuid.UUID) -> list[Hearing]:
    return list(session.scalars(select(Hearing).where(
        Hearing.meeting_id == meeting_id, Hearing.status == HearingStatus.listed)
        .with_for_update()))


def hearing(session: Session, hearing_id: uuid.UUID) -> Hearing:
    found = session.get(Hearing, hearing_id, with_for_update=True)
    if found is None:
        raise NotFound("No such hearing.")
    return found


def hearings(session: Session, panel_id: uuid.UUID, meeting_id: uuid.UUID | None,
             status: HearingStatus | None, warned: bool | None, limit: int) -> list[Hearing]:
    query: Any = select(Hearing).where(Hearing.panel_id == panel_id)
    if meeting_id is not None:
        query = query.where(Hearing.meeting_id == meeting_id)
    if status is not None:
        query = query.where(Hearing.status == status)
    if warned is not None:
        query = query.where(Hearing.warning.is_not(None) if warned else Hearing.warning.is_(None))
    return list(session.scalars(query.order_by(Hearing.referral_date, Hearing.id).limit(limit)))


def agenda_hearings(session: Session, meeting_id: uuid.UUID) -> list[Hearing]:
    return list(session.scalars(select(Hearing).where(
        Hearing.meeting_id == meeting_id,
        Hearing.status.in_((HearingStatus.listed, HearingStatus.heard)))))


class _JSONText(TypeDecorator[Any]):
    """A JSON column read as its text and parsed here: psycopg's JSON loader detects each
    value's encoding and decodes its bytes before parsing (several times the parse itself, for
    the two lists on every person of a 40-case document), and an empty list, most of them, is
    not parsed at all."""

    impl = Text
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        return [] if value == "[]" else json.loads(value)


def _json(column: Any) -> Any:
    """`column` (JSON) as its text, parsed by _JSONText; the same values SQLAlchemy's JSON
    gives."""
    return type_coerce(cast(column, Text), _JSONText()).label(column.key)


# What a case summary shows of a person (domain.agenda.SUMMARY_PERSON_FIELDS) and what it
# needs to withhold some of it; agenda.case_summaries reads them in this order.
SUMMARY_PEOPLE = tuple(
    _json(getattr(Person, name)) if name in ("aliases", "do_not_circulate")
    else getattr(Person, name) for name in (*SUMMARY_PERSON_FIELDS, "do_not_circulate"))


def _case_rows(*where: Any) -> Any:
    return (select(Hearing.id.label("hearing_id"), Hearing.case_id, Hearing.referral_id,
                   Hearing.referral_date, Hearing.late_addition, Referral.is_repeat,
                   Agency.name.label("agency_name"), Person.role, *SUMMARY_PEOPLE)
            .join(Referral, Referral.id == Hearing.referral_id)
            .outerjoin(Agency, Agency.id == Referral.agency_id)
            .outerjoin(Person, Person.referral_id == Hearing.referral_id)
            .where(*where)
            .order_by(Hearing.id, Person.role, Person.position, Person.id))


# Built once, parameters bound at execution: the statement and its cache key are not made
# again for every agenda and minutes document (making them costs more CPU than running them).
_AGENDA_CASES = _case_rows(Hearing.meeting_id == bindparam("meeting_id"),
                           Hearing.status.in_((HearingStatus.listed, HearingStatus.heard)))
# The minutes' cases: each discussed at the meeting and each deferred from it (a deferred
# hearing has moved on to its next meeting, so it is found by its deferral, not its meeting).
_MINUTES_CASES = _case_rows(Hearing.id.in_(union(
    select(Discussion.hearing_id).where(Discussion.meeting_id == bindparam("meeting_id")),
    select(Deferral.hearing_id).where(Deferral.meeting_id == bindparam("meeting_id")))))


def agenda_case_rows(session: Session, meeting_id: uuid.UUID) -> list[Any]:
    """Every case summary's content for the hearings an agenda lists (agenda_hearings'), in one
    query as plain rows (no ORM objects): each hearing with its referral's repeat flag and
    referring agency's name, once per person on the referral (once with no person when it has
    none), a hearing's people together, by role and position."""
    return list(session.connection().execute(_AGENDA_CASES, {"meeting_id": meeting_id}).all())


def minutes_case_rows(session: Session, meeting_id: uuid.UUID) -> list[Any]:
    """agenda_case_rows' rows for the hearings discussed at or deferred from a meeting."""
    return list(session.connection().execute(_MINUTES_CASES, {"meeting_id": meeting_id}).all())


_DISCUSSIONS = select(
    Discussion.id, Discussion.hearing_id, Discussion.referrer_presentation,
    _json(Discussion.shared), _json(Discussion.risks), Discussion.victim_views,
    Discussion.lead_agency_id, Discussion.victim_updater).where(
    Discussion.meeting_id == bindparam("meeting_id"))
_DEFERRALS = (select(Deferral.hearing_id, Deferral.reason)
              .where(Deferral.meeting_id == bindparam("meeting_id"))
              .order_by(Deferral.deferred_at, Deferral.id))


def discussions(session: Session, meeting_id: uuid.UUID) -> list[Any]:
    """What the minutes show of each case discussed at a meeting, as plain rows (_DISCUSSIONS'
    columns, in its order: the discussion's id, then its hearing's)."""
    return list(session.connection().execute(_DISCUSSIONS, {"meeting_id": meeting_id}).all())


def deferral_reasons(session: Session, meeting_id: uuid.UUID) -> list[Any]:
    """(hearing, reason) of each case deferred at a meeting, in the order they were deferred."""
    return list(session.connection().execute(_DEFERRALS, {"meeting_id": meeting_id}).tuples()
                .all())


_ATTENDANCE = (select(Attendance.id, Attendance.meeting_id, Attendance.agency_id,
                      Attendance.person_name, Attendance.standing, Attendance.apologies,
                      Attendance.arrived_at, Attendance.departed_at, Attendance.declared_at,
                      Attendance.version)
               .where(Attendance.meeting_id == bindparam("meeting_id"))
               .order_by(Attendance.arrived_at, Attendance.id))


def attendance_rows(session: Session, meeting_id: uuid.UUID) -> list[Any]:
    """The meeting's attendance and apologies as AttendanceRead's fields, plain rows, in
    conduct.attendance's order."""
    return list(session.connection().execute(_ATTENDANCE, {"meeting_id": meeting_id}).all())


def member_agencies(session: Session, panel_id: uuid.UUID) -> set[uuid.UUID]:
    return set(session.scalars(select(PanelAgency.agency_id).where(
        PanelAgency.panel_id == panel_id)))


def next_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    return session.scalar(select(Meeting).where(
        Meeting.panel_id == meeting.panel_id, Meeting.held_on > meeting.held_on,
        Meeting.status != MeetingStatus.cancelled).order_by(Meeting.held_on).limit(1))


_HEARD_BETWEEN = (select(Case.id, Case.last_heard_on).where(
    Case.panel_id == bindparam("panel_id"), Case.last_heard_on >= bindparam("since"),
    Case.last_heard_on < bindparam("before")).order_by(Case.last_heard_on, Case.id))


def heard_cases_between(session: Session, panel_id: uuid.UUID, since: date,
                        before: date) -> list[Any]:
    """Cases last heard from `since` up to `before` (ix_cases_panel_last_heard_on)."""
    return list(session.connection().execute(_HEARD_BETWEEN, {
        "panel_id": panel_id, "since": since, "before": before}).all())


@dataclass(frozen=True)
class Publication:
    """A circulated version of a document, as PublicationRead shows it, with its fingerprint."""

    version: int
    published_at: datetime
    published_on: date
    late: bool
    agency_ids: list[str]
    case_ids: list[str]
    content_sha256: str


@dataclass(frozen=True)
class DocumentMeeting:
    """What building and reading a meeting's agenda or minutes needs of the meeting: its dates,
    the next meeting's date (12-month notifications), its panel's bank-holiday calendar
    (actions overdue) and the document's latest circulated version, if any."""

    id: uuid.UUID
    panel_id: uuid.UUID
    held_on: date
    status: MeetingStatus
    agenda_due: date
    minutes_due: date
    next_held_on: date | None
    nation: str
    last: Publication | None


_next = aliased(Meeting)
_earlier = aliased(AgendaPublication)
_LAST_VERSION = (select(func.max(_earlier.version)).where(
    _earlier.meeting_id == Meeting.id, _earlier.document == bindparam("document"))
    .scalar_subquery())
_DOCUMENT_MEETING = (
    select(Meeting.id, Meeting.panel_id, Meeting.held_on, Meeting.status, Meeting.agenda_due,
           Meeting.minutes_due,
           select(func.min(_next.held_on)).where(
               _next.panel_id == Meeting.panel_id, _next.held_on > Meeting.held_on,
               _next.status != MeetingStatus.cancelled).scalar_subquery().label("next_held_on"),
           Panel.bank_holiday_region.label("nation"), AgendaPublication.version,
           AgendaPublication.published_at, AgendaPublication.published_on,
           AgendaPublication.late, _json(AgendaPublication.agency_ids),
           _json(AgendaPublication.case_ids), AgendaPublication.content_sha256)
    .join(Panel, Panel.id == Meeting.panel_id)
    .outerjoin(AgendaPublication, (AgendaPublication.meeting_id == Meeting.id)
               & (AgendaPublication.document == bindparam("document"))
               & (AgendaPublication.version == _LAST_VERSION))
    .where(Meeting.id == bindparam("meeting_id")))


def document_meeting(session: Session, meeting_id: uuid.UUID,
                     document: str) -> DocumentMeeting:
    """The meeting as its agenda or minutes (`document`) needs it, in one query (not the
    meeting, its next meeting, its panel and its publications one by one); 404 if none."""
    row = session.connection().execute(_DOCUMENT_MEETING, {
        "meeting_id": meeting_id, "document": document}).first()
    if row is None:
        raise NotFound("No such meeting.")
    last = None if row.version is None else Publication(
        row.version, row.published_at, row.published_on, row.late, row.agency_ids,
        row.case_ids, row.content_sha256)
    return DocumentMeeting(row.id, row.panel_id, row.held_on, row.status, row.agenda_due,
                           row.minutes_due, row.next_held_on, row.nation, last)


def publications(session: Session, meeting_id: uuid.UUID,
                 document: str = "agenda") -> list[AgendaPublication]:
    return list(session.scalars(select(AgendaPublication).where(
        AgendaPublication.meeting_id == meeting_id, AgendaPublication.document == document)
        .order_by(AgendaPublication.version)))
