"""Placing a case on the first meeting whose cut-off it meets, and late additions."""

from datetime import date

import pytest

from domain import ScheduleWarning, meeting_deadlines
from domain.meeting_cycle import ListedMeeting, Placement, needs_late_agreement, place_case


def listed(day: date) -> ListedMeeting:
    return ListedMeeting(day, meeting_deadlines(day).referral_cutoff)


# First Thursdays: 7 January 2027 (cut-off 23 December, over Christmas), 4 February 2027.
JANUARY, FEBRUARY = listed(date(2027, 1, 7)), listed(date(2027, 2, 4))


def test_the_cutoff_counts_round_christmas() -> None:
    assert JANUARY.referral_cutoff == date(2026, 12, 23)


@pytest.mark.parametrize(("ready", "deadline", "meetings", "expected"), [
    pytest.param(date(2026, 12, 23), date(2027, 2, 3), [FEBRUARY, JANUARY],
                 Placement(JANUARY, None), id="ready on the cut-off day"),
    pytest.param(date(2026, 12, 24), date(2027, 2, 4), [JANUARY, FEBRUARY],
                 Placement(FEBRUARY, None), id="a day late goes to the next"),
    pytest.param(date(2026, 12, 24), date(2027, 2, 3), [JANUARY, FEBRUARY],
                 Placement(FEBRUARY, ScheduleWarning.AFTER_HEARING_DEADLINE),
                 id="next meeting is after the deadline"),
    pytest.param(date(2027, 2, 1), date(2027, 3, 1), [JANUARY, FEBRUARY],
                 Placement(None, ScheduleWarning.NO_MEETING_LISTED), id="nothing listed"),
    pytest.param(date(2027, 2, 1), date(2027, 3, 1), [],
                 Placement(None, ScheduleWarning.NO_MEETING_LISTED), id="no meetings at all"),
])
def test_place_case(ready: date, deadline: date, meetings: list[ListedMeeting],
                    expected: Placement) -> None:
    assert place_case(ready, deadline, meetings) == expected


@pytest.mark.parametrize(("ready", "late"), [
    pytest.param(date(2026, 12, 23), False, id="on the cut-off"),
    pytest.param(date(2026, 12, 24), True, id="after the cut-off"),
])
def test_late_additions_need_agreement_after_the_cutoff(ready: date, late: bool) -> None:
    assert needs_late_agreement(ready, JANUARY) is late
