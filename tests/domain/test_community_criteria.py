"""Community MARAC criteria (Redbridge, Islington): vulnerable AND significant risk AND a
multi-agency need, with steps already taken; adults only; or a repeat referral."""

from datetime import date
from typing import Any

import pytest

from domain import (
    ASB_MATRIX_V1,
    DASH_2009_V1,
    CommunityRules,
    Criterion,
    InvalidConfigError,
    InvalidDateOrderError,
    MissingRationaleError,
    UnknownVulnerabilityError,
    Verdict,
    Vulnerability,
    WrongInstrumentError,
    assess_community_referral,
    score,
)
from domain.scoring import ScoredAssessment

REFERRAL = date(2025, 3, 10)


def matrix(**answers: str) -> ScoredAssessment:
    lowest = {q.id: q.options[0].value for q in ASB_MATRIX_V1.questions}
    return score(ASB_MATRIX_V1, lowest | answers)


HIGH = {"mental_health": "significant", "isolation": "yes", "fear": "very", "health": "some",
        "daily_life": "some", "frequency": "weekly", "duration": "over_6_months",
        "escalation": "worse"}


def assess(**overrides: Any) -> Verdict:
    """An eligible new community referral unless the overrides take something away."""
    arguments: dict[str, Any] = {
        "referral_date": REFERRAL,
        "subject_date_of_birth": date(1970, 5, 5),
        "vulnerabilities": {Vulnerability.MENTAL_HEALTH},
        "assessment": matrix(**HIGH),
        "multi_agency_need": "housing, mental-health and police responses needed together",
        "steps_already_taken": ("referred to floating support", "tenancy warning issued"),
    }
    return assess_community_referral(**(arguments | overrides))


def test_a_new_referral_meeting_every_criterion_is_eligible() -> None:
    verdict = assess()
    assert verdict.eligible
    assert verdict.met == (Criterion.VULNERABILITY, Criterion.SIGNIFICANT_RISK,
                           Criterion.MULTI_AGENCY_NEED, Criterion.STEPS_ALREADY_TAKEN,
                           Criterion.AGE)
    assert verdict.result(Criterion.SIGNIFICANT_RISK).reason == (
        "25 points on asb-matrix 2024-v1 (25 needed); no professional judgement"
    )
    assert verdict.result(Criterion.STEPS_ALREADY_TAKEN).reason == "2 step(s) already taken"


@pytest.mark.parametrize(
    ("overrides", "criterion", "reason"),
    [
        pytest.param({"vulnerabilities": set()}, Criterion.VULNERABILITY,
                     "no vulnerability recorded", id="not vulnerable"),
        pytest.param({"assessment": matrix(**(HIGH | {"isolation": "partly"}))},
                     Criterion.SIGNIFICANT_RISK,
                     "23 points on asb-matrix 2024-v1 (25 needed); no professional judgement",
                     id="matrix below 25"),
        pytest.param({"assessment": None}, Criterion.SIGNIFICANT_RISK,
                     "no risk matrix submitted; no professional judgement", id="no matrix"),
        pytest.param({"multi_agency_need": None}, Criterion.MULTI_AGENCY_NEED,
                     "no multi-agency need described", id="one agency can act alone"),
        pytest.param({"steps_already_taken": ()}, Criterion.STEPS_ALREADY_TAKEN,
                     "no steps already taken are listed", id="no steps already taken"),
        pytest.param({"subject_date_of_birth": date(2007, 3, 11)}, Criterion.AGE,
                     "the person referred is under 18 at referral", id="17, a child"),
    ],
)
def test_a_new_referral_needs_every_criterion(
    overrides: dict[str, Any], criterion: Criterion, reason: str
) -> None:
    verdict = assess(**overrides)
    assert not verdict.eligible
    assert verdict.result(criterion).met is False
    assert verdict.result(criterion).reason == reason


def test_professional_judgement_alone_shows_significant_risk() -> None:
    verdict = assess(assessment=matrix(), professional_judgement="escalating threats")
    assert verdict.eligible
    assert verdict.result(Criterion.SIGNIFICANT_RISK).reason == (
        "0 points on asb-matrix 2024-v1 (25 needed); with professional judgement"
    )


def test_vulnerabilities_are_listed_and_may_be_given_as_their_codes() -> None:
    verdict = assess(vulnerabilities=["disability", Vulnerability.DRUGS_ALCOHOL])
    assert verdict.result(Criterion.VULNERABILITY).reason == (
        "vulnerable: disability, drugs_alcohol"
    )


@pytest.mark.parametrize(
    ("previously_referred", "new_incident", "eligible", "reason"),
    [
        pytest.param(True, True, True, "referred before; new significant incident",
                     id="repeat with a new significant incident"),
        pytest.param(True, False, False, "referred before, but no new significant incident",
                     id="referred before, nothing new"),
        pytest.param(False, True, False, "not referred to this panel before",
                     id="new incident, never referred"),
    ],
)
def test_a_repeat_is_heard_without_meeting_the_new_case_criteria(
    previously_referred: bool, new_incident: bool, eligible: bool, reason: str
) -> None:
    verdict = assess(assessment=None, multi_agency_need=None, steps_already_taken=(),
                     previously_referred=previously_referred,
                     new_significant_incident=new_incident)
    assert verdict.eligible is eligible
    assert verdict.result(Criterion.REPEAT).reason == reason


def test_a_repeat_is_still_for_adults_only() -> None:
    verdict = assess(subject_date_of_birth=date(2008, 1, 1), previously_referred=True,
                     new_significant_incident=True)
    assert verdict.result(Criterion.REPEAT).met
    assert not verdict.eligible


def test_a_panel_may_lower_the_age_floor_and_use_its_own_matrix_key() -> None:
    verdict = assess(subject_date_of_birth=date(2008, 1, 1), rules=CommunityRules(age_floor=16))
    assert verdict.eligible
    with pytest.raises(WrongInstrumentError, match="on 'redbridge-asb', not 'asb-matrix'"):
        assess(rules=CommunityRules(instrument_key="redbridge-asb"))


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        pytest.param({"professional_judgement": ""}, MissingRationaleError,
                     "professional judgement needs a written rationale", id="blank judgement"),
        pytest.param({"multi_agency_need": " "}, MissingRationaleError,
                     "a multi-agency need needs a written rationale", id="blank need"),
        pytest.param({"steps_already_taken": ("warning letter", "")}, MissingRationaleError,
                     "step 2 of the steps already taken is blank", id="blank step"),
        pytest.param({"vulnerabilities": {"John Smith"}}, UnknownVulnerabilityError,
                     "unknown vulnerability kind; use mental_health", id="unknown vulnerability"),
        pytest.param({"assessment": score(DASH_2009_V1, {q.id: "no"
                                                         for q in DASH_2009_V1.questions})},
                     WrongInstrumentError, "on 'asb-matrix', not 'dash'", id="scored on DASH"),
        pytest.param({"subject_date_of_birth": date(2025, 3, 11)}, InvalidDateOrderError,
                     "date of birth is after", id="born after referral"),
    ],
)
def test_invalid_community_referrals_are_refused(
    overrides: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as caught:
        assess(**overrides)
    assert "John" not in str(caught.value)


def test_a_negative_age_floor_is_refused() -> None:
    with pytest.raises(InvalidConfigError, match="age floor must be at least 0, got -1"):
        CommunityRules(age_floor=-1)
