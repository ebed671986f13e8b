"""Sharing use cases: propose, change, submit, decide and withdraw a decision; record consent.
The rules are the domain's (domain/sharing_decisions.py); nothing here commits."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from api.db import utcnow
from api.problems import FieldError, Forbidden, NotFound, ValidationFailed
from api.referrals.models import Referral
from api.security.principal import Principal, Role
from api.sharing import access, repository
from api.sharing.models import ConsentRecord, SharingDecision
from api.sharing.problems import DecisionState, FourEyes, ReviewDatePast
from api.sharing.schemas import ConsentUpdate, DecisionCreate, DecisionFields, DecisionReview
from domain import sharing_decisions as rules
from domain.errors import DecisionStateError, DomainError, FourEyesError, ReviewDateError
from domain.intake_checks import reason_issues
from domain.sharing_decisions import DecisionAction
from domain.sharing_gate import DecisionStatus

_PROBLEMS = {DecisionStateError: DecisionState, FourEyesError: FourEyes,
             ReviewDateError: ReviewDatePast}


def _ruled(check: Any, *args: Any) -> Any:
    try:
        return check(*args)
    except DomainError as exc:
        raise _PROBLEMS[type(exc)](str(exc)) from None


def proposable_referral(session: Session, principal: Principal,
                        referral_id: uuid.UUID) -> Referral:
    """A referrer proposes for their own agency's referrals, an agency representative for any
    on the panel; a referral the caller cannot see is not revealed."""
    referral = repository.referral(session, referral_id)
    held = access.roles(principal, referral.panel_id)
    if not held:
        raise NotFound("No such referral.")
    if not held & set(access.PROPOSERS):
        raise Forbidden("Only a referrer or an agency representative proposes to share.")
    if Role.agency_representative not in held and referral.agency_id != principal.agency_id:
        raise NotFound("No such referral.")
    return referral


def _checked(session: Session, body: DecisionFields, panel_id: uuid.UUID,
             principal: Principal, today: date) -> uuid.UUID:
    """Field rules the schema cannot say; answers the review's owner."""
    _ruled(rules.check_review_date, body.review_date, today)
    errors = _told_issues(body)
    grounds = [g.ground for g in body.legal_grounds]
    if len(set(grounds)) != len(grounds):
        errors.append(FieldError(pointer="/body/legal_grounds",
                                 detail="each legal ground once"))
    owner = body.review_owner_id or principal.subject_id
    if owner != principal.subject_id and not repository.on_panel(session, owner, panel_id):
        errors.append(FieldError(pointer="/body/review_owner_id",
                                 detail="not a user with a role on this panel"))
    if errors:
        raise ValidationFailed("The sharing decision is not complete.", errors=errors)
    return owner


def _fields(body: DecisionFields, owner: uuid.UUID) -> dict[str, Any]:
    data = body.model_dump(mode="json", exclude={"referral_id", "review_owner_id"})
    data.update(review_date=body.review_date, victim_told_on=body.victim_told_on,
                review_owner_id=owner)
    return data


def propose(session: Session, principal: Principal, body: DecisionCreate,
            today: date) -> SharingDecision:
    referral = proposable_referral(session, principal, body.referral_id)
    owner = _checked(session, body, referral.panel_id, principal, today)
    decision = SharingDecision(
        panel_id=referral.panel_id, referral_id=referral.id, status=DecisionStatus.drafted,
        proposed_by_id=principal.subject_id, proposer_agency_id=principal.agency_id,
        reviews=[], **_fields(body, owner))
    session.add(decision)
    session.flush()
    return decision


def edit(session: Session, principal: Principal, decision: SharingDecision,
         body: DecisionFields, today: date) -> None:
    access.require_proposer(principal, decision)
    _ruled(rules.next_status, decision.status, DecisionAction.edit)
    owner = _checked(session, body, decision.panel_id, principal, today)
    for name, value in _fields(body, owner).items():
        setattr(decision, name, value)
    session.flush()


