"""Case queries, each filtered to the panels the caller may see cases of."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from api.cases import listing
from api.cases.models import Case
from api.cases.views import CaseListItem, CaseRead, CaseReferral, CaseSummary
from api.common import access
from api.common import cursor as pagination
from api.problems import NotFound
from api.referrals.models import Referral, TriageDecision
from api.security.principal import Principal
from domain.windows import flag_expires_on, repeat_window_end


def summary(case: Case) -> CaseSummary:
    """Repeat window and flag dates come from the 12-month rules in domain/windows."""
    return CaseSummary(
        id=case.id, panel_id=case.panel_id, opened_on=case.opened_on,
        last_referral_date=case.last_referral_date,
        repeat_window_end=repeat_window_end(case.last_referral_date),
        last_heard_on=case.last_heard_on,
        flagged_until=flag_expires_on(case.last_heard_on) if case.last_heard_on else None,
        created_at=case.created_at)


def get_visible(session: Session, principal: Principal, case_id: uuid.UUID) -> CaseRead:
    case = session.scalar(select(Case).where(
        Case.id == case_id, Case.panel_id.in_(access.case_panels(principal))))
    if case is None:
        raise NotFound("No such case.")
    rows = session.execute(
        select(Referral, TriageDecision.override_reason, TriageDecision.not_repeat_reason)
        .outerjoin(TriageDecision, TriageDecision.referral_id == Referral.id)
        .where(Referral.case_id == case.id)
        .order_by(Referral.referral_date, Referral.submitted_at))
    # The triage reasons on record (an override, not a repeat) belong to the case's history.
    referrals = [CaseReferral(
        id=r.id, referral_date=r.referral_date, status=r.status, is_repeat=r.is_repeat,
        eligible=r.eligible, override_reason=override, not_repeat_reason=not_repeat)
        for r, override, not_repeat in rows]
    return CaseRead(**summary(case).model_dump(), referrals=referrals,
                    repeat_count=sum(r.is_repeat for r in referrals))


def list_visible(session: Session, principal: Principal, panel_id: uuid.UUID | None,
                 cursor: str | None, limit: int, *, flagged: bool | None = None,
                 flagged_since: date | None = None) -> tuple[list[CaseListItem], str | None]:
    query: Any = select(Case).where(Case.panel_id.in_(access.case_panels(principal)))
    if panel_id is not None:
        query = query.where(Case.panel_id == panel_id)
    if flagged is not None and flagged_since is not None:
        still = Case.last_heard_on >= flagged_since  # the 12-month rule, as a date to compare
        query = query.where(still if flagged else or_(Case.last_heard_on.is_(None), ~still))
    rows = list(session.scalars(pagination.page(query, Case.created_at, Case.id, cursor, limit)))
    page, next_cursor = pagination.split(rows, limit, lambda c: (c.created_at, c.id))
    return listing.items(session, [summary(c) for c in page]), next_cursor
