"""Scheduling a referral: the first meeting whose cut-off it meets, and the hearing deadline."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.meeting_calendar import (
    DEFAULT_MEETING_RULES,
    MeetingRules,
    hearing_deadline,
    referral_cutoff,
)


class ScheduleWarning(StrEnum):
    """Why the system warns the coordinator before a hearing deadline is breached."""

    NO_MEETING_LISTED = "no-meeting-listed"
    AFTER_HEARING_DEADLINE = "after-hearing-deadline"


@dataclass(frozen=True)
class Scheduling:
    """Where a referral goes; `warning` is set when no listed meeting meets the deadline."""

    referral_date: date
    meeting: date | None
    referral_cutoff: date | None
    hearing_deadline: date
    warning: ScheduleWarning | None


def schedule_referral(
    referral_date: date,
    meetings: Iterable[date],
    rules: MeetingRules = DEFAULT_MEETING_RULES,
) -> Scheduling:
    """Scheduling: the first listed meeting whose cut-off is on or after the referral date."""
    deadline = hearing_deadline(referral_date, rules)
    cutoffs = {meeting: referral_cutoff(meeting, rules) for meeting in meetings}
    for meeting in sorted(cutoffs):
        if referral_date <= cutoffs[meeting]:
            late = meeting > deadline
            warning = ScheduleWarning.AFTER_HEARING_DEADLINE if late else None
            return Scheduling(referral_date, meeting, cutoffs[meeting], deadline, warning)
    return Scheduling(referral_date, None, None, deadline, ScheduleWarning.NO_MEETING_LISTED)
