"""The rules' verdict on a referral, computed by domain/ from the panel's settings."""

from datetime import date
from typing import Any

from api.panels.models import PanelKind
from api.panels.repository import PanelRules
from api.referrals.schemas import ReferralCreate, RiskAssessmentIn
from domain.community_criteria import CommunityRules, assess_community_referral
from domain.criteria import DomesticAbuseRules, assess_domestic_abuse_referral
from domain.instruments import Instrument
from domain.scoring import ScoredAssessment, score
from domain.verdicts import Verdict


def score_assessment(instrument: Instrument | None,
                     submitted: RiskAssessmentIn | None) -> ScoredAssessment | None:
    """Scores the checklist on the panel's instrument (checks.py has matched the version)."""
    if submitted is None or instrument is None:
        return None
    return score(instrument, submitted.answers)


def assess(panel: PanelRules, body: ReferralCreate, assessment: ScoredAssessment | None,
           last_referral_date: date | None, previously_referred: bool) -> Verdict:
    """Domestic-abuse or community criteria by panel kind; every criterion, met or not."""
    if panel.kind is PanelKind.domestic_abuse:
        return assess_domestic_abuse_referral(
            referral_date=body.referral_date, victim_date_of_birth=body.victim.date_of_birth,
            assessment=assessment, professional_judgement=body.professional_judgement,
            incident_dates=body.incident_dates, last_referral_date=last_referral_date,
            rules=DomesticAbuseRules(age_floor=panel.age_floor,
                                     escalation_incidents=panel.escalation_incidents,
                                     instrument_key=panel.risk_instrument_key))
    community = body.community
    return assess_community_referral(
        referral_date=body.referral_date, subject_date_of_birth=body.victim.date_of_birth,
        vulnerabilities=set(community.vulnerabilities) if community else set(),
        assessment=assessment, professional_judgement=body.professional_judgement,
        multi_agency_need=community.multi_agency_need if community else None,
        steps_already_taken=community.steps_already_taken if community else (),
        previously_referred=previously_referred,
        new_significant_incident=bool(community and community.new_significant_incident),
        rules=CommunityRules(age_floor=panel.age_floor, instrument_key=panel.risk_instrument_key))


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    return {"eligible": verdict.eligible, "criteria": [
        {"criterion": r.criterion.value, "met": r.met, "reason": r.reason}
        for r in verdict.criteria]}
