"""Case queries, each filtered to the panels the caller may see cases of."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from api.cases import listing, need_to_know
from api.cases.models import Case
from api.cases.views import CaseListItem, CaseRead, CaseReferral, CaseSummary
from api.common import access
from api.common import cursor as pagination
from api.meetings.models import Hearing, HearingStatus
from api.problems import NotFound
from api.referrals.models import Referral, TriageDecision
from api.security.principal import Principal, Role
from domain.windows import flag_expires_on, repeat_window_end


def summary(case: Case, hearing: tuple[date, str | None] | None = None) -> CaseSummary:
    """Repeat window and flag dates come from the 12-month rules in domain/windows."""
    return CaseSummary(
        hearing_deadline=hearing[0] if hearing else None,
        hearing_warning=hearing[1] if hearing else None,
        id=case.id, panel_id=case.panel_id, opened_on=case.opened_on,
        last_referral_date=case.last_referral_date,
        repeat_window_end=repeat_window_end(case.last_referral_date),
        last_heard_on=case.last_heard_on,
        flagged_until=flag_expires_on(case.last_heard_on) if case.last_heard_on else None,
        created_at=case.created_at)


def open_hearings(session: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """Each case's hearing still to come (waiting or listed): its deadline and any warning that
    no listed meeting meets it. With two (a repeat referred meanwhile) the one due first wins."""
    if not case_ids:
        return {}
    rows = session.execute(select(Hearing.case_id, Hearing.hearing_deadline, Hearing.warning)
                           .where(Hearing.case_id.in_(case_ids),
                                  Hearing.status.in_(_OPEN))
                           .order_by(Hearing.hearing_deadline.desc(), Hearing.id))
    return {case_id: (deadline, warning) for case_id, deadline, warning in rows}


_OPEN = (HearingStatus.waiting, HearingStatus.listed)


def get_visible(session: Session, principal: Principal, case_id: uuid.UUID) -> CaseRead:
    """The case record in full (its triage reasons are the panel's): coordinators and chairs;
    an IDVA or agency representative on the panel is pointed to their own read (403)."""
    case = session.get(Case, case_id)
    if case is None or case.panel_id not in access.case_panels(principal, *access.FULL_READERS):
        if case is not None:
            access.refuse_in_full(principal, case.panel_id)
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
    hearing = open_hearings(session, [case.id]).get(case.id)
    return CaseRead(**summary(case, hearing).model_dump(), referrals=referrals,
                    repeat_count=sum(r.is_repeat for r in referrals))


def list_visible(session: Session, principal: Principal, panel_id: uuid.UUID | None,
                 cursor: str | None, limit: int, today: date, *, flagged: bool | None = None,
                 flagged_since: date | None = None) -> tuple[list[CaseListItem], str | None]:
    listers = access.case_panels(principal, *access.CASE_LISTERS)
    invited = access.case_panels(principal, Role.agency_representative) - listers
    shown: ColumnElement[bool] = Case.panel_id.in_(listers)
    if invited:  # an agency representative: only cases on a meeting their agency is invited to
        ids = need_to_know.invited_case_ids(session, principal.agency_id, invited)
        shown = or_(shown, and_(Case.panel_id.in_(invited), Case.id.in_(ids)))
    query: Any = select(Case).where(shown)
    if panel_id is not None:
        query = query.where(Case.panel_id == panel_id)
    if flagged is not None and flagged_since is not None:
        still = Case.last_heard_on >= flagged_since  # the 12-month rule, as a date to compare
        query = query.where(still if flagged else or_(Case.last_heard_on.is_(None), ~still))
    rows = list(session.scalars(pagination.page(query, Case.created_at, Case.id, cursor, limit)))
    page, next_cursor = pagination.split(rows, limit, lambda c: (c.created_at, c.id))
    hearings = open_hearings(session, [c.id for c in page])
    items = listing.items(session, [summary(c, hearings.get(c.id)) for c in page], today)
    for item in items:  # the victim's name is for those who list the panel's cases
        if item.panel_id not in listers:
            item.victim = None
    return items, next_cursor
