"""Community MARAC criteria (Redbridge, Islington): an adult who is vulnerable, at significant
risk, needing a multi-agency response, with steps already taken; or a repeat referral."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain._checks import at_least
from domain.errors import MissingRationaleError, UnknownVulnerabilityError
from domain.scoring import ScoredAssessment
from domain.verdicts import (
    Criterion,
    CriterionResult,
    Verdict,
    age_result,
    has_rationale,
    require_instrument,
)


class Vulnerability(StrEnum):
    """Community MARAC: the needs that make a victim or perpetrator vulnerable."""

    MENTAL_HEALTH = "mental_health"
    DRUGS_ALCOHOL = "drugs_alcohol"
    LEARNING_DIFFICULTY = "learning_difficulty"
    DISABILITY = "disability"
    OTHER_SUPPORT_NEEDS = "other_support_needs"


@dataclass(frozen=True)
class CommunityRules:
    """A community panel's settings; the matrix threshold lives in the instrument version."""

    age_floor: int = 18
    instrument_key: str = "asb-matrix"

    def __post_init__(self) -> None:
        at_least(self.age_floor, 0, "age floor")


DEFAULT_COMMUNITY_RULES = CommunityRules()


def assess_community_referral(
    *,
    referral_date: date,
    subject_date_of_birth: date,
    vulnerabilities: Collection[Vulnerability] = frozenset(),
    assessment: ScoredAssessment | None = None,
    professional_judgement: str | None = None,
    multi_agency_need: str | None = None,
    steps_already_taken: Sequence[str] = (),
    previously_referred: bool = False,
    new_significant_incident: bool = False,
    rules: CommunityRules = DEFAULT_COMMUNITY_RULES,
) -> Verdict:
    """Community MARAC: adults only; a repeat, or every new-case criterion met."""
    new_case = (
        _vulnerability(vulnerabilities),
        _significant_risk(assessment, professional_judgement, rules.instrument_key),
        _multi_agency_need(multi_agency_need),
        _steps_already_taken(steps_already_taken),
    )
    repeat = _repeat(previously_referred, new_significant_incident)
    age = age_result(subject_date_of_birth, referral_date, rules.age_floor, "the person referred")
    eligible = age.met and (repeat.met or all(c.met for c in new_case))
    return Verdict(eligible=eligible, criteria=(*new_case, repeat, age))


def _vulnerability(vulnerabilities: Collection[Vulnerability]) -> CriterionResult:
    """Community MARAC: mental health, drugs/alcohol, learning difficulty, disability or other."""
    if not vulnerabilities:
        return CriterionResult(Criterion.VULNERABILITY, False, "no vulnerability recorded")
    kinds = ", ".join(sorted(_kind(v).value for v in vulnerabilities))
    return CriterionResult(Criterion.VULNERABILITY, True, f"vulnerable: {kinds}")


def _kind(value: str) -> Vulnerability:
    """A vulnerability kind from its enum or its string; anything else is refused unechoed."""
    try:
        return Vulnerability(value)
    except ValueError:
        allowed = ", ".join(v.value for v in Vulnerability)
        raise UnknownVulnerabilityError(f"unknown vulnerability kind; use {allowed}") from None


def _significant_risk(
    assessment: ScoredAssessment | None, judgement: str | None, instrument_key: str
) -> CriterionResult:
    """Community MARAC: 25 or more on the ASB matrix, or professional judgement with rationale."""
    scored = False
    found = "no risk matrix submitted"
    if assessment is not None:
        require_instrument(assessment, instrument_key)
        scored, found = assessment.threshold_met, assessment.describe()
    judged = has_rationale(judgement, "professional judgement")
    judged_text = "with" if judged else "no"
    return CriterionResult(
        Criterion.SIGNIFICANT_RISK,
        scored or judged,
        f"{found}; {judged_text} professional judgement",
    )


def _multi_agency_need(description: str | None) -> CriterionResult:
    """Community MARAC: the case needs a multi-agency response, and the referrer says why."""
    if has_rationale(description, "a multi-agency need"):
        return CriterionResult(Criterion.MULTI_AGENCY_NEED, True, "multi-agency need described")
    return CriterionResult(Criterion.MULTI_AGENCY_NEED, False, "no multi-agency need described")


def _steps_already_taken(steps: Sequence[str]) -> CriterionResult:
    """Community MARAC: the referrer must show the steps already taken to address the risk."""
    blank = [n for n, step in enumerate(steps, start=1) if not step.strip()]
    if blank:
        raise MissingRationaleError(f"step {blank[0]} of the steps already taken is blank")
    if not steps:
        return CriterionResult(
            Criterion.STEPS_ALREADY_TAKEN, False, "no steps already taken are listed"
        )
    return CriterionResult(
        Criterion.STEPS_ALREADY_TAKEN, True, f"{len(steps)} step(s) already taken"
    )


def _repeat(previously_referred: bool, new_significant_incident: bool) -> CriterionResult:
    """Community repeat: previously referred, and a new significant incident or victimisation."""
    if not previously_referred:
        return CriterionResult(Criterion.REPEAT, False, "not referred to this panel before")
    if not new_significant_incident:
        return CriterionResult(
            Criterion.REPEAT, False, "referred before, but no new significant incident"
        )
    return CriterionResult(Criterion.REPEAT, True, "referred before; new significant incident")
