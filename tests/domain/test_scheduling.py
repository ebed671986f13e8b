"""Scheduling: the first meeting whose cut-off the referral meets (on the cut-off day counts),
and a warning, not an error, when no listed meeting is within the hearing deadline."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import (
    Cadence,
    MeetingRules,
    NotAWorkingDayError,
    ScheduleWarning,
    Scheduling,
    Subdivision,
    is_working_day,
    referral_cutoff,
    schedule_referral,
)

# Monthly Tuesdays; cut-offs counted by hand: 23 Dec 2024, 23 Jan 2025, 20 Feb 2025
# (and 27 Feb 2025 for Tue 11 Mar).
MONTHLY = [date(2025, 1, 7), date(2025, 2, 4), date(2025, 3, 4)]
# Fortnightly Tuesdays; cut-offs 2 Jan and 16 Jan 2025.
FORTNIGHTLY = [date(2025, 1, 14), date(2025, 1, 28)]
FORTNIGHTLY_RULES = MeetingRules(cadence=Cadence.FORTNIGHTLY)


@pytest.mark.parametrize(
    ("referral", "meetings", "rules", "expected"),
    [
        pytest.param(date(2024, 12, 23), MONTHLY, MeetingRules(), Scheduling(
            date(2024, 12, 23), date(2025, 1, 7), date(2024, 12, 23), date(2025, 2, 3), None),
            id="received on the cut-off day makes the meeting"),
        pytest.param(date(2024, 12, 24), MONTHLY, MeetingRules(), Scheduling(
            date(2024, 12, 24), date(2025, 2, 4), date(2025, 1, 23), date(2025, 2, 4), None),
            id="a day late: next meeting, heard on the 6-week deadline itself"),
        pytest.param(date(2024, 12, 23), MONTHLY, MeetingRules(subdivision="SCT"), Scheduling(
            date(2024, 12, 23), date(2025, 2, 4), date(2025, 1, 23), date(2025, 2, 3),
            ScheduleWarning.AFTER_HEARING_DEADLINE),
            id="in Scotland the cut-off was 20 Dec, and February is a day past 6 weeks"),
        pytest.param(date(2025, 1, 24), [date(2025, 1, 7), date(2025, 2, 4), date(2025, 3, 11)],
                     MeetingRules(), Scheduling(
            date(2025, 1, 24), date(2025, 3, 11), date(2025, 2, 27), date(2025, 3, 7),
            ScheduleWarning.AFTER_HEARING_DEADLINE),
            id="monthly: the next meeting is after the 6-week deadline"),
        pytest.param(date(2025, 2, 21), MONTHLY, MeetingRules(), Scheduling(
            date(2025, 2, 21), None, None, date(2025, 4, 4), ScheduleWarning.NO_MEETING_LISTED),
            id="every listed cut-off has passed"),
        pytest.param(date(2025, 1, 3), FORTNIGHTLY, FORTNIGHTLY_RULES, Scheduling(
            date(2025, 1, 3), date(2025, 1, 28), date(2025, 1, 16), date(2025, 1, 31), None),
            id="fortnightly: heard within 4 weeks"),
        pytest.param(date(2025, 1, 3), [date(2025, 2, 11), date(2025, 1, 14)], FORTNIGHTLY_RULES,
                     Scheduling(date(2025, 1, 3), date(2025, 2, 11), date(2025, 1, 30),
                                date(2025, 1, 31), ScheduleWarning.AFTER_HEARING_DEADLINE),
            id="fortnightly: a cancelled meeting breaches 4 weeks"),
    ],
)
def test_schedule_referral(
    referral: date, meetings: list[date], rules: MeetingRules, expected: Scheduling
) -> None:
    assert schedule_referral(referral, meetings, rules) == expected


def test_a_listed_meeting_on_a_bank_holiday_is_refused() -> None:
    with pytest.raises(NotAWorkingDayError, match="2025-04-21 is not a working day in ENG"):
        schedule_referral(date(2025, 3, 3), [date(2025, 4, 21)])


working_days = st.dates(date(2024, 1, 1), date(2026, 12, 31)).filter(is_working_day)


@settings(max_examples=60, deadline=None)
@given(
    referral=st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    meetings=st.lists(working_days, max_size=6),
    cutoff_days=st.integers(min_value=0, max_value=12),
)
def test_the_meeting_picked_is_the_first_whose_cutoff_the_referral_meets(
    referral: date, meetings: list[date], cutoff_days: int
) -> None:
    rules = MeetingRules(subdivision=Subdivision.ENGLAND, referral_cutoff_working_days=cutoff_days)
    scheduled = schedule_referral(referral, meetings, rules)
    open_meetings = [m for m in meetings if referral_cutoff(m, rules) >= referral]
    if scheduled.meeting is None:
        assert open_meetings == []
        assert scheduled.warning is ScheduleWarning.NO_MEETING_LISTED
    else:
        assert scheduled.referral_cutoff == referral_cutoff(scheduled.meeting, rules)
        assert scheduled.referral_cutoff >= referral
        assert scheduled.meeting == min(open_meetings)
        late = scheduled.meeting > scheduled.hearing_deadline
        assert (scheduled.warning is ScheduleWarning.AFTER_HEARING_DEADLINE) is late
