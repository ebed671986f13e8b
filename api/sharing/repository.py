"""Sharing queries: decisions within one panel, consent history, the disclosure log."""

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func, literal, select, tuple_
from sqlalchemy.orm import Session

from api.common import cursor as pagination
from api.identity.models import PanelRole
from api.problems import NotFound
from api.referrals.models import Referral
from api.security.principal import Principal
from api.sharing.access import decision_filter
from api.sharing.models import ConsentRecord, Disclosure, SharingDecision
from domain.sharing_decisions import UNDER_REVIEW
from domain.sharing_gate import DecisionStatus


def referral(session: Session, referral_id: uuid.UUID) -> Referral:
    found = session.get(Referral, referral_id)
    if found is None:
        raise NotFound("No such referral.")
    return found


def decision(session: Session, decision_id: uuid.UUID, *,
             for_update: bool = False) -> SharingDecision:
    found = session.get(SharingDecision, decision_id, with_for_update=for_update)
    if found is None:
        raise NotFound("No such sharing decision.")
    return found


def case_of(session: Session, referral_id: uuid.UUID) -> uuid.UUID | None:
    return session.scalar(select(Referral.case_id).where(Referral.id == referral_id))


def _review_cursor(row: tuple[SharingDecision, Any]) -> tuple[datetime, uuid.UUID]:
    return datetime.combine(row[0].review_date, time(), UTC), row[0].id


def decisions(session: Session, principal: Principal, panel_id: uuid.UUID, *,
              status: DecisionStatus | None, referral_id: uuid.UUID | None,
              overdue_on: date | None, owner_id: uuid.UUID | None, cursor: str | None,
              limit: int) -> tuple[list[tuple[SharingDecision, uuid.UUID | None]], str | None]:
    """A panel's decisions by review date (soonest first, the id breaking ties), after the
    cursor's row; with the cursor of the next page (None on the last)."""
    query: Any = select(SharingDecision, Referral.case_id).join(
        Referral, Referral.id == SharingDecision.referral_id).where(
        SharingDecision.panel_id == panel_id, decision_filter(principal, panel_id))
    if status is not None:
        query = query.where(SharingDecision.status == status)
    if referral_id is not None:
        query = query.where(SharingDecision.referral_id == referral_id)
    if overdue_on is not None:
        query = query.where(SharingDecision.review_date < overdue_on,
                            SharingDecision.status.in_(UNDER_REVIEW))
    if owner_id is not None:
        query = query.where(SharingDecision.review_owner_id == owner_id)
    if cursor:
        at, row_id = pagination.decode(cursor)
        # A row-value comparison: one range of ix_sharing_decisions_panel_review.
        query = query.where(tuple_(SharingDecision.review_date, SharingDecision.id)
                            > tuple_(literal(at.date()), literal(row_id)))
    query = query.order_by(SharingDecision.review_date, SharingDecision.id).limit(limit + 1)
    rows = [(row[0], row[1]) for row in session.execute(query)]
    return pagination.split(rows, limit, _review_cursor)


def counts(session: Session, panel_id: uuid.UUID, today: date) -> tuple[dict[str, int], int]:
    by_status = {row[0]: row[1] for row in session.execute(select(
        SharingDecision.status, func.count()).where(SharingDecision.panel_id == panel_id)
        .group_by(SharingDecision.status))}
    overdue = session.scalar(select(func.count()).select_from(SharingDecision).where(
        SharingDecision.panel_id == panel_id, SharingDecision.review_date < today,
        SharingDecision.status.in_(UNDER_REVIEW)))
    return by_status, int(overdue or 0)


def on_panel(session: Session, user_id: uuid.UUID, panel_id: uuid.UUID) -> bool:
    """Whether the user holds any role on the panel (a review's owner must)."""
    return session.scalar(select(PanelRole.id).where(
        PanelRole.user_id == user_id, PanelRole.panel_id == panel_id).limit(1)) is not None


def consent_records(session: Session, referral_id: uuid.UUID) -> list[ConsentRecord]:
    return list(session.scalars(select(ConsentRecord).where(
        ConsentRecord.referral_id == referral_id).order_by(ConsentRecord.sequence)))


def disclosures(session: Session, case_id: uuid.UUID, limit: int) -> list[Disclosure]:
    return list(session.scalars(select(Disclosure).where(Disclosure.case_id == case_id)
                                .order_by(Disclosure.disclosed_at, Disclosure.id).limit(limit)))
