"""Triage by the coordinator: accept (new case or confirmed repeat), return, or redirect."""

from sqlalchemy import update
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.people.models import PersonNameKey
from api.problems import Conflict, FieldError, ValidationFailed
from api.referrals.models import Referral, ReferralStatus, TriageDecision, TriageOutcome
from api.referrals.triage_schemas import AcceptNewCase, AcceptRepeat, Redirect, TriageCreate
from api.security.principal import Principal

_STATUS = {TriageOutcome.accept_new_case: ReferralStatus.accepted,
           TriageOutcome.accept_repeat: ReferralStatus.accepted,
           TriageOutcome.return_with_recommendations: ReferralStatus.returned,
           TriageOutcome.redirect: ReferralStatus.redirected}


def triage(session: Session, principal: Principal, referral: Referral,
           body: TriageCreate) -> TriageDecision:
    """Records the decision; a referral is triaged once (the route checks who may)."""
    if referral.status is not ReferralStatus.submitted:
        raise Conflict("This referral has already been triaged.")
    outcome = TriageOutcome(body.outcome)
    case = _case_for(session, referral, body)
    decision = TriageDecision(
        referral_id=referral.id, outcome=outcome, case_id=case.id if case else None,
        recommendations=getattr(body, "recommendations", None),
        review_date=getattr(body, "review_date", None),
        forum=body.forum if isinstance(body, Redirect) else None,
        note=body.note, decided_by_id=principal.subject_id)
    referral.status = _STATUS[outcome]
    referral.case_id = case.id if case else None
    referral.is_repeat = isinstance(body, AcceptRepeat)
    if case is not None:  # its people's match keys now lead repeat checks to this case
        session.execute(update(PersonNameKey).where(PersonNameKey.referral_id == referral.id)
                        .values(case_id=case.id))
    session.add(decision)
    session.flush()
    return decision


def _case_for(session: Session, referral: Referral, body: TriageCreate) -> Case | None:
    if isinstance(body, AcceptNewCase):
        case = Case(panel_id=referral.panel_id, opened_on=referral.referral_date,
                    last_referral_date=referral.referral_date)
        session.add(case)
        session.flush()
        return case
    if not isinstance(body, AcceptRepeat):
        return None
    case = session.get(Case, body.case_id, with_for_update=True)
    if case is None or case.panel_id != referral.panel_id:
        raise ValidationFailed("The case is not one of this panel's.", errors=[
            FieldError(pointer="/body/case_id", detail="no such case on this panel")])
    case.last_referral_date = max(case.last_referral_date, referral.referral_date)
    return case
