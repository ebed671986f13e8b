"""Listing meetings from a rule, and which dates may hold a meeting."""

from datetime import date

import pytest

from domain import InvalidConfigError, MeetingRules
from domain.meeting_dates import (
    DateIssue,
    EveryOtherWeek,
    NthWeekday,
    SeriesDate,
    meeting_date_issue,
    meeting_series,
)

THURSDAY, TUESDAY, MONDAY, FRIDAY = 3, 1, 0, 4


@pytest.mark.parametrize(("rule", "month", "expected"), [
    pytest.param(NthWeekday(THURSDAY, 1), 1, date(2027, 1, 7), id="first Thursday"),
    pytest.param(NthWeekday(THURSDAY, 1), 4, date(2027, 4, 1), id="first day is a Thursday"),
    pytest.param(NthWeekday(TUESDAY, 2), 3, date(2027, 3, 9), id="second Tuesday"),
    pytest.param(NthWeekday(MONDAY, -1), 3, date(2027, 3, 29), id="last Monday"),
    pytest.param(NthWeekday(FRIDAY, -1), 12, date(2027, 12, 31), id="last Friday of December"),
])
def test_nth_weekday_gives_one_date_a_month(rule: NthWeekday, month: int,
                                            expected: date) -> None:
    dates = rule.dates(2027)
    assert len(dates) == 12
    assert dates[month - 1] == expected


@pytest.mark.parametrize(("weekday", "nth"), [
    pytest.param(7, 1, id="no such weekday"), pytest.param(-1, 1, id="negative weekday"),
    pytest.param(THURSDAY, 5, id="fifth"), pytest.param(THURSDAY, 0, id="zeroth"),
])
def test_nth_weekday_refuses_a_rule_that_names_no_day(weekday: int, nth: int) -> None:
    with pytest.raises(InvalidConfigError):
        NthWeekday(weekday, nth)


@pytest.mark.parametrize(("first", "year", "count", "first_in_year"), [
    pytest.param(date(2026, 12, 1), 2027, 26, date(2027, 1, 12), id="series began last year"),
    pytest.param(date(2027, 3, 2), 2027, 22, date(2027, 3, 2), id="series begins this year"),
    pytest.param(date(2028, 1, 4), 2027, 0, None, id="series begins next year"),
])
def test_every_other_week_lists_the_year_fortnightly(first: date, year: int, count: int,
                                                     first_in_year: date | None) -> None:
    dates = EveryOtherWeek(first).dates(year)
    assert len(dates) == count
    assert (dates[0] if dates else None) == first_in_year
    assert all((b - a).days == 14 for a, b in zip(dates, dates[1:], strict=False))
    assert all(d.weekday() == first.weekday() and d.year == year for d in dates)


def test_a_bank_holiday_moves_to_the_next_working_day() -> None:
    # Last Monday of March 2027 is Easter Monday (29th); of December, the 27th (Boxing Day
    # substitute) and the next day is a bank holiday too.
    series = meeting_series(NthWeekday(MONDAY, -1), 2027)
    assert series[2] == SeriesDate(date(2027, 3, 29), date(2027, 3, 30))
    assert series[11] == SeriesDate(date(2027, 12, 27), date(2027, 12, 29))
    assert series[0] == SeriesDate(date(2027, 1, 25), date(2027, 1, 25))


def test_scotland_keeps_its_own_bank_holidays() -> None:
    series = meeting_series(NthWeekday(MONDAY, -1), 2027, MeetingRules(subdivision="SCT"))
    assert series[2].held_on == date(2027, 3, 29)  # Easter Monday is not a Scottish holiday


def test_a_series_needs_a_sensible_year() -> None:
    with pytest.raises(InvalidConfigError):
        meeting_series(NthWeekday(MONDAY, 1), 1899)


TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("day", "emergency", "issue"), [
    pytest.param(date(2026, 12, 25), False, DateIssue.NOT_A_WORKING_DAY, id="Christmas Day"),
    pytest.param(date(2027, 3, 26), True, DateIssue.NOT_A_WORKING_DAY, id="Good Friday"),
    pytest.param(date(2026, 11, 28), True, DateIssue.NOT_A_WORKING_DAY, id="Saturday"),
    pytest.param(date(2026, 11, 24), True, DateIssue.IN_THE_PAST, id="yesterday"),
    pytest.param(date(2026, 12, 3), False, DateIssue.CUTOFF_PASSED, id="cut-off passed"),
    pytest.param(date(2026, 12, 3), True, None, id="emergency ignores the cut-off"),
    pytest.param(date(2026, 11, 25), True, None, id="emergency today"),
    pytest.param(date(2026, 12, 7), False, None, id="cut-off is today"),
    pytest.param(date(2027, 1, 7), False, None, id="well ahead"),
])
def test_meeting_date_issue(day: date, emergency: bool, issue: DateIssue | None) -> None:
    assert meeting_date_issue(day, TODAY, emergency=emergency) is issue
