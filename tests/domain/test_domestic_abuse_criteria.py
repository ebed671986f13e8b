"""Domestic-abuse referral criteria: any one of visible high risk, professional judgement,
escalation or repeat, for a victim at or over the panel's age floor (default 16)."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import (
    ASB_MATRIX_V1,
    DASH_2009_V1,
    Criterion,
    DomesticAbuseRules,
    InvalidConfigError,
    InvalidDateOrderError,
    MissingRationaleError,
    Verdict,
    WrongInstrumentError,
    assess_domestic_abuse_referral,
    score,
)
from domain.instruments import Instrument
from domain.scoring import ScoredAssessment

REFERRAL = date(2025, 3, 10)
ADULT = date(1990, 6, 1)


def dash(yes: int) -> ScoredAssessment:
    ids = [q.id for q in DASH_2009_V1.questions]
    return score(DASH_2009_V1, {qid: "yes" if n < yes else "no" for n, qid in enumerate(ids)})


def assess(**overrides: Any) -> Verdict:
    """A referral meeting no criterion unless the overrides say so."""
    arguments: dict[str, Any] = {
        "referral_date": REFERRAL, "victim_date_of_birth": ADULT, "assessment": dash(0),
    }
    return assess_domestic_abuse_referral(**(arguments | overrides))


@pytest.mark.parametrize(
    ("overrides", "met", "reason"),
    [
        pytest.param({"assessment": dash(14)}, {Criterion.VISIBLE_HIGH_RISK},
                     "14 yes answers on dash 2009-v1 (14 needed)", id="14 ticks"),
        pytest.param({"professional_judgement": "victim too frightened to disclose"},
                     {Criterion.PROFESSIONAL_JUDGEMENT}, "professional judgement with a rationale",
                     id="professional judgement below 14"),
        pytest.param({"incident_dates": [date(2024, 3, 10), date(2024, 9, 1), REFERRAL]},
                     {Criterion.ESCALATION}, "3 incident(s) in the 12 months to the referral",
                     id="3 incidents, the first exactly 12 months before"),
        pytest.param({"last_referral_date": date(2024, 3, 10)}, {Criterion.REPEAT},
                     "last referred 2024-03-10, window ends 2025-03-10",
                     id="repeat on the last day of the window"),
        pytest.param({"assessment": None, "last_referral_date": date(2024, 6, 1)},
                     {Criterion.REPEAT}, "window ends 2025-06-01",
                     id="repeat without a fresh checklist"),
    ],
)
def test_any_one_criterion_makes_a_referral_eligible(
    overrides: dict[str, Any], met: set[Criterion], reason: str
) -> None:
    verdict = assess(**overrides)
    assert verdict.eligible
    assert set(verdict.met) == met | {Criterion.AGE}
    assert reason in verdict.result(next(iter(met))).reason


@pytest.mark.parametrize(
    ("overrides", "criterion", "reason"),
    [
        pytest.param({"assessment": dash(13)}, Criterion.VISIBLE_HIGH_RISK,
                     "13 yes answers on dash 2009-v1 (14 needed)", id="13 ticks"),
        pytest.param({"assessment": None}, Criterion.VISIBLE_HIGH_RISK,
                     "no risk checklist submitted", id="no checklist"),
        pytest.param({}, Criterion.PROFESSIONAL_JUDGEMENT, "no professional judgement given",
                     id="no professional judgement"),
        pytest.param({"incident_dates": [date(2024, 3, 9), date(2024, 9, 1), REFERRAL]},
                     Criterion.ESCALATION,
                     "2 incident(s) in the 12 months to the referral (3 needed)",
                     id="3 incidents, the first a day too early"),
        pytest.param({"last_referral_date": date(2024, 3, 9)}, Criterion.REPEAT,
                     "last referred 2024-03-09, window ended 2025-03-09: a new case",
                     id="the day after the window is a new case"),
        pytest.param({}, Criterion.REPEAT, "no earlier referral to this panel",
                     id="never referred"),
    ],
)
def test_each_unmet_criterion_says_why(
    overrides: dict[str, Any], criterion: Criterion, reason: str
) -> None:
    verdict = assess(**overrides)
    assert not verdict.eligible
    assert verdict.result(criterion).met is False
    assert verdict.result(criterion).reason == reason


def test_every_criterion_is_listed_with_every_one_met() -> None:
    verdict = assess(
        assessment=dash(20), professional_judgement="serious concern",
        incident_dates=[REFERRAL] * 3, last_referral_date=date(2024, 12, 1),
    )
    assert verdict.eligible
    assert verdict.met == (Criterion.VISIBLE_HIGH_RISK, Criterion.PROFESSIONAL_JUDGEMENT,
                           Criterion.ESCALATION, Criterion.REPEAT, Criterion.AGE)


@pytest.mark.parametrize(
    ("date_of_birth", "rules", "eligible", "reason"),
    [
        pytest.param(date(2009, 3, 10), DomesticAbuseRules(), True,
                     "the victim is 16 or over at referral", id="16 on the referral date"),
        pytest.param(date(2009, 3, 11), DomesticAbuseRules(), False,
                     "the victim is under 16 at referral", id="16 the day after referral"),
        pytest.param(date(2008, 1, 1), DomesticAbuseRules(age_floor=18), False,
                     "the victim is under 18 at referral", id="17 under Kent's older floor of 18"),
    ],
)
def test_the_age_floor_applies_even_to_high_risk(
    date_of_birth: date, rules: DomesticAbuseRules, eligible: bool, reason: str
) -> None:
    verdict = assess(victim_date_of_birth=date_of_birth, assessment=dash(24), rules=rules)
    assert verdict.eligible is eligible
    assert verdict.result(Criterion.AGE).reason == reason


def test_a_panel_may_set_its_own_escalation_rule() -> None:
    rules = DomesticAbuseRules(escalation_incidents=2, escalation_months=6)
    verdict = assess(incident_dates=[date(2024, 9, 10), date(2025, 1, 1)], rules=rules)
    assert verdict.result(Criterion.ESCALATION).reason == (
        "2 incident(s) in the 6 months to the referral (2 needed)"
    )
    assert verdict.eligible


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        pytest.param({"professional_judgement": "  "}, MissingRationaleError,
                     "professional judgement needs a written rationale", id="blank rationale"),
        pytest.param({"incident_dates": [REFERRAL + timedelta(days=1)]}, InvalidDateOrderError,
                     "an incident is dated after the referral", id="incident after referral"),
        pytest.param({"last_referral_date": REFERRAL + timedelta(days=1)}, InvalidDateOrderError,
                     "the new referral is dated before the last referral",
                     id="last referral after this one"),
        pytest.param({"victim_date_of_birth": REFERRAL + timedelta(days=1)},
                     InvalidDateOrderError, "date of birth is after", id="born after referral"),
        pytest.param({"assessment": score(ASB_MATRIX_V1, {q.id: q.options[0].value
                                                          for q in ASB_MATRIX_V1.questions})},
                     WrongInstrumentError, "scores referrals on 'dash', not 'asb-matrix'",
                     id="scored on the ASB matrix"),
    ],
)
def test_invalid_referrals_are_refused(
    overrides: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as caught:
        assess(**overrides)
    assert "1990" not in str(caught.value)


@pytest.mark.parametrize(
    "setting",
    [
        pytest.param({"age_floor": -1}, id="negative age floor"),
        pytest.param({"escalation_incidents": 0}, id="zero incidents"),
        pytest.param({"escalation_months": 0}, id="zero-month escalation window"),
        pytest.param({"repeat_months": 0}, id="zero-month repeat window"),
    ],
)
def test_panel_rules_out_of_range_are_refused(setting: dict[str, int]) -> None:
    with pytest.raises(InvalidConfigError, match="must be at least"):
        DomesticAbuseRules(**setting)


def test_a_panel_using_another_dash_version_names_its_key() -> None:
    renamed = Instrument("dash-cymru", "2024", DASH_2009_V1.title, DASH_2009_V1.scoring,
                         14, DASH_2009_V1.questions)
    assessment = score(renamed, {q.id: "yes" for q in renamed.questions})
    verdict = assess(assessment=assessment, rules=DomesticAbuseRules(instrument_key="dash-cymru"))
    assert verdict.met == (Criterion.VISIBLE_HIGH_RISK, Criterion.AGE)


@settings(max_examples=80, deadline=None)
@given(
    yes=st.integers(min_value=0, max_value=24),
    incidents=st.lists(st.dates(date(2023, 1, 1), REFERRAL), max_size=5),
    last_referral=st.none() | st.dates(date(2022, 1, 1), REFERRAL),
    date_of_birth=st.dates(date(1940, 1, 1), date(2012, 1, 1)),
)
def test_professional_judgement_never_lowers_eligibility(
    yes: int, incidents: list[date], last_referral: date | None, date_of_birth: date
) -> None:
    common: dict[str, Any] = {
        "assessment": dash(yes), "incident_dates": incidents,
        "last_referral_date": last_referral, "victim_date_of_birth": date_of_birth,
    }
    without = assess(**common)
    with_judgement = assess(**common, professional_judgement="serious concern")
    assert with_judgement.eligible >= without.eligible
    judgement = Criterion.PROFESSIONAL_JUDGEMENT
    assert [r for r in with_judgement.criteria if r.criterion != judgement] == [
        r for r in without.criteria if r.criterion != judgement
    ]
    if yes >= 14:
        assert with_judgement.result(Criterion.VISIBLE_HIGH_RISK).met


@settings(max_examples=40, deadline=None)
@given(ticked=st.sets(st.integers(min_value=0, max_value=23), min_size=14))
def test_any_14_yes_answers_make_an_adult_eligible(ticked: set[int]) -> None:
    answers = {q.id: "yes" if n in ticked else "dont_know"
               for n, q in enumerate(DASH_2009_V1.questions)}
    verdict = assess(assessment=score(DASH_2009_V1, answers))
    assert verdict.eligible
    assert verdict.result(Criterion.VISIBLE_HIGH_RISK).met
