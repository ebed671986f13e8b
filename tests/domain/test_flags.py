"""The earliest last-heard date still flagged agrees with the flag's expiry, day by day."""

from datetime import date, timedelta

import pytest

from domain.flags import flagged_since
from domain.windows import flag_expires_on


@pytest.mark.parametrize(("today", "since"), [
    pytest.param(date(2027, 1, 7), date(2026, 1, 7), id="an ordinary day"),
    pytest.param(date(2028, 2, 29), date(2027, 3, 1), id="leap day"),
    pytest.param(date(2029, 3, 1), date(2028, 3, 1), id="the day after a leap year's February"),
])
def test_flagged_since(today: date, since: date) -> None:
    assert flagged_since(today) == since


def test_agrees_with_flag_expiry_for_every_day_of_four_years() -> None:
    today = date(2027, 1, 1)
    while today < date(2031, 1, 1):
        since = flagged_since(today)
        assert flag_expires_on(since) >= today > flag_expires_on(since - timedelta(days=1))
        today += timedelta(days=1)
