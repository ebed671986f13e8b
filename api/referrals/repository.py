"""Referral queries; each one filtered by the caller's visibility (access.py)."""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.common import cursor as pagination
from api.people.models import Person
from api.problems import NotFound
from api.referrals import access, listing
from api.referrals.models import Referral, ReferralStatus, RiskAssessment, TriageDecision
from api.referrals.views import ReferralListItem
from api.security.principal import Principal


def get_visible(session: Session, principal: Principal, referral_id: uuid.UUID,
                *, for_update: bool = False) -> Referral:
    query = select(Referral).where(Referral.id == referral_id, access.referral_filter(principal))
    referral = session.scalar(query.with_for_update() if for_update else query)
    if referral is None:
        raise NotFound("No such referral.")
    return referral


def details(session: Session, referral_id: uuid.UUID) -> tuple[list[Person], RiskAssessment | None,
                                                                 TriageDecision | None]:
    people = list(session.scalars(select(Person).where(Person.referral_id == referral_id)
                                  .order_by(Person.role, Person.position)))
    assessment = session.scalar(select(RiskAssessment).where(
        RiskAssessment.referral_id == referral_id))
    triage = session.scalar(select(TriageDecision).where(
        TriageDecision.referral_id == referral_id))
    return people, assessment, triage


def list_visible(session: Session, principal: Principal, *, panel_id: uuid.UUID | None,
                 status: ReferralStatus | None, submitted_from: date | None,
                 submitted_to: date | None, cursor: str | None, limit: int,
                 external_reference: str | None = None,
                 ) -> tuple[list[ReferralListItem], str | None]:
    query: Any = listing.items_query(principal).where(access.referral_filter(principal))
    if external_reference is not None:  # unique per agency: the index leads with it
        query = query.where(Referral.external_reference == external_reference)
    if panel_id is not None:
        query = query.where(Referral.panel_id == panel_id)
    if status is not None:
        query = query.where(Referral.status == status)
    if submitted_from is not None:
        query = query.where(Referral.submitted_at >= _midnight(submitted_from))
    if submitted_to is not None:
        query = query.where(Referral.submitted_at < _midnight(submitted_to + timedelta(days=1)))
    query = pagination.page(query, Referral.submitted_at, Referral.id, cursor, limit)
    rows = list(session.execute(query))
    page, next_cursor = pagination.split(rows, limit, lambda r: (r.submitted_at, r.id))
    return [listing.item(row, principal) for row in page], next_cursor


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
