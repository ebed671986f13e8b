"""A panel's settings as the domain's MeetingRules, and a meeting's dates from them."""

from datetime import date

from api.meetings.models import Meeting
from api.meetings.problems import DATE_PROBLEMS
from api.panels.models import Panel
from domain.meeting_calendar import Cadence, MeetingRules, meeting_deadlines
from domain.meeting_cycle import ListedMeeting
from domain.meeting_dates import meeting_date_issue


def rules_of(panel: Panel) -> MeetingRules:
    return MeetingRules(
        subdivision=panel.bank_holiday_region, cadence=Cadence(panel.cadence.value),
        referral_cutoff_working_days=panel.referral_cutoff_working_days,
        agenda_working_days=panel.agenda_working_days,
        minutes_working_days=panel.minutes_working_days,
        hearing_weeks=panel.hearing_deadline_weeks)


def check_date(day: date, today: date, rules: MeetingRules, *, emergency: bool) -> None:
    """Refuses a date the domain says cannot hold this meeting, with its own problem type."""
    issue = meeting_date_issue(day, today, rules, emergency=emergency)
    if issue is not None:
        raise DATE_PROBLEMS[issue](f"{day} cannot hold a meeting: {issue.value}.")


def set_date(meeting: Meeting, day: date, rules: MeetingRules) -> None:
    """Fixes the meeting's date and the deadlines counted from it under today's settings."""
    deadlines = meeting_deadlines(day, rules)
    meeting.held_on = day
    meeting.referral_cutoff = deadlines.referral_cutoff
    meeting.agenda_due = deadlines.agenda_due
    meeting.minutes_due = deadlines.minutes_due


def listed(meeting: Meeting) -> ListedMeeting:
    return ListedMeeting(meeting.held_on, meeting.referral_cutoff)
