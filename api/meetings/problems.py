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

AgendaUnchanged = define_problem(
    409, "agenda-already-published", "Agenda already published",
    "This version of the agenda is already published; change it before publishing again.")
NotMembers = define_problem(422, "agenda-recipients-not-members", "Not member agencies",
                            "An agenda goes only to member agencies of the panel.")
register(AgendaUnchanged, NotMembers)

NotYetHeld = define_problem(409, "meeting-not-yet-held", "The meeting's day has not come",
                            "Attendance and discussion are recorded on or after the meeting day.")
NotAttending = define_problem(422, "declaration-not-attending", "Not attending this meeting",
                              "Only someone recorded as present at this meeting signs its "
                              "confidentiality declaration.")
AlreadyDeclared = define_problem(409, "already-declared", "Declaration already signed",
                                 "This attendee has already signed the declaration.")
DeclarationsOutstanding = define_problem(
    409, "declarations-outstanding", "Declarations outstanding",
    "Every attendee present must sign the confidentiality declaration before any case is "
    "discussed; the detail names the attendance records still unsigned.")
NotOnMeeting = define_problem(422, "case-not-on-meeting", "The case is not on this meeting",
                              "Only a case listed on this meeting can be discussed or deferred.")
NotAMember = define_problem(422, "agency-not-a-member", "Not a member agency",
                            "The agency is not a member of this panel.")
register(NotYetHeld, NotAttending, AlreadyDeclared, DeclarationsOutstanding, NotOnMeeting,
         NotAMember)

NotInvited = define_problem(
    422, "research-agency-not-invited", "Agency not invited",
    "Research is recorded only by an agency the agenda was published to, for a case on it.")
register(NotInvited)

DepartureBeforeArrival = define_problem(
    422, "departure-before-arrival", "Departure before arrival",
    "An attendee's departure time must not be before their arrival time.")
register(DepartureBeforeArrival)