def submit(session: Session, principal: Principal, decision: SharingDecision) -> None:
    access.require_proposer(principal, decision)
    decision.status = _ruled(rules.next_status, decision.status, DecisionAction.submit)
    decision.submitted_at = utcnow()
    session.flush()


def decide(session: Session, principal: Principal, decision: SharingDecision,
           action: DecisionAction, reason: str | None) -> None:
    """A manager of the proposing agency approves or refuses; never the proposer."""
    access.require_approver(principal, decision)
    _ruled(rules.check_four_eyes, decision.proposed_by_id, principal.subject_id)
    decision.status = _ruled(rules.next_status, decision.status, action)
    decision.decided_by_id, decision.decided_at = principal.subject_id, utcnow()
    decision.decision_reason = reason
    session.flush()


def withdraw(session: Session, principal: Principal, decision: SharingDecision,
             reason: str) -> None:
    access.require_withdrawer(principal, decision)
    decision.status = _ruled(rules.next_status, decision.status, DecisionAction.withdraw)
    decision.withdrawn_by_id, decision.withdrawn_at = principal.subject_id, utcnow()
    decision.withdrawal_reason = reason
    session.flush()


def record_consent(session: Session, principal: Principal, referral: Referral,
                   body: ConsentUpdate, sequence: int) -> ConsentRecord:
    """Adds the consent as it stands now; the earlier ones stay as its history."""
    issues = reason_issues(body.status.value, body.reason, body.victim_aware,
                           body.victim_unaware_reason)
    if issues:
        raise ValidationFailed("The consent record is not complete.", errors=[FieldError(
            pointer=f"/body/{issue.path[-1]}", detail=issue.detail) for issue in issues])
    record = ConsentRecord(
        referral_id=referral.id, sequence=sequence, status=body.status.value,
        reason=body.reason, method=body.method, obtained_by=body.obtained_by,
        obtained_on=body.obtained_on, victim_aware=body.victim_aware,
        victim_unaware_reason=body.victim_unaware_reason, recorded_by_id=principal.subject_id)
    session.add(record)
    session.flush()
    return record


def review(session: Session, principal: Principal, decision: SharingDecision,
           body: DecisionReview, today: date) -> None:
    """Records a review of a decision not yet settled: the note, the next date and its owner,
    and (if now known) whether the victim was told; earlier reviews stay on the record."""
    access.require_reviewer(principal, decision)
    if decision.status not in rules.UNDER_REVIEW:
        raise DecisionState(f"A {decision.status.value} sharing decision is settled: "
                            "it is not reviewed.")
    _ruled(rules.check_review_date, body.next_review_date, today)
    owner = body.review_owner_id or decision.review_owner_id
    errors = _told_issues(body)
    if owner != principal.subject_id and owner != decision.review_owner_id and \
            not repository.on_panel(session, owner, decision.panel_id):
        errors.append(FieldError(pointer="/body/review_owner_id",
                                 detail="not a user with a role on this panel"))
    if errors:
        raise ValidationFailed("The review is not complete.", errors=errors)
    if body.victim_told is not None:
        decision.victim_told, decision.victim_told_on = body.victim_told, body.victim_told_on
        decision.victim_not_told_reason = body.victim_not_told_reason
    decision.review_date, decision.review_owner_id = body.next_review_date, owner
    decision.reviews = [*decision.reviews, {
        "reviewed_at": utcnow().isoformat(), "reviewed_by_id": str(principal.subject_id),
        "note": body.note, "next_review_date": body.next_review_date.isoformat(),
        "review_owner_id": str(owner)}]
    session.flush()


def _told_issues(body: DecisionFields | DecisionReview) -> list[FieldError]:
    errors = []
    if body.victim_told is False and not (body.victim_not_told_reason or "").strip():
        errors.append(FieldError(pointer="/body/victim_not_told_reason",
                                 detail="the victim was not told: give the reason"))
    if body.victim_told_on is not None and body.victim_told is not True:
        errors.append(FieldError(pointer="/body/victim_told_on",
                                 detail="a date the victim was told needs victim_told true"))
    return errors
