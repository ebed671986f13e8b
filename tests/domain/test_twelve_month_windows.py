"""The 12-month rules: repeats within 12 months of the last referral; flags for 12 months
after a case was last heard. 'Within 12 months' ends on the same calendar date 12 months
later, and 29 February maps to 28 February."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import (
    InvalidConfigError,
    InvalidDateOrderError,
    add_months,
    age_on,
    flag_expires_on,
    is_flagged,
    is_repeat,
    repeat_window_end,
)


@pytest.mark.parametrize(
    ("last_referral", "window_end"),
    [
        pytest.param(date(2024, 3, 10), date(2025, 3, 10), id="same calendar date"),
        pytest.param(date(2024, 2, 29), date(2025, 2, 28), id="29 Feb 2024 ends 28 Feb 2025"),
        pytest.param(date(2023, 2, 28), date(2024, 2, 28), id="28 Feb into a leap year"),
        pytest.param(date(2024, 12, 31), date(2025, 12, 31), id="new year's eve"),
    ],
)
def test_the_repeat_window_ends_on_the_same_date_next_year(
    last_referral: date, window_end: date
) -> None:
    assert repeat_window_end(last_referral) == window_end


@pytest.mark.parametrize(
    ("last_referral", "new_referral", "repeat"),
    [
        pytest.param(date(2024, 3, 10), date(2025, 3, 10), True, id="last day of the window"),
        pytest.param(date(2024, 3, 10), date(2025, 3, 11), False, id="the day after: a new case"),
        pytest.param(date(2024, 2, 29), date(2025, 2, 28), True, id="leap day, last day"),
        pytest.param(date(2024, 2, 29), date(2025, 3, 1), False, id="leap day, the day after"),
        pytest.param(date(2024, 3, 10), date(2024, 3, 10), True, id="the same day"),
    ],
)
def test_is_repeat(last_referral: date, new_referral: date, repeat: bool) -> None:
    assert is_repeat(last_referral, new_referral) is repeat


def test_a_panel_may_set_a_shorter_repeat_window() -> None:
    assert repeat_window_end(date(2024, 8, 31), months=6) == date(2025, 2, 28)
    assert not is_repeat(date(2024, 8, 31), date(2025, 3, 1), months=6)


def test_a_new_referral_before_the_last_one_is_refused() -> None:
    with pytest.raises(InvalidDateOrderError, match="dated before the last referral"):
        is_repeat(date(2024, 3, 10), date(2024, 3, 9))


@pytest.mark.parametrize(
    ("last_heard", "today", "flagged"),
    [
        pytest.param(date(2024, 5, 1), date(2024, 5, 1), True, id="the day it is heard"),
        pytest.param(date(2024, 5, 1), date(2025, 5, 1), True, id="the expiry date itself"),
        pytest.param(date(2024, 5, 1), date(2025, 5, 2), False, id="de-flagged the day after"),
        pytest.param(date(2024, 2, 29), date(2025, 3, 1), False, id="leap day flag has ended"),
    ],
)
def test_flags_last_12_months_after_the_case_was_last_heard(
    last_heard: date, today: date, flagged: bool
) -> None:
    assert is_flagged(last_heard, today) is flagged


def test_flag_expiry_date() -> None:
    assert flag_expires_on(date(2024, 2, 29)) == date(2025, 2, 28)
    assert flag_expires_on(date(2024, 5, 1), months=18) == date(2025, 11, 1)


def test_checking_a_flag_before_the_case_was_heard_is_refused() -> None:
    with pytest.raises(InvalidDateOrderError, match="heard after the day being checked"):
        is_flagged(date(2024, 5, 1), date(2024, 4, 30))


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: repeat_window_end(date(2024, 1, 1), months=0), id="repeat window"),
        pytest.param(lambda: flag_expires_on(date(2024, 1, 1), months=0), id="flag"),
        pytest.param(lambda: add_months(date(2024, 1, 1), -1), id="negative months"),
    ],
)
def test_windows_of_no_months_are_refused(call: Callable[[], date]) -> None:
    with pytest.raises(InvalidConfigError, match="must be at least"):
        call()


@pytest.mark.parametrize(
    ("date_of_birth", "day", "age"),
    [
        pytest.param(date(2009, 3, 10), date(2025, 3, 10), 16, id="on the birthday"),
        pytest.param(date(2009, 3, 10), date(2025, 3, 9), 15, id="the day before"),
        pytest.param(date(2008, 2, 29), date(2025, 2, 28), 16, id="leapling on 28 Feb"),
        pytest.param(date(2008, 2, 29), date(2025, 3, 1), 17, id="leapling on 1 Mar"),
        pytest.param(date(2025, 3, 10), date(2025, 3, 10), 0, id="born that day"),
    ],
)
def test_age_on(date_of_birth: date, day: date, age: int) -> None:
    assert age_on(date_of_birth, day) == age


@settings(max_examples=100, deadline=None)
@given(last=st.dates(date(2000, 1, 1), date(2090, 12, 31)))
def test_the_repeat_window_is_always_a_year_long_give_or_take_a_leap_day(last: date) -> None:
    end = repeat_window_end(last)
    assert 365 <= (end - last).days <= 366
    assert is_repeat(last, end)
    assert not is_repeat(last, end + timedelta(days=1))
