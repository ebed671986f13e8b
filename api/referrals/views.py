"""What the API answers about referrals: the record, the verdict, the triage decision."""

import uuid
from datetime import date, datetime
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from api.common import access
from api.people.models import Person, PersonRole
from api.people.schemas import PersonBrief, PersonRead
from api.referrals.models import ConsentStatus, Referral, ReferralStatus, RiskAssessment
from api.referrals.models import TriageDecision as TriageRow
from api.referrals.repeats import RepeatCandidate
from api.referrals.triage_schemas import TriageRead
from api.referrals.verdict import seen_as_submitted
from api.security.principal import Principal


class CriterionRead(BaseModel):
    criterion: str
    met: bool
    reason: str


class VerdictRead(BaseModel):
    eligible: bool
    criteria: list[CriterionRead] = Field(description="Every criterion, met or not, and why")


class RiskAssessmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    instrument_key: str
    instrument_version: str
    answers: dict[str, str]
    score: int
    threshold: int
    threshold_met: bool


class ReferralSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    panel_id: uuid.UUID
    status: ReferralStatus
    referral_date: date
    submitted_at: datetime
    agency_id: uuid.UUID
    eligible: bool
    case_id: uuid.UUID | None
    is_repeat: bool


class ReferralListItem(ReferralSummary):
    """What a coordinator scans a list by."""

    victim: PersonBrief
    agency_name: str | None = Field(description="The referring agency")
    verdict: Literal["eligible", "not_eligible"] = Field(description="The rules' verdict")
    score: int | None = Field(description="The risk checklist's score, if one was sent")
    children: int = Field(description="Children named on the referral")
    consent_status: ConsentStatus = Field(description="The consent now (its latest record)")
    awaiting_sharing_basis: bool = Field(
        description="Neither consent given nor an approved sharing decision: it would wait for "
                    "a basis before going on an agenda")
    repeat_candidate: bool | None = Field(
        description="Submission found an earlier case this may repeat (confirmed at triage); "
        "null for a caller who may not read the panel's cases")


class ReferralPage(BaseModel):
    items: list[ReferralListItem]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end")


class ReferralRead(ReferralSummary):
    external_reference: str | None = Field(
        description="The referring agency's own reference, unique within the agency")
    withdrawal_reason: str | None
    withdrawn_at: datetime | None
    submitted_by_kind: str
    submitted_by_id: uuid.UUID
    referrer: dict[str, Any]
    victim: PersonRead
    perpetrators: list[PersonRead]
    children: list[PersonRead]
    household_members: list[PersonRead]
    relationships: list[dict[str, str]]
    reason: str
    risks_identified: list[str]
    actions_taken: str | None
    victim_aware: bool
    victim_unaware_reason: str | None
    consent: dict[str, Any]
    consent_status: ConsentStatus
    victim_fears: str | None
    safe_to_talk_to: str | None
    unsafe_to_talk_to: str | None
    referred_to_marac_elsewhere: bool
    other_marac_area: str | None
    fire_service_referral_needed: bool
    referrer_says_repeat: bool
    last_marac_date: date | None
    professional_judgement: str | None
    incident_dates: list[date]
    community: dict[str, Any] | None
    verdict: VerdictRead
    risk_assessment: RiskAssessmentRead | None
    triage: TriageRead | None
    version: int


class ReferralVersionRead(BaseModel):
    version: int
    replaced_at: datetime | None = Field(description="When a later version replaced it; null "
                                                     "for the current version")
    replaced_by_kind: str | None
    replaced_by_id: uuid.UUID | None
    referral: ReferralRead = Field(description="The referral as it stood in this version")


class ReferralVersions(BaseModel):
    items: list[ReferralVersionRead] = Field(description="Oldest first; the last is current")


class ReferralSubmitted(ReferralRead):
    repeat_candidates: list[RepeatCandidate] | None = Field(
        description="Earlier cases this may repeat, confirmed only at triage: for the panel's "
                    "coordinators and chairs only (null for everyone else)")


