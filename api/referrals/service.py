"""Submitting a referral: rules first (nothing is written if they refuse), then the records."""

import uuid
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session

from api.panels.models import Panel
from api.people.keys import key_dicts, person_probe
from api.people.models import Person, PersonNameKey, PersonRole
from api.problems import NotFound
from api.referrals import access, verdict
from api.referrals.models import Referral, ReferralStatus, RiskAssessment
from api.referrals.repeats import RepeatCandidate, find_repeats
from api.referrals.schemas import ReferralCreate
from api.security.principal import Principal
from domain.scoring import ScoredAssessment

_DIRECT = ("referral_date", "reason", "risks_identified", "actions_taken", "victim_aware",
           "victim_unaware_reason", "victim_fears", "safe_to_talk_to", "unsafe_to_talk_to",
           "referred_to_marac_elsewhere", "other_marac_area", "fire_service_referral_needed",
           "referrer_says_repeat", "last_marac_date", "professional_judgement")


_PERSON_COLUMNS = tuple(Person.__mapper__.column_attrs)


@dataclass(frozen=True)
class Submitted:
    referral: Referral
    people: list[Person]
    assessment: RiskAssessment | None
    repeat_candidates: list[RepeatCandidate]


def submit(session: Session, principal: Principal, body: ReferralCreate) -> Submitted:
    """Records the referral with the rules' verdict; an ineligible one is still recorded."""
    access.require_submitter(principal, body.panel_id)
    panel = session.get(Panel, body.panel_id)
    if panel is None:
        raise NotFound("No such panel.")
    scored = verdict.score_assessment(panel, body.risk_assessment)
    referral_id = uuid.uuid4()
    people = _people(body, referral_id)
    perpetrators = [person_probe(p) for p in people if p.role is PersonRole.perpetrator]
    evidence = find_repeats(session, panel.id, person_probe(people[0]), perpetrators,
                            body.referral_date)
    outcome = verdict.assess(panel, body, scored, evidence.last_referral_date,
                             evidence.previously_referred)
    referral = _referral(body, principal, referral_id, outcome)
    assessment = _assessment(referral_id, scored)
    session.add_all([referral] if assessment is None else [referral, assessment])
    session.flush()  # the referral first: people and keys refer to it
    session.execute(insert(Person), [_columns(p) for p in people])
    session.execute(insert(PersonNameKey), [row for p in people for row in key_dicts(p)])
    return Submitted(referral, people, assessment, evidence.candidates)


def _columns(person: Person) -> dict[str, object]:
    return {c.key: getattr(person, c.key) for c in _PERSON_COLUMNS}


def _referral(body: ReferralCreate, principal: Principal, referral_id: uuid.UUID,
              outcome: verdict.Verdict) -> Referral:
    fields = {name: getattr(body, name) for name in _DIRECT}
    return Referral(
        id=referral_id, panel_id=body.panel_id, status=ReferralStatus.submitted,
        submitted_by_kind=principal.kind, submitted_by_id=principal.subject_id,
        agency_id=principal.agency_id, referrer=body.referrer.model_dump(mode="json"),
        consent=body.consent.model_dump(mode="json"), consent_status=body.consent.status,
        incident_dates=[d.isoformat() for d in body.incident_dates],
        relationships=[r.model_dump() for r in body.relationships],
        community=body.community.model_dump(mode="json") if body.community else None,
        eligible=outcome.eligible, verdict=verdict.verdict_json(outcome), **fields)


def _people(body: ReferralCreate, referral_id: uuid.UUID) -> list[Person]:
    """The victim first, then perpetrators, children and household members in form order."""
    groups = [(PersonRole.victim, [body.victim]), (PersonRole.perpetrator, body.perpetrators),
              (PersonRole.child, body.children),
              (PersonRole.household_member, body.household_members)]
    return [Person(id=uuid.uuid4(), referral_id=referral_id, panel_id=body.panel_id, role=role,
                   position=n, **entry.model_dump())
            for role, entries in groups for n, entry in enumerate(entries)]


def _assessment(referral_id: uuid.UUID, scored: ScoredAssessment | None) -> RiskAssessment | None:
    if scored is None:
        return None
    return RiskAssessment(
        referral_id=referral_id, instrument_key=scored.instrument_key,
        instrument_version=scored.instrument_version, answers=dict(scored.answers),
        score=scored.score, threshold=scored.threshold, threshold_met=scored.threshold_met)


