"""The 12-month rules: when a referral is a repeat, and how long agencies keep a case flagged."""

from datetime import date

from domain._checks import at_least, not_before
from domain.dates import add_months

TWELVE_MONTHS = 12


def repeat_window_end(last_referral: date, months: int = TWELVE_MONTHS) -> date:
    """Repeats: the window ends on the same calendar date 12 months on (29 Feb -> 28 Feb)."""
    return add_months(last_referral, at_least(months, 1, "repeat window months"))


def is_repeat(last_referral: date, new_referral: date, months: int = TWELVE_MONTHS) -> bool:
    """Repeats: a referral on or before the window's end date is a repeat, later is a new case."""
    not_before(new_referral, last_referral, "the new referral is dated before the last referral")
    return new_referral <= repeat_window_end(last_referral, months)


def flag_expires_on(last_heard: date, months: int = TWELVE_MONTHS) -> date:
    """Flags: a case stays flagged up to and including 12 months after it was last heard."""
    return add_months(last_heard, at_least(months, 1, "flag months"))


def is_flagged(last_heard: date, today: date, months: int = TWELVE_MONTHS) -> bool:
    """Flags: flagged from the day the case is heard through the expiry date; de-flagged after."""
    not_before(today, last_heard, "the case is dated as heard after the day being checked")
    return today <= flag_expires_on(last_heard, months)
