"""The referring agency's changes before triage: amend (every version kept) or withdraw."""

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.db import utcnow
from api.panels.repository import rules_of
from api.people.models import Person, PersonNameKey
from api.problems import FieldError, ValidationFailed, define_problem, register
from api.referrals import access, repository, service
from api.referrals.models import Referral, ReferralStatus, ReferralVersion, RiskAssessment
from api.referrals.schemas import ReferralCreate
from api.referrals.views import STORED_VERDICT, referral_read
from api.security.principal import Principal

ReferralTriaged = define_problem(
    409, "referral-triaged", "The referral has been triaged",
    "Once the coordinator has triaged a referral it can no longer be amended or withdrawn; "
    "contact the panel's coordinator.")
ReferralWithdrawn = define_problem(
    409, "referral-withdrawn", "The referral was withdrawn",
    "A withdrawn referral can no longer be amended, withdrawn again or triaged; submit a new "
    "referral if one is needed.")
register(ReferralTriaged, ReferralWithdrawn)


def require_open(referral: Referral, doing: str) -> None:
    """Only a referral still awaiting triage can change; the answer says why not."""
    if referral.status is ReferralStatus.withdrawn:
        raise ReferralWithdrawn(f"This referral was withdrawn, so it cannot be {doing}.")
    if referral.status is not ReferralStatus.submitted:
        raise ReferralTriaged(
            f"The coordinator has triaged this referral ({referral.status.value}), so it "
            f"cannot be {doing}; contact the panel's coordinator.")


def amend(session: Session, principal: Principal, referral: Referral,
          body: ReferralCreate, today: date) -> None:
    """Replaces the form; the verdict is worked out again and the old version kept."""
    access.require_referring_agency(principal, referral)
    require_open(referral, "amended")
    if body.panel_id != referral.panel_id:
        raise ValidationFailed("A referral stays with its panel.", errors=[FieldError(
            pointer="/body/panel_id",
            detail="differs from the referral's panel: withdraw it and refer to the other")])
    panel = rules_of(session.connection(), referral.panel_id)
    assert panel is not None  # the referral's panel exists (foreign key)
    scored = service.checked_and_scored(panel, body, today)
    service.refuse_reused_reference(session, referral.agency_id, body.external_reference,
                                    except_referral=referral.id)
    _keep_version(session, principal, referral)
    people = service.people_rows(body, referral.id)
    outcome, submitted, candidates = service.verdict_of(session, panel, body, people, scored)
    for table in (PersonNameKey, Person, RiskAssessment):
        session.execute(delete(table).where(table.referral_id == referral.id))
    for name, value in service.form_columns(body, outcome, submitted).items():
        setattr(referral, name, value)
    referral.has_repeat_candidate = bool(candidates)
    session.flush()  # the new version (a concurrent change fails here: StaleDataError)
    service.insert_details(session.connection(), referral.id, people, scored)


def withdraw(session: Session, principal: Principal, referral: Referral, reason: str) -> None:
    """The referring agency withdraws it before triage, saying why."""
    access.require_referring_agency(principal, referral)
    require_open(referral, "withdrawn")
    _keep_version(session, principal, referral)
    referral.status = ReferralStatus.withdrawn
    referral.withdrawal_reason = reason
    referral.withdrawn_at = utcnow()
    session.flush()


def versions(session: Session, referral: Referral) -> list[ReferralVersion]:
    return list(session.scalars(select(ReferralVersion).where(
        ReferralVersion.referral_id == referral.id).order_by(ReferralVersion.version)))


def _keep_version(session: Session, principal: Principal, referral: Referral) -> None:
    snapshot = referral_read(referral, *repository.details(session, referral.id), None)
    session.add(ReferralVersion(
        referral_id=referral.id, version=referral.version,
        # the stored verdict too, so each reader can be shown what they may see of it
        snapshot={**snapshot.model_dump(mode="json"), STORED_VERDICT: referral.verdict},
        replaced_at=utcnow(),
        replaced_by_kind=principal.kind, replaced_by_id=principal.subject_id))
