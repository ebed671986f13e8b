"""The agenda: SafeLives order, the minimal details a case summary may show, 12-month
notifications and whether the agenda went out late."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from domain.dates import add_months
from domain.need_to_know import withheld
from domain.windows import flag_expires_on


class Section(StrEnum):
    """SafeLives agenda order; the enum's order is the agenda's order."""

    INTRODUCTIONS = "introductions"
    CONFIDENTIALITY_STATEMENT = "confidentiality_statement"
    OUTSTANDING_ACTIONS = "outstanding_actions"
    CASES_WITH_CHILDREN = "cases_with_children"
    ADULT_ONLY_CASES = "adult_only_cases"
    TWELVE_MONTH_NOTIFICATIONS = "twelve_month_notifications"
    ANY_OTHER_BUSINESS = "any_other_business"


AGENDA_ORDER = tuple(Section)

# Case summaries: names, aliases, dates of birth and addresses only (SafeLives, Kent 6.5).
# Who the victim fears, who is unsafe to talk to and contact details never appear, so no
# circulated document can carry them whatever a referral holds.
SUMMARY_PERSON_FIELDS = ("given_names", "family_name", "aliases", "date_of_birth", "address",
                         "postcode")


def minimal_details(person: Mapping[str, object]) -> dict[str, object]:
    """Agenda, minutes and case summaries: only the summary fields of a person, whatever else
    they carry, less those marked at referral as feared disclosed (`do_not_circulate`)."""
    marked = person.get("do_not_circulate") or ()
    details = {field: person.get(field) for field in SUMMARY_PERSON_FIELDS}
    return withheld(details, marked) if marked else details  # type: ignore[arg-type]


@dataclass(frozen=True)
class AgendaCase:
    """What ordering needs of a case listed on the meeting."""

    key: object
    referral_date: date
    has_children: bool


Case = TypeVar("Case", bound=AgendaCase)


def order_cases(cases: Iterable[Case]) -> tuple[list[Case], list[Case]]:
    """Agenda: cases with children in the household first, then adult-only; oldest first."""
    ordered = sorted(cases, key=lambda c: (c.referral_date, str(c.key)))
    return [c for c in ordered if c.has_children], [c for c in ordered if not c.has_children]


def notification_due(last_heard: date, meeting: date, next_meeting: date | None) -> bool:
    """12-month notifications: the flag ends on or after this meeting and before the next
    (with no next meeting listed yet, before the same date a month on)."""
    ends = flag_expires_on(last_heard)
    return meeting <= ends < (next_meeting or add_months(meeting, 1))


def published_late(published_on: date, due: date) -> bool:
    """Agenda and minutes: going out after the due date is late, and shown as such."""
    return published_on > due
