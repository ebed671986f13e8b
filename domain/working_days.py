"""Working days: Monday to Friday, less the bank holidays of the panel's UK nation."""

from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

from domain._checks import at_least
from domain.errors import UnknownSubdivisionError


class Subdivision(StrEnum):
    """The UK nations, whose bank holidays differ (Scotland keeps 2 January, not Easter Monday)."""

    ENGLAND = "ENG"
    WALES = "WLS"
    SCOTLAND = "SCT"
    NORTHERN_IRELAND = "NIR"


def parse_subdivision(value: str) -> Subdivision:
    """A panel's subdivision code; anything but ENG, WLS, SCT or NIR is refused."""
    try:
        return Subdivision(value)
    except ValueError:
        allowed = ", ".join(s.value for s in Subdivision)
        raise UnknownSubdivisionError(f"unknown UK subdivision; use one of {allowed}") from None


@lru_cache(maxsize=512)
def _bank_holidays(subdivision: Subdivision, year: int) -> frozenset[date]:
    """One nation's bank holidays for one year, built once and reused."""
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision.value, years=year))


def is_working_day(day: date, subdivision: str = Subdivision.ENGLAND) -> bool:
    """Working days: Monday to Friday and not a bank holiday where the panel sits."""
    nation = parse_subdivision(subdivision)
    return day.weekday() < 5 and day not in _bank_holidays(nation, day.year)


def add_working_days(start: date, days: int, subdivision: str = Subdivision.ENGLAND) -> date:
    """The `days`-th working day after `start` (minutes: 5 working days after the meeting)."""
    return _count(start, at_least(days, 0, "working days"), 1, parse_subdivision(subdivision))


def working_days_before(day: date, days: int, subdivision: str = Subdivision.ENGLAND) -> date:
    """The `days`-th working day before `day` (referral cut-off: 8 before the meeting)."""
    return _count(day, at_least(days, 0, "working days"), -1, parse_subdivision(subdivision))


def _count(start: date, days: int, step: int, nation: Subdivision) -> date:
    """Step a day at a time, counting only working days; `start` itself never counts."""
    current = start
    while days:
        current += timedelta(days=step)
        if is_working_day(current, nation):
            days -= 1
    return current
