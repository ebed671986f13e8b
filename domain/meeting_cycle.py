"""Placing a case on a meeting: the first listed meeting whose cut-off it still meets."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.scheduling import ScheduleWarning


@dataclass(frozen=True)
class ListedMeeting:
    """A meeting as scheduling sees it: its date and the referral cut-off fixed when listed."""

    held_on: date
    referral_cutoff: date


@dataclass(frozen=True)
class Placement:
    """The meeting a case goes to (None when no listed meeting takes it) and any warning."""

    meeting: ListedMeeting | None
    warning: ScheduleWarning | None


def place_case(ready_on: date, hearing_deadline: date,
               meetings: Iterable[ListedMeeting]) -> Placement:
    """Scheduling: first meeting whose cut-off is on or after the day the case is ready;
    warn when none is listed or the first one falls after the hearing deadline."""
    for meeting in sorted(meetings, key=lambda m: m.held_on):
        if ready_on <= meeting.referral_cutoff:
            late = meeting.held_on > hearing_deadline
            return Placement(meeting, ScheduleWarning.AFTER_HEARING_DEADLINE if late else None)
    return Placement(None, ScheduleWarning.NO_MEETING_LISTED)


def needs_late_agreement(ready_on: date, meeting: ListedMeeting) -> bool:
    """Scheduling: a case added after the meeting's cut-off needs coordinator and chair."""
    return ready_on > meeting.referral_cutoff
