"""The meeting cycle: referral cut-off 8 working days before, agenda 5 before, minutes 5 after.
Expected dates are counted by hand from the 2024-25 calendar and written out literally."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from domain import (
    Cadence,
    InvalidConfigError,
    InvalidDateOrderError,
    MeetingDeadlines,
    MeetingRules,
    NotAWorkingDayError,
    UnknownSubdivisionError,
    heard_in_time,
    hearing_deadline,
    meeting_deadlines,
    meets_cutoff,
    referral_cutoff,
)

ENGLAND, SCOTLAND = MeetingRules(), MeetingRules(subdivision="SCT")


@pytest.mark.parametrize(
    ("rules", "meeting", "expected"),
    [
        # Tue 7 Jan 2025, counting back 8: 6 Jan, 3, 2, (1 Jan), 31 Dec, 30, 27, (26, 25), 24, 23.
        pytest.param(ENGLAND, date(2025, 1, 7), MeetingDeadlines(
            date(2025, 1, 7), date(2024, 12, 23), date(2024, 12, 30), date(2025, 1, 14)),
            id="England across Christmas, Boxing Day and New Year"),
        # Scotland also skips 2 Jan: 6 Jan, 3, 31 Dec, 30, 27, 24, 23, 20.
        pytest.param(SCOTLAND, date(2025, 1, 7), MeetingDeadlines(
            date(2025, 1, 7), date(2024, 12, 20), date(2024, 12, 27), date(2025, 1, 14)),
            id="Scotland keeps 2 January"),
        # Wed 23 Apr 2025: 22 Apr, (21 Easter Monday, 18 Good Friday), 17, 16, 15, 14, 11, 10, 9.
        pytest.param(ENGLAND, date(2025, 4, 23), MeetingDeadlines(
            date(2025, 4, 23), date(2025, 4, 9), date(2025, 4, 14), date(2025, 4, 30)),
            id="England across Good Friday and Easter Monday"),
        # Scotland works Easter Monday: 22, 21, (18), 17, 16, 15, 14, 11, 10.
        pytest.param(SCOTLAND, date(2025, 4, 23), MeetingDeadlines(
            date(2025, 4, 23), date(2025, 4, 10), date(2025, 4, 15), date(2025, 4, 30)),
            id="Scotland across Good Friday only"),
        # Thu 4 Apr 2024: 3, 2, (1 Apr, 29 Mar), 28, 27, 26, 25, 22, 21.
        pytest.param(ENGLAND, date(2024, 4, 4), MeetingDeadlines(
            date(2024, 4, 4), date(2024, 3, 21), date(2024, 3, 26), date(2024, 4, 11)),
            id="England across Easter 2024"),
        # Thu 19 Dec 2024: minutes 20, 23, 24, (25, 26), 27, 30 Dec.
        pytest.param(ENGLAND, date(2024, 12, 19), MeetingDeadlines(
            date(2024, 12, 19), date(2024, 12, 9), date(2024, 12, 12), date(2024, 12, 30)),
            id="minutes due across Christmas"),
        # Thu 17 Apr 2025: cut-off 16, 15, 14, 11, 10, 9, 8, 7 Apr; agenda 16, 15, 14, 11, 10;
        # minutes (18, 21), 22, 23, 24, 25, 28 Apr.
        pytest.param(ENGLAND, date(2025, 4, 17), MeetingDeadlines(
            date(2025, 4, 17), date(2025, 4, 7), date(2025, 4, 10), date(2025, 4, 28)),
            id="minutes due across Easter"),
    ],
)
def test_meeting_deadlines(rules: MeetingRules, meeting: date, expected: MeetingDeadlines) -> None:
    assert meeting_deadlines(meeting, rules) == expected


def test_a_panel_may_set_its_own_cutoff_agenda_and_minutes_days() -> None:
    # Redbridge circulates minutes within 6 working days; Kent circulates 10 days ahead.
    rules = MeetingRules(referral_cutoff_working_days=10, agenda_working_days=10,
                         minutes_working_days=6)
    assert meeting_deadlines(date(2025, 3, 4), rules) == MeetingDeadlines(
        date(2025, 3, 4), date(2025, 2, 18), date(2025, 2, 18), date(2025, 3, 12))


@pytest.mark.parametrize(
    ("referral", "makes_it"),
    [
        pytest.param(date(2024, 12, 23), True, id="received on the cut-off day"),
        pytest.param(date(2024, 12, 24), False, id="the day after the cut-off"),
        pytest.param(date(2024, 12, 2), True, id="weeks ahead"),
    ],
)
def test_meets_cutoff(referral: date, makes_it: bool) -> None:
    assert meets_cutoff(referral, date(2025, 1, 7)) is makes_it


@pytest.mark.parametrize(
    ("rules", "deadline"),
    [
        pytest.param(MeetingRules(cadence=Cadence.MONTHLY), date(2025, 2, 14),
                     id="monthly: 6 weeks"),
        pytest.param(MeetingRules(cadence=Cadence.FORTNIGHTLY), date(2025, 1, 31),
                     id="fortnightly: 4 weeks"),
        pytest.param(MeetingRules(hearing_weeks=8), date(2025, 2, 28), id="a panel's own 8"),
    ],
)
def test_hearing_deadline(rules: MeetingRules, deadline: date) -> None:
    assert hearing_deadline(date(2025, 1, 3), rules) == deadline
    assert heard_in_time(date(2025, 1, 3), deadline, rules)


def test_heard_the_day_after_the_deadline_is_late() -> None:
    assert not heard_in_time(date(2025, 1, 3), date(2025, 2, 15))


@pytest.mark.parametrize(
    ("meeting", "subdivision"),
    [
        pytest.param(date(2024, 12, 26), "ENG", id="Boxing Day"),
        pytest.param(date(2025, 1, 2), "SCT", id="2 January in Scotland"),
        pytest.param(date(2025, 1, 4), "ENG", id="a Saturday"),
    ],
)
def test_meetings_on_non_working_days_are_refused(meeting: date, subdivision: str) -> None:
    with pytest.raises(NotAWorkingDayError, match=f"meeting on {meeting} is not a working day"):
        referral_cutoff(meeting, MeetingRules(subdivision=subdivision))


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: meets_cutoff(date(2025, 1, 8), date(2025, 1, 7)), id="cut-off"),
        pytest.param(lambda: heard_in_time(date(2025, 1, 8), date(2025, 1, 7)), id="heard"),
    ],
)
def test_a_meeting_before_its_referral_is_refused(call: Callable[[], bool]) -> None:
    with pytest.raises(InvalidDateOrderError, match="meeting on 2025-01-07 is before the referral"):
        call()


@pytest.mark.parametrize(
    ("settings", "error"),
    [
        pytest.param({"subdivision": "GB"}, UnknownSubdivisionError, id="unknown subdivision"),
        pytest.param({"referral_cutoff_working_days": -1}, InvalidConfigError, id="cut-off"),
        pytest.param({"agenda_working_days": -1}, InvalidConfigError, id="agenda"),
        pytest.param({"minutes_working_days": -1}, InvalidConfigError, id="minutes"),
        pytest.param({"hearing_weeks": 0}, InvalidConfigError, id="hearing weeks"),
    ],
)
def test_meeting_rules_out_of_range_are_refused(
    settings: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        MeetingRules(**settings)
