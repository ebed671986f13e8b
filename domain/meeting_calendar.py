"""The meeting cycle's dates: referral cut-off, agenda, minutes and the hearing deadline."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain._checks import at_least, not_before
from domain.errors import NotAWorkingDayError
from domain.working_days import (
    Subdivision,
    add_working_days,
    is_working_day,
    parse_subdivision,
    working_days_before,
)


class Cadence(StrEnum):
    """How often a panel meets; it sets the hearing deadline (6 weeks monthly, 4 fortnightly)."""

    MONTHLY = "monthly"
    FORTNIGHTLY = "fortnightly"


_HEARING_WEEKS = {Cadence.MONTHLY: 6, Cadence.FORTNIGHTLY: 4}


@dataclass(frozen=True)
class MeetingRules:
    """A panel's calendar settings; every number is a default the panel may change."""

    subdivision: str = Subdivision.ENGLAND
    cadence: Cadence = Cadence.MONTHLY
    referral_cutoff_working_days: int = 8
    agenda_working_days: int = 5
    minutes_working_days: int = 5
    hearing_weeks: int | None = None

    def __post_init__(self) -> None:
        parse_subdivision(self.subdivision)
        at_least(self.referral_cutoff_working_days, 0, "referral cut-off working days")
        at_least(self.agenda_working_days, 0, "agenda working days")
        at_least(self.minutes_working_days, 0, "minutes working days")
        if self.hearing_weeks is not None:
            at_least(self.hearing_weeks, 1, "hearing weeks")

    @property
    def weeks_to_hearing(self) -> int:
        """Scheduling: heard within 6 weeks (monthly) or 4 (fortnightly) unless set otherwise."""
        return self.hearing_weeks or _HEARING_WEEKS[self.cadence]


DEFAULT_MEETING_RULES = MeetingRules()


@dataclass(frozen=True)
class MeetingDeadlines:
    """The dates that hang off one meeting."""

    meeting: date
    referral_cutoff: date
    agenda_due: date
    minutes_due: date


def meeting_deadlines(
    meeting: date, rules: MeetingRules = DEFAULT_MEETING_RULES
) -> MeetingDeadlines:
    """Meeting cycle: cut-off 8 and agenda 5 working days before; minutes 5 working days after."""
    return MeetingDeadlines(
        meeting=meeting,
        referral_cutoff=referral_cutoff(meeting, rules),
        agenda_due=working_days_before(meeting, rules.agenda_working_days, rules.subdivision),
        minutes_due=add_working_days(meeting, rules.minutes_working_days, rules.subdivision),
    )


def referral_cutoff(meeting: date, rules: MeetingRules = DEFAULT_MEETING_RULES) -> date:
    """Scheduling: the last day a referral makes this meeting (8 working days before it)."""
    require_working_day(meeting, rules)
    return working_days_before(meeting, rules.referral_cutoff_working_days, rules.subdivision)


def meets_cutoff(
    referral_date: date, meeting: date, rules: MeetingRules = DEFAULT_MEETING_RULES
) -> bool:
    """Scheduling: a referral received on the cut-off day itself still makes the meeting."""
    not_before(meeting, referral_date, f"the meeting on {meeting} is before the referral")
    return referral_date <= referral_cutoff(meeting, rules)


def hearing_deadline(referral_date: date, rules: MeetingRules = DEFAULT_MEETING_RULES) -> date:
    """Scheduling: the last day the case may be heard, 6 or 4 calendar weeks after referral."""
    return referral_date + timedelta(weeks=rules.weeks_to_hearing)


def heard_in_time(
    referral_date: date, heard_on: date, rules: MeetingRules = DEFAULT_MEETING_RULES
) -> bool:
    """Deadline compliance: heard on or before the hearing deadline."""
    not_before(heard_on, referral_date, f"the meeting on {heard_on} is before the referral")
    return heard_on <= hearing_deadline(referral_date, rules)


def require_working_day(meeting: date, rules: MeetingRules = DEFAULT_MEETING_RULES) -> None:
    """Meetings fall on working days, so 'N working days before' is well defined."""
    if not is_working_day(meeting, rules.subdivision):
        raise NotAWorkingDayError(
            f"the meeting on {meeting} is not a working day in {rules.subdivision}"
        )
