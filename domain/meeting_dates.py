"""Listing meetings: a year of dates from a rule, and whether one date may hold a meeting."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain._checks import at_least
from domain.errors import InvalidConfigError
from domain.meeting_calendar import DEFAULT_MEETING_RULES, MeetingRules, referral_cutoff
from domain.working_days import is_working_day

_FORTNIGHT = timedelta(weeks=2)


@dataclass(frozen=True)
class NthWeekday:
    """"The first Thursday of each month": weekday 0 is Monday; nth 1-4, or -1 for the last."""

    weekday: int
    nth: int

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise InvalidConfigError(f"weekday must be 0 (Monday) to 6, got {self.weekday}")
        if self.nth not in (1, 2, 3, 4, -1):
            raise InvalidConfigError(f"nth must be 1 to 4 or -1 (the last), got {self.nth}")

    def dates(self, year: int) -> list[date]:
        """One date in each month of `year`."""
        return [self._in_month(year, month) for month in range(1, 13)]

    def _in_month(self, year: int, month: int) -> date:
        if self.nth == -1:
            after = date(year + month // 12, month % 12 + 1, 1)
            last = after - timedelta(days=1)
            return last - timedelta(days=(last.weekday() - self.weekday) % 7)
        first = date(year, month, 1)
        offset = (self.weekday - first.weekday()) % 7
        return first + timedelta(days=offset + 7 * (self.nth - 1))


@dataclass(frozen=True)
class EveryOtherWeek:
    """"Every other Tuesday": fortnightly from `first`, whose weekday sets the series."""

    first: date

    def dates(self, year: int) -> list[date]:
        """The series' dates that fall in `year`."""
        steps = max(0, (date(year, 1, 1) - self.first).days // 14)
        day = self.first + steps * _FORTNIGHT
        found = []
        while day.year <= year:
            if day.year == year:
                found.append(day)
            day += _FORTNIGHT
        return found


@dataclass(frozen=True)
class SeriesDate:
    """A date the rule gives, and the working day the meeting is held on instead if it is not."""

    planned: date
    held_on: date


def meeting_series(rule: NthWeekday | EveryOtherWeek, year: int,
                   rules: MeetingRules = DEFAULT_MEETING_RULES) -> list[SeriesDate]:
    """Listing: a date on a bank holiday moves to the next working day, never silently lost."""
    at_least(year, 1900, "year")
    return [SeriesDate(day, _next_working_day(day, rules.subdivision)) for day in rule.dates(year)]


def _next_working_day(day: date, subdivision: str) -> date:
    while not is_working_day(day, subdivision):
        day += timedelta(days=1)
    return day


class DateIssue(StrEnum):
    """Why a date cannot hold a meeting; the API names each with its own problem type."""

    NOT_A_WORKING_DAY = "not-a-working-day"
    IN_THE_PAST = "in-the-past"
    CUTOFF_PASSED = "cutoff-passed"


def meeting_date_issue(day: date, today: date, rules: MeetingRules = DEFAULT_MEETING_RULES,
                       *, emergency: bool = False) -> DateIssue | None:
    """Meetings: on a working day, not past, and (unless an emergency) cut-off still ahead."""
    if not is_working_day(day, rules.subdivision):
        return DateIssue.NOT_A_WORKING_DAY
    if day < today:
        return DateIssue.IN_THE_PAST
    if not emergency and referral_cutoff(day, rules) < today:
        return DateIssue.CUTOFF_PASSED
    return None
