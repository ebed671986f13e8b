"""Meeting and hearing queries; every one is bounded to one panel."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.meetings.models import (
    AgendaPublication,
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


def meetings(session: Session, panel_id: uuid.UUID, since: date | None, until: date | None,
             limit: int) -> list[Meeting]:
    query: Any = select(Meeting).where(Meeting.panel_id == panel_id)
    if since is not None:
        query = query.where(Meeting.held_on >= since)
    if until is not None:
        query = query.where(Meeting.held_on <= until)
    return list(session.scalars(query.order_by(Meeting.held_on, Meeting.id).limit(limit)))


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


def referrals_by_id(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Referral]:
    return {r.id: r for r in session.scalars(select(Referral).where(Referral.id.in_(ids)))}


def people_of(session: Session, referral_ids: list[uuid.UUID]) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.referral_id.in_(referral_ids))
                                .order_by(Person.referral_id, Person.role, Person.position)))


def agency_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    return dict(session.execute(select(Agency.id, Agency.name).where(Agency.id.in_(ids)))
                .tuples().all())


def member_agencies(session: Session, panel_id: uuid.UUID) -> set[uuid.UUID]:
    return set(session.scalars(select(PanelAgency.agency_id).where(
        PanelAgency.panel_id == panel_id)))


def next_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    return session.scalar(select(Meeting).where(
        Meeting.panel_id == meeting.panel_id, Meeting.held_on > meeting.held_on,
        Meeting.status != MeetingStatus.cancelled).order_by(Meeting.held_on).limit(1))


def heard_cases_since(session: Session, panel_id: uuid.UUID, since: date) -> list[Case]:
    return list(session.scalars(select(Case).where(
        Case.panel_id == panel_id, Case.last_heard_on >= since)))


def publications(session: Session, meeting_id: uuid.UUID,
                 document: str = "agenda") -> list[AgendaPublication]:
    return list(session.scalars(select(AgendaPublication).where(
        AgendaPublication.meeting_id == meeting_id, AgendaPublication.document == document)
        .order_by(AgendaPublication.version)))
