"""The action plan: who may be tasked, how an action closes, and when it is overdue."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.actions import (
    ActionIssue,
    ActionStatus,
    Reassignment,
    closing_issue,
    falls_due,
    is_overdue,
    overdue_if_due_by,
    reassignment_issue,
    tasking_issue,
)

MEETING = date(2027, 1, 7)
OPEN, DONE, NOT_DONE = ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.NOT_DONE


@pytest.mark.parametrize(("owners", "present", "due", "issue"), [
    pytest.param(["police"], ["police", "housing"], MEETING, None, id="present, due that day"),
    pytest.param(["police", "housing"], ["police", "housing"], date(2027, 2, 1), None,
                 id="joint action, both present"),
    pytest.param(["probation"], ["police"], date(2027, 2, 1), ActionIssue.AGENCY_ABSENT,
                 id="absent agency"),
    pytest.param(["police", "probation"], ["police"], date(2027, 2, 1),
                 ActionIssue.AGENCY_ABSENT, id="joint action with one agency absent"),
    pytest.param(["police"], ["police"], date(2027, 1, 6), ActionIssue.DUE_BEFORE_MEETING,
                 id="due the day before the meeting"),
])
def test_only_agencies_present_are_tasked(owners, present, due, issue) -> None:
    assert tasking_issue(owners, present, due, MEETING) is issue


@pytest.mark.parametrize(("current", "to", "outcome", "reason", "issue"), [
    pytest.param(OPEN, DONE, "Locks changed", None, None, id="done with an outcome"),
    pytest.param(OPEN, NOT_DONE, None, "Victim moved away", None, id="not done with a reason"),
    pytest.param(OPEN, None, None, None, None, id="a progress note keeps it open"),
    pytest.param(OPEN, DONE, "  ", None, ActionIssue.OUTCOME_REQUIRED, id="done, blank outcome"),
    pytest.param(OPEN, DONE, None, None, ActionIssue.OUTCOME_REQUIRED, id="done, no outcome"),
    pytest.param(OPEN, NOT_DONE, None, None, ActionIssue.REASON_REQUIRED,
                 id="not done without a reason"),
    pytest.param(DONE, NOT_DONE, None, "x", ActionIssue.ALREADY_CLOSED, id="done stays done"),
    pytest.param(NOT_DONE, None, None, None, ActionIssue.ALREADY_CLOSED,
                 id="not done takes no notes"),
])
def test_an_action_closes_with_an_outcome_or_a_reason(current, to, outcome, reason,
                                                      issue) -> None:
    assert closing_issue(current, to, outcome, reason) is issue


LATER = date(2027, 2, 4)


@pytest.mark.parametrize(("status", "change", "present", "issue"), [
    pytest.param(OPEN, Reassignment("police", "housing", MEETING, LATER), ["housing"], None,
                 id="to a present agency at a later meeting"),
    pytest.param(DONE, Reassignment("police", "housing", MEETING, LATER), ["housing"],
                 ActionIssue.ALREADY_CLOSED, id="a closed action"),
    pytest.param(OPEN, Reassignment("police", "housing", MEETING, MEETING), ["housing"],
                 ActionIssue.NOT_A_LATER_MEETING, id="at the same meeting"),
    pytest.param(OPEN, Reassignment("police", "police", MEETING, LATER), ["police"],
                 ActionIssue.SAME_OWNER, id="to the same agency"),
    pytest.param(OPEN, Reassignment("police", "housing", MEETING, LATER), ["police"],
                 ActionIssue.AGENCY_ABSENT, id="to an absent agency"),
])
def test_reassignment(status, change, present, issue) -> None:
    assert reassignment_issue(status, change, present, date(2027, 3, 1)) is issue


@pytest.mark.parametrize(("due", "subdivision", "falls"), [
    pytest.param(date(2027, 1, 6), "ENG", date(2027, 1, 6), id="a working Wednesday"),
    pytest.param(date(2027, 1, 9), "ENG", date(2027, 1, 11), id="Saturday: the Monday"),
    pytest.param(date(2026, 12, 25), "ENG", date(2026, 12, 29), id="Christmas: after Boxing Day"),
    pytest.param(date(2027, 1, 2), "SCT", date(2027, 1, 5), id="2 January in Scotland"),
])
def test_falls_due_on_a_working_day(due, subdivision, falls) -> None:
    assert falls_due(due, subdivision) == falls


@pytest.mark.parametrize(("status", "due", "today", "subdivision", "overdue"), [
    pytest.param(OPEN, date(2027, 1, 6), date(2027, 1, 6), "ENG", False, id="due today"),
    pytest.param(OPEN, date(2027, 1, 6), date(2027, 1, 7), "ENG", True, id="a day late"),
    pytest.param(OPEN, date(2027, 1, 9), date(2027, 1, 11), "ENG", False,
                 id="due Saturday, not overdue on Monday"),
    pytest.param(OPEN, date(2027, 1, 8), date(2027, 1, 9), "ENG", True,
                 id="due Friday, overdue on Saturday"),
    pytest.param(OPEN, date(2027, 3, 26), date(2027, 3, 29), "ENG", False,
                 id="due Good Friday, Easter Monday is not past it in England"),
    pytest.param(OPEN, date(2027, 3, 29), date(2027, 3, 30), "SCT", True,
                 id="Easter Monday works in Scotland"),
    pytest.param(DONE, date(2027, 1, 1), date(2027, 6, 1), "ENG", False, id="done is never"),
])
def test_overdue_in_the_panels_calendar(status, due, today, subdivision, overdue) -> None:
    assert is_overdue(status, due, today, subdivision) is overdue


@given(due=st.dates(date(2026, 1, 1), date(2029, 12, 31)),
       later=st.integers(min_value=0, max_value=20),
       nation=st.sampled_from(["ENG", "WLS", "SCT", "NIR"]))
def test_the_lists_cut_off_agrees_with_overdue(due: date, later: int, nation: str) -> None:
    """The overdue list reads `due_on <= cut-off` from an index; it means the same thing."""
    today = due + timedelta(days=later)
    assert (due <= overdue_if_due_by(today, nation)) is is_overdue(OPEN, due, today, nation)
