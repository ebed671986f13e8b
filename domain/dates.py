"""Calendar arithmetic for the 12-month rules and the age floors."""

import calendar
from datetime import date

from domain._checks import at_least, not_before


def add_months(start: date, months: int) -> date:
    """Same calendar date `months` later; a date the month lacks (29 Feb) maps to its last day."""
    at_least(months, 0, "months")
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on `day`; someone born on 29 Feb turns a year older on 1 Mar."""
    not_before(day, date_of_birth, "the date of birth is after the date the age is needed for")
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)