# The as-submitted verdict rides with a stored submission answer, so that a replay can be shown
# to its caller as a fresh answer would be; `present_submitted` always removes it.
_AS_SUBMITTED_KEY = "_verdict_as_submitted"


STORED_VERDICT = "stored_verdict"


def referral_read(referral: Referral, people: list[Person], assessment: RiskAssessment | None,
                  triage: TriageRow | None, principal: Principal | None) -> ReferralRead:
    """The referral as `principal` may see it; None is the record itself (kept versions)."""
    read = _read(ReferralRead, referral, people, assessment, triage)
    return read if principal is None else as_seen_by(read, referral.verdict, principal)


def as_seen_by(read: ReferralRead, stored_verdict: dict[str, Any],
               principal: Principal) -> ReferralRead:
    """A caller who cannot read the panel's cases sees the verdict on what was submitted."""
    if not access.sees_panel_cases(principal, read.panel_id):
        read.verdict = VerdictRead.model_validate(seen_as_submitted(stored_verdict))
        read.eligible = read.verdict.eligible
    return read


def summaries(referrals: list[Referral], principal: Principal) -> list[ReferralSummary]:
    """List rows; a caller who cannot read the panel's cases sees eligibility as submitted."""
    rows = []
    for referral in referrals:
        row = ReferralSummary.model_validate(referral)
        if not access.sees_panel_cases(principal, referral.panel_id):
            row.eligible = bool(seen_as_submitted(referral.verdict)["eligible"])
        rows.append(row)
    return rows


def referral_submitted(referral: Any, people: list[Any], assessment: Any | None,
                       repeat_candidates: list[RepeatCandidate]) -> dict[str, Any]:
    """What submission stores for itself and its replays: the new record (rows not yet read
    back), every repeat candidate and both verdicts; `present_submitted` makes each caller's
    view of it."""
    read = _read(ReferralSubmitted, referral, people, assessment, None,
                 repeat_candidates=repeat_candidates)
    return {**read.model_dump(mode="json"),
            _AS_SUBMITTED_KEY: seen_as_submitted(referral.verdict)}


def present_submitted(body: dict[str, Any], principal: Principal) -> dict[str, Any]:
    """Repeat candidates only for the panel's triagers; the full verdict only for those who
    read its cases; anyone else sees the verdict on what they submitted."""
    shown = dict(body)
    as_submitted = shown.pop(_AS_SUBMITTED_KEY, None)
    panel_id = uuid.UUID(str(shown["panel_id"])) if "panel_id" in shown else None
    if "repeat_candidates" in shown and not (
            panel_id and access.can_triage(principal, panel_id)):
        shown["repeat_candidates"] = None
    if as_submitted is not None and not (
            panel_id and access.sees_panel_cases(principal, panel_id)):
        shown["verdict"], shown["eligible"] = as_submitted, as_submitted["eligible"]
    return shown


Read = TypeVar("Read", bound=ReferralRead)


def _read(model: type[Read], referral: Any, people: list[Any], assessment: Any | None,
          triage: TriageRow | None, **more: Any) -> Read:
    by_role = {role: [PersonRead.model_validate(p) for p in people if p.role is role]
               for role in PersonRole}
    base = ReferralSummary.model_validate(referral).model_dump()
    extra = {name: getattr(referral, name) for name in ReferralRead.model_fields
             if name not in base and hasattr(Referral, name)}
    return model(
        **base, **extra, victim=by_role[PersonRole.victim][0],
        perpetrators=by_role[PersonRole.perpetrator], children=by_role[PersonRole.child],
        household_members=by_role[PersonRole.household_member],
        risk_assessment=RiskAssessmentRead.model_validate(assessment) if assessment else None,
        triage=TriageRead.model_validate(triage) if triage else None, **more)
