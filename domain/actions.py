"""The action plan: SMART actions volunteered by agencies present, tracked to done or not done.

Kent protocol 7.4 and Redbridge ToR 6.8-6.13: only an agency present takes an action; each has an
owner agency and a due date; each ends done (with an outcome) or not done (with a reason);
overdue ones are reported at the next meeting.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.working_days import Subdivision, is_working_day, working_days_before


class ActionCategory(StrEnum):
    """SafeLives action categories (safeguarding referrals split by route)."""

    TARGET_HARDENING_OR_MOVING = "target_hardening_or_moving"
    JOINT_OR_SEPARATE_VISITING = "joint_or_separate_visiting"
    PERPETRATOR_MANAGEMENT = "perpetrator_management"
    PRIORITISATION_OR_FLAGGING = "prioritisation_or_flagging"
    REVIEW_OF_LEGAL_OPTIONS = "review_of_legal_options"
    SAFEGUARDING_MASH_CHILDREN = "safeguarding_mash_children"
    SAFEGUARDING_ADULT_CARE_ACT = "safeguarding_adult_care_act"
    SAFEGUARDING_HATE_CRIME = "safeguarding_hate_crime"
    VICTIM_UPDATE = "victim_update"
    OTHER = "other"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_DONE = "not_done"


class ActionIssue(StrEnum):
    """Why the rules refuse a change to the action plan."""

    AGENCY_ABSENT = "agency-absent"
    DUE_BEFORE_MEETING = "due-before-meeting"
    OUTCOME_REQUIRED = "outcome-required"
    REASON_REQUIRED = "reason-required"
    ALREADY_CLOSED = "already-closed"
    SAME_OWNER = "same-owner"
    NOT_A_LATER_MEETING = "not-a-later-meeting"


def tasking_issue(owners: Iterable[object], present: Iterable[object], due_on: date,
                  meeting_on: date) -> ActionIssue | None:
    """Kent 7.4: every owner agency was present at the meeting; due on or after its day."""
    if set(owners) - set(present):
        return ActionIssue.AGENCY_ABSENT
    if due_on < meeting_on:
        return ActionIssue.DUE_BEFORE_MEETING
    return None


def closing_issue(current: ActionStatus, to: ActionStatus | None, outcome: str | None,
                  reason: str | None) -> ActionIssue | None:
    """Open is the only state that changes; done needs an outcome, not done a reason."""
    if current is not ActionStatus.OPEN:
        return ActionIssue.ALREADY_CLOSED
    if to is ActionStatus.DONE and not (outcome or "").strip():
        return ActionIssue.OUTCOME_REQUIRED
    if to is ActionStatus.NOT_DONE and not (reason or "").strip():
        return ActionIssue.REASON_REQUIRED
    return None


@dataclass(frozen=True)
class Reassignment:
    current_owner: object
    new_owner: object
    agreed_on: date  # the meeting at which the action was agreed
    reassigned_on: date  # the later meeting that re-assigns it


def reassignment_issue(status: ActionStatus, change: Reassignment, present: Iterable[object],
                       due_on: date) -> ActionIssue | None:
    """Re-assignment happens at a later meeting, to another agency present at it."""
    if status is not ActionStatus.OPEN:
        return ActionIssue.ALREADY_CLOSED
    if change.reassigned_on <= change.agreed_on:
        return ActionIssue.NOT_A_LATER_MEETING
    if change.new_owner == change.current_owner:
        return ActionIssue.SAME_OWNER
    return tasking_issue([change.new_owner], present, due_on, change.reassigned_on)


def falls_due(due_on: date, subdivision: str = Subdivision.ENGLAND) -> date:
    """A due date on a weekend or bank holiday falls due on the next working day."""
    day = due_on
    while not is_working_day(day, subdivision):
        day += timedelta(days=1)
    return day


def overdue_if_due_by(today: date, subdivision: str = Subdivision.ENGLAND) -> date:
    """Open actions due on or before this date are overdue today: the last working day before
    today has ended, and any later due date falls due today or after."""
    return working_days_before(today, 1, subdivision)


def is_overdue(status: ActionStatus, due_on: date, today: date,
               subdivision: str = Subdivision.ENGLAND) -> bool:
    """Overdue: still open once the working day it falls due on has passed."""
    return status is ActionStatus.OPEN and falls_due(due_on, subdivision) < today
