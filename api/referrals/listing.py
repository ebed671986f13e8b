"""The referral list as a person scans it: one statement, the victim, the referring agency,
the verdict and score, the children counted, consent and whether a repeat candidate exists.

The page is still walked on ix_referrals_panel_submitted (newest first, keyset; with a status,
ix_referrals_panel_status_submitted): each row's extras are read by key (the victim and
children through ix_people_referral_id, the agency and the risk assessment by their unique
keys), so a page costs `limit` index probes, not a scan of the panel's referrals."""

from typing import Any

from sqlalchemy import Select, and_, case, func, null, or_, select
from sqlalchemy.orm import aliased

from api.common import access
from api.panels.models import Agency
from api.people.models import Person, PersonRole
from api.people.schemas import PersonBrief
from api.referrals.models import ConsentStatus, Referral, RiskAssessment
from api.referrals.verdict import seen_as_submitted
from api.referrals.views import ReferralListItem
from api.security.principal import Principal
from api.sharing.models import ConsentRecord, SharingDecision
from domain.sharing_gate import DecisionStatus

_Victim = aliased(Person, name="victim")
_Child = aliased(Person, name="child")
# The consent now (its latest change after intake, if any) and whether an approved decision
# to share without it covers the referral or its case: the triage view shows a referral that
# would wait for a basis before it could go on an agenda.
_LATEST_CONSENT = (select(ConsentRecord.status).where(ConsentRecord.referral_id == Referral.id)
                   .order_by(ConsentRecord.sequence.desc()).limit(1)
                   .correlate(Referral).scalar_subquery())
_Covered = aliased(Referral, name="covered")
_APPROVED = (select(SharingDecision.id).join(_Covered, _Covered.id == SharingDecision.referral_id)
             .where(SharingDecision.status == DecisionStatus.approved,
                    or_(_Covered.id == Referral.id,
                        and_(Referral.case_id.is_not(None), _Covered.case_id == Referral.case_id)))
             .correlate(Referral).exists())
# The agency's name, the checklist's score and the children counted are scalar subqueries by
# key, not joins: the same index probes, but a plan of one join, not three, made in half the
# time (1.2 ms -> 0.55 ms at 400,000 referrals; the plan is made again for every page).
_CHILDREN = (select(func.count(_Child.id))
             .where(_Child.referral_id == Referral.id, _Child.role == PersonRole.child)
             .correlate(Referral).scalar_subquery())
_AGENCY_NAME = (select(Agency.name).where(Agency.id == Referral.agency_id)
                .correlate(Referral).scalar_subquery())
_SCORE = (select(RiskAssessment.score).where(RiskAssessment.referral_id == Referral.id)
          .correlate(Referral).scalar_subquery())


def _verdict(principal: Principal | None) -> Any:
    """The stored verdict (a JSON document of every criterion) only where `item` reads it:
    for a caller who does not read the panel's cases, who sees the verdict as submitted. A
    coordinator's page reads none of it."""
    panels = access.case_panels(principal) if principal is not None else frozenset()
    if not panels:
        return Referral.verdict
    return case((Referral.panel_id.in_(sorted(panels)), null()),
                else_=Referral.verdict).label("verdict")


def items_query(principal: Principal | None = None) -> Select[Any]:
    """Referral list rows (no filter yet): the summary columns and what a reader scans by;
    `principal` (the caller) leaves out what they will not be shown."""
    return (select(Referral.id, Referral.panel_id, Referral.status, Referral.referral_date,
                   Referral.submitted_at, Referral.agency_id, Referral.eligible,
                   Referral.case_id, Referral.is_repeat, Referral.consent_status,
                   Referral.has_repeat_candidate, _verdict(principal), _Victim.given_names,
                   _Victim.family_name,
                   _Victim.date_of_birth, _AGENCY_NAME.label("agency_name"),
                   _SCORE.label("score"), _CHILDREN.label("children"),
                   _LATEST_CONSENT.label("latest_consent"), _APPROVED.label("approved"))
            .join(_Victim, and_(_Victim.referral_id == Referral.id,
                                _Victim.role == PersonRole.victim)))


def item(row: Any, principal: Principal) -> ReferralListItem:
    """One list row. A caller who cannot read the panel's cases (a referrer, an API key) sees
    the verdict on what was submitted and no repeat candidate: no oracle for other cases."""
    sees_cases = access.sees_panel_cases(principal, row.panel_id)
    consent = ConsentStatus(row.latest_consent) if row.latest_consent else row.consent_status
    eligible = row.eligible if sees_cases else bool(seen_as_submitted(row.verdict)["eligible"])
    return ReferralListItem.model_construct(
        id=row.id, panel_id=row.panel_id, status=row.status, referral_date=row.referral_date,
        submitted_at=row.submitted_at, agency_id=row.agency_id, eligible=eligible,
        case_id=row.case_id, is_repeat=row.is_repeat,
        victim=PersonBrief.model_construct(given_names=row.given_names,
                                           family_name=row.family_name,
                                           date_of_birth=row.date_of_birth),
        agency_name=row.agency_name, verdict="eligible" if eligible else "not_eligible",
        score=row.score, children=row.children, consent_status=consent,
        awaiting_sharing_basis=consent is not ConsentStatus.given and not row.approved,
        repeat_candidate=row.has_repeat_candidate if sees_cases else None)
