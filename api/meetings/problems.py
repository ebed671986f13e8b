"""The meeting cycle's own problem types, one per thing that can be wrong."""

from api.problems import define_problem, register
from domain.meeting_dates import DateIssue

NotAWorkingDay = define_problem(
    422, "meeting-not-a-working-day", "Not a working day",
    "Meetings are held on working days: not a weekend or a bank holiday where the panel sits.")
InThePast = define_problem(422, "meeting-in-the-past", "Meeting date in the past",
                           "A meeting cannot be listed or moved to a day already past.")
CutoffPassed = define_problem(
    422, "meeting-cutoff-passed", "Referral cut-off already passed",
    "A regular meeting's referral cut-off must not be past; call an emergency meeting instead.")
DateTaken = define_problem(409, "meeting-date-taken", "A meeting is already listed that day",
                           "The panel already has a meeting listed on that date.")
MeetingStarted = define_problem(409, "meeting-started", "The meeting has started",
                                "A meeting that has started (or whose day has come) cannot "
                                "be moved or cancelled.")
MeetingCancelled = define_problem(409, "meeting-cancelled", "The meeting is cancelled",
                                  "A cancelled meeting takes no changes and no cases.")
NotLate = define_problem(
    422, "late-addition-not-needed", "Not a late addition",
    "The case is ready before the meeting's cut-off: scheduling places it without agreement.")
HearingClosed = define_problem(409, "hearing-not-open", "The case is not waiting to be heard",
                               "Only a case waiting or listed for a future meeting can be "
                               "added late to another meeting.")

register(NotAWorkingDay, InThePast, CutoffPassed, DateTaken, MeetingStarted, MeetingCancelled,
         NotLate, HearingClosed)

DATE_PROBLEMS = {DateIssue.NOT_A_WORKING_DAY: NotAWorkingDay, DateIssue.IN_THE_PAST: InThePast,
                 DateIssue.CUTOFF_PASSED: CutoffPassed}
