"""Triage by the coordinator: accept (new case or confirmed repeat), return, or redirect."""

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.errors import RULE_PROBLEMS
from api.people.keys import person_probe
from api.people.models import Person, PersonNameKey, PersonRole
from api.problems import Conflict, FieldError, ValidationFailed
from api.referrals.changes import ReferralWithdrawn
from api.referrals.models import Referral, ReferralStatus, TriageDecision, TriageOutcome
from api.referrals.repeats import find_repeats
from api.referrals.triage_schemas import AcceptNewCase, AcceptRepeat, Redirect, TriageCreate
from api.security.principal import Principal
from domain.errors import MissingRationaleError

_STATUS = {TriageOutcome.accept_new_case: ReferralStatus.accepted,
           TriageOutcome.accept_repeat: ReferralStatus.accepted,
           TriageOutcome.return_with_recommendations: ReferralStatus.returned,
           TriageOutcome.redirect: ReferralStatus.redirected}


def triage(session: Session, principal: Principal, referral: Referral,
           body: TriageCreate) -> TriageDecision:
    """Records the decision; a referral is triaged once (the route checks who may)."""
    if referral.status is ReferralStatus.withdrawn:
        raise ReferralWithdrawn("The referring agency withdrew this referral.")
    if referral.status is not ReferralStatus.submitted:
        raise Conflict("This referral has already been triaged.")
    if isinstance(body, AcceptNewCase | AcceptRepeat):
        _require_reasons(session, referral, body)
    outcome = TriageOutcome(body.outcome)
    case = _case_for(session, referral, body)
    decision = TriageDecision(
        referral_id=referral.id, outcome=outcome, case_id=case.id if case else None,
        recommendations=getattr(body, "recommendations", None),
        review_date=getattr(body, "review_date", None),
        forum=body.forum if isinstance(body, Redirect) else None,
        note=body.note, decided_by_id=principal.subject_id,
        override_reason=getattr(body, "override_reason", None),
        not_repeat_reason=getattr(body, "not_repeat_reason", None))
    referral.status = _STATUS[outcome]
    referral.case_id = case.id if case else None
    referral.is_repeat = isinstance(body, AcceptRepeat)
    if case is not None:  # its people's match keys now lead repeat checks to this case
        session.execute(update(PersonNameKey).where(PersonNameKey.referral_id == referral.id)
                        .values(case_id=case.id))
    session.add(decision)
    session.flush()
    return decision


def _require_reasons(session: Session, referral: Referral,
                     body: AcceptNewCase | AcceptRepeat) -> None:
    """Accepting against the verdict, or as a new case when an earlier case is an in-window
    repeat candidate, is allowed with a reason on record (both named at once if missing)."""
    errors = []
    if not referral.eligible and not _said(body.override_reason):
        errors.append(FieldError(pointer="/body/override_reason", detail=(
            "the verdict is not eligible: record why the referral is accepted")))
    if (isinstance(body, AcceptNewCase) and not _said(body.not_repeat_reason)
            and _has_repeat_candidate(session, referral)):
        errors.append(FieldError(pointer="/body/not_repeat_reason", detail=(
            "an earlier case is a repeat candidate within its 12-month window: accept as a "
            "repeat, or record why this is not one")))
    if errors:
        raise RULE_PROBLEMS[MissingRationaleError](
            f"{len(errors)} reason(s) are needed to accept this referral.", errors=errors)


def _has_repeat_candidate(session: Session, referral: Referral) -> bool:
    people = session.scalars(select(Person).where(Person.referral_id == referral.id)).all()
    victim = next(p for p in people if p.role is PersonRole.victim)
    perpetrators = [person_probe(p) for p in people if p.role is PersonRole.perpetrator]
    evidence = find_repeats(session, referral.panel_id, person_probe(victim), perpetrators,
                            referral.referral_date)
    return any(c.within_window for c in evidence.candidates)


def _said(text: str | None) -> bool:
    return bool(text and text.strip())


def _case_for(session: Session, referral: Referral, body: TriageCreate) -> Case | None:
    if isinstance(body, AcceptNewCase):
        case = Case(panel_id=referral.panel_id, opened_on=referral.referral_date,
                    last_referral_date=referral.referral_date)
        session.add(case)
        session.flush()
        return case
    if not isinstance(body, AcceptRepeat):
        return None
    existing = session.get(Case, body.case_id, with_for_update=True)
    if existing is None or existing.panel_id != referral.panel_id:
        raise ValidationFailed("The case is not one of this panel's.", errors=[
            FieldError(pointer="/body/case_id", detail="no such case on this panel")])
    existing.last_referral_date = max(existing.last_referral_date, referral.referral_date)
    return existing
