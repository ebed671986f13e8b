"""The action plan's own problem types, one per rule a change can break."""

from api.problems import define_problem, register
from domain.actions import ActionIssue

AgencyAbsent = define_problem(
    422, "action-agency-absent", "The agency was not present",
    "Only an agency recorded as attending the meeting takes an action there (Kent 7.4): the "
    "chair cannot task an absent agency. A joint action names each agency, all present.")
DueBeforeMeeting = define_problem(422, "action-due-before-meeting", "Due before the meeting",
                                  "An action cannot fall due before the meeting that agreed it.")
OutcomeRequired = define_problem(422, "action-outcome-required", "Outcome required",
                                 "An action marked done records its outcome.")
ReasonRequired = define_problem(422, "action-reason-required", "Reason required",
                                "An action marked not done records why.")
AlreadyClosed = define_problem(409, "action-closed", "The action is closed",
                               "A done or not-done action takes no further changes.")
SameOwner = define_problem(422, "action-same-owner", "Already that agency's action",
                           "Re-assignment names another agency.")
NotALaterMeeting = define_problem(
    422, "action-not-a-later-meeting", "Not a later meeting",
    "An action is re-assigned at a meeting held after the one that agreed it.")
CaseNotAtMeeting = define_problem(
    422, "action-case-not-at-meeting", "The case is not on this meeting",
    "Actions are agreed for a case listed on, or heard at, the meeting.")
MeetingNotUsable = define_problem(
    422, "action-meeting-not-held", "Not a meeting held by this panel",
    "Actions and the updates given on them name a meeting of the action's panel, held on or "
    "before today and not cancelled.")
register(AgencyAbsent, DueBeforeMeeting, OutcomeRequired, ReasonRequired, AlreadyClosed,
         SameOwner, NotALaterMeeting, CaseNotAtMeeting, MeetingNotUsable)

BY_ISSUE = {ActionIssue.AGENCY_ABSENT: AgencyAbsent,
            ActionIssue.DUE_BEFORE_MEETING: DueBeforeMeeting,
            ActionIssue.OUTCOME_REQUIRED: OutcomeRequired,
            ActionIssue.REASON_REQUIRED: ReasonRequired, ActionIssue.ALREADY_CLOSED: AlreadyClosed,
            ActionIssue.SAME_OWNER: SameOwner, ActionIssue.NOT_A_LATER_MEETING: NotALaterMeeting}


def refuse(issue: ActionIssue | None) -> None:
    """Raises the problem the domain's verdict names; nothing when there is none."""
    if issue is not None:
        raise BY_ISSUE[issue](f"Refused: {issue.value}.")
