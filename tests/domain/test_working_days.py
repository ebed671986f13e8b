"""Working days: Monday to Friday less the UK nation's bank holidays."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import (
    InvalidConfigError,
    Subdivision,
    UnknownSubdivisionError,
    add_working_days,
    is_working_day,
    parse_subdivision,
    working_days_before,
)


@pytest.mark.parametrize(
    ("day", "subdivision", "working"),
    [
        pytest.param(date(2025, 1, 2), "ENG", True, id="2 Jan works in England"),
        pytest.param(date(2025, 1, 2), "SCT", False, id="2 Jan is a holiday in Scotland"),
        pytest.param(date(2025, 4, 21), "WLS", False, id="Easter Monday in Wales"),
        pytest.param(date(2025, 4, 21), "SCT", True, id="Easter Monday works in Scotland"),
        pytest.param(date(2025, 3, 17), "NIR", False, id="St Patrick's Day in Northern Ireland"),
        pytest.param(date(2025, 7, 14), "NIR", False, id="Battle of the Boyne, observed"),
        pytest.param(date(2025, 3, 15), "ENG", False, id="a Saturday"),
        pytest.param(date(2025, 3, 14), Subdivision.ENGLAND, True, id="a plain Friday"),
    ],
)
def test_is_working_day(day: date, subdivision: str, working: bool) -> None:
    assert is_working_day(day, subdivision) is working


@pytest.mark.parametrize(
    ("start", "days", "subdivision", "expected"),
    [
        pytest.param(date(2024, 12, 19), 5, "ENG", date(2024, 12, 30),
                     id="over Christmas and Boxing Day"),
        pytest.param(date(2024, 12, 31), 2, "ENG", date(2025, 1, 3), id="over New Year's Day"),
        pytest.param(date(2024, 12, 31), 2, "SCT", date(2025, 1, 6), id="Scotland adds 2 Jan"),
        pytest.param(date(2025, 4, 17), 1, "ENG", date(2025, 4, 22), id="over Easter"),
        pytest.param(date(2025, 4, 17), 1, "SCT", date(2025, 4, 21), id="Scottish Easter"),
        pytest.param(date(2025, 3, 15), 0, "ENG", date(2025, 3, 15), id="zero days stays put"),
    ],
)
def test_add_working_days(start: date, days: int, subdivision: str, expected: date) -> None:
    assert add_working_days(start, days, subdivision) == expected


def test_working_days_before_counts_back_over_holidays() -> None:
    assert working_days_before(date(2025, 1, 7), 8) == date(2024, 12, 23)
    assert working_days_before(date(2025, 1, 7), 8, "SCT") == date(2024, 12, 20)


@pytest.mark.parametrize("value", [pytest.param("UK", id="the whole UK"),
                                   pytest.param("eng", id="lower case"),
                                   pytest.param("", id="blank")])
def test_unknown_subdivisions_are_refused(value: str) -> None:
    with pytest.raises(UnknownSubdivisionError, match="use one of ENG, WLS, SCT, NIR"):
        is_working_day(date(2025, 1, 2), value)


def test_parse_subdivision_accepts_the_four_nations() -> None:
    assert [parse_subdivision(code) for code in ("ENG", "WLS", "SCT", "NIR")] == list(Subdivision)


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(InvalidConfigError, match="working days must be at least 0, got -1"):
        add_working_days(date(2025, 1, 2), -1)
    with pytest.raises(InvalidConfigError, match="working days must be at least 0, got -2"):
        working_days_before(date(2025, 1, 2), -2)


@settings(max_examples=100, deadline=None)
@given(
    start=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=60),
    subdivision=st.sampled_from(list(Subdivision)),
)
def test_adding_working_days_then_counting_back_round_trips(
    start: date, days: int, subdivision: Subdivision
) -> None:
    later = add_working_days(start, days, subdivision)
    back = working_days_before(later, days, subdivision)
    if days == 0 or is_working_day(start, subdivision):
        assert back == start
    else:
        # From a weekend or holiday, counting back lands on the working day before it.
        assert back < start
        assert is_working_day(back, subdivision)
        assert add_working_days(back, 1, subdivision) > start
