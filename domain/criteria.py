"""Domestic-abuse referral criteria: visible high risk, professional judgement, escalation,
repeat; any one suffices for a victim at or over the panel's age floor."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain._checks import at_least
from domain.dates import add_months
from domain.errors import InvalidDateOrderError
from domain.scoring import ScoredAssessment
from domain.verdicts import (
    Criterion,
    CriterionResult,
    Verdict,
    age_result,
    has_rationale,
    require_instrument,
)
from domain.windows import is_repeat, repeat_window_end


@dataclass(frozen=True)
class DomesticAbuseRules:
    """A domestic-abuse panel's settings; the score threshold lives in the instrument version."""

    age_floor: int = 16
    escalation_incidents: int = 3
    escalation_months: int = 12
    repeat_months: int = 12
    instrument_key: str = "dash"

    def __post_init__(self) -> None:
        at_least(self.age_floor, 0, "age floor")
        at_least(self.escalation_incidents, 1, "escalation incidents")
        at_least(self.escalation_months, 1, "escalation months")
        at_least(self.repeat_months, 1, "repeat months")


DEFAULT_DOMESTIC_ABUSE_RULES = DomesticAbuseRules()


def assess_domestic_abuse_referral(
    *,
    referral_date: date,
    victim_date_of_birth: date,
    assessment: ScoredAssessment | None = None,
    professional_judgement: str | None = None,
    incident_dates: Iterable[date] = (),
    last_referral_date: date | None = None,
    rules: DomesticAbuseRules = DEFAULT_DOMESTIC_ABUSE_RULES,
) -> Verdict:
    """Domestic abuse: any one criterion suffices, for a victim at or over the age floor."""
    routes = (
        _visible_high_risk(assessment, rules.instrument_key),
        _professional_judgement(professional_judgement),
        _escalation(incident_dates, referral_date, rules),
        _repeat(last_referral_date, referral_date, rules.repeat_months),
    )
    age = age_result(victim_date_of_birth, referral_date, rules.age_floor, "the victim")
    return Verdict(eligible=age.met and any(r.met for r in routes), criteria=(*routes, age))


def _visible_high_risk(
    assessment: ScoredAssessment | None, instrument_key: str
) -> CriterionResult:
    """DASH: 14 or more yes answers is visible high risk; 'don't know' never counts."""
    if assessment is None:
        return CriterionResult(Criterion.VISIBLE_HIGH_RISK, False, "no risk checklist submitted")
    require_instrument(assessment, instrument_key)
    return CriterionResult(
        Criterion.VISIBLE_HIGH_RISK, assessment.threshold_met, assessment.describe()
    )


def _professional_judgement(rationale: str | None) -> CriterionResult:
    """Professional judgement: refers below 14 with a written rationale; never downgrades."""
    if has_rationale(rationale, "professional judgement"):
        return CriterionResult(
            Criterion.PROFESSIONAL_JUDGEMENT, True, "professional judgement with a rationale"
        )
    return CriterionResult(
        Criterion.PROFESSIONAL_JUDGEMENT, False, "no professional judgement given"
    )


def _escalation(
    incident_dates: Iterable[date], referral_date: date, rules: DomesticAbuseRules
) -> CriterionResult:
    """Escalation: 3 or more incidents in the 12 months before the referral."""
    dates = list(incident_dates)
    if any(incident > referral_date for incident in dates):
        raise InvalidDateOrderError("an incident is dated after the referral")
    months = rules.escalation_months
    recent = sum(1 for incident in dates if referral_date <= add_months(incident, months))
    return CriterionResult(
        Criterion.ESCALATION,
        recent >= rules.escalation_incidents,
        f"{recent} incident(s) in the {months} months to the referral"
        f" ({rules.escalation_incidents} needed)",
    )


def _repeat(last_referral: date | None, referral_date: date, months: int) -> CriterionResult:
    """Repeat: within 12 months of the last referral it is referred regardless of risk."""
    if last_referral is None:
        return CriterionResult(Criterion.REPEAT, False, "no earlier referral to this panel")
    window_end = repeat_window_end(last_referral, months)
    if is_repeat(last_referral, referral_date, months):
        return CriterionResult(
            Criterion.REPEAT, True, f"last referred {last_referral}, window ends {window_end}"
        )
    return CriterionResult(
        Criterion.REPEAT, False,
        f"last referred {last_referral}, window ended {window_end}: a new case",
    )
