"""Which cases are still flagged on a given day, as a date a query can compare with."""

from datetime import date


def flagged_since(today: date) -> date:
    """Flags: a case last heard on or after this date is still flagged today (the same date a
    year before, or 1 March when that year has no 29 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return date(today.year - 1, 3, 1)
