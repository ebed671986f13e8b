"""Referral form checks: every offending item named at once, each by its place in the form."""

from datetime import date

import pytest

from domain.instrument_data import DASH_2009_V1
from domain.intake_checks import Issue, answer_issues, date_issues, reason_issues

ALL_NO = {f"q{n}": "no" for n in range(1, 25)}
DAY = date(2026, 3, 10)


def test_a_complete_checklist_has_no_issues():
    assert answer_issues(DASH_2009_V1, ALL_NO) == []


def test_every_bad_answer_is_named_at_once():
    answers = {**ALL_NO, "q18": "maybe", "q99": "yes"}
    del answers["q3"], answers["q7"]
    assert answer_issues(DASH_2009_V1, answers) == [
        Issue(("q18",), "not one of yes, no, dont_know"),
        Issue(("q99",), "not a question of dash 2009-v1"),
        Issue(("q3",), "missing: every question needs an answer"),
        Issue(("q7",), "missing: every question needs an answer"),
    ]


@pytest.mark.parametrize(("kwargs", "paths"), [
    pytest.param({}, [], id="all-fine"),
    pytest.param({"referral_date": date(2026, 3, 11)}, [("referral_date",)], id="future"),
    pytest.param({"births": [(("victim", "date_of_birth"), date(2026, 3, 11)),
                             (("children", 0, "date_of_birth"), None)]},
                 [("victim", "date_of_birth")], id="born-after"),
    pytest.param({"births": [(("victim", "date_of_birth"), DAY)]}, [], id="born-that-day"),
    pytest.param({"incidents": [date(2026, 3, 1), date(2026, 4, 1)]}, [("incident_dates", 1)],
                 id="incident-after"),
    pytest.param({"last_marac": date(2026, 3, 11)}, [("last_marac_date",)], id="marac-after"),
    pytest.param({"last_marac": date(2025, 3, 11)}, [], id="marac-before"),
])
def test_dates_in_an_impossible_order_are_named(kwargs, paths):
    args = {"referral_date": DAY, "today": DAY, "births": [], "incidents": []} | kwargs
    assert [i.path for i in date_issues(**args)] == paths


def test_a_future_referral_date_says_what_today_is():
    (issue,) = date_issues(date(2026, 3, 11), DAY, [], [])
    assert "2026-03-10" in issue.detail and "Europe/London" in issue.detail


@pytest.mark.parametrize(("status", "reason", "aware", "unaware_reason", "paths"), [
    pytest.param("given", None, True, None, [], id="given-aware"),
    pytest.param("refused", None, True, None, [("consent", "reason")], id="refused-no-reason"),
    pytest.param("not_sought", "  ", True, None, [("consent", "reason")], id="blank-reason"),
    pytest.param("not_sought", "Not safe to ask", True, None, [], id="not-sought-reason"),
    pytest.param("given", None, False, None, [("victim_unaware_reason",)], id="unaware"),
    pytest.param("given", None, False, "Would alert the abuser", [], id="unaware-reason"),
    pytest.param("refused", "", False, "", [("consent", "reason"), ("victim_unaware_reason",)],
                 id="both"),
])
def test_refused_consent_and_an_unaware_victim_need_reasons(status, reason, aware,
                                                            unaware_reason, paths):
    assert [i.path for i in reason_issues(status, reason, aware, unaware_reason)] == paths
