"""The agenda's order, what a case summary may show, notifications and lateness."""

from datetime import date

import pytest

from domain.agenda import (
    AGENDA_ORDER,
    AgendaCase,
    Section,
    minimal_details,
    notification_due,
    order_cases,
    published_late,
)


def test_the_agenda_runs_in_safelives_order() -> None:
    assert [s.value for s in AGENDA_ORDER] == [
        "introductions", "confidentiality_statement", "outstanding_actions",
        "cases_with_children", "adult_only_cases", "twelve_month_notifications",
        "any_other_business"]
    assert AGENDA_ORDER[0] is Section.INTRODUCTIONS


def test_cases_with_children_come_first_then_adult_only_oldest_first() -> None:
    adult_old = AgendaCase("a", date(2026, 11, 2), has_children=False)
    child_new = AgendaCase("b", date(2026, 11, 20), has_children=True)
    child_old = AgendaCase("c", date(2026, 11, 3), has_children=True)
    adult_new = AgendaCase("d", date(2026, 11, 21), has_children=False)
    children, adults = order_cases([adult_new, child_new, adult_old, child_old])
    assert children == [child_old, child_new]
    assert adults == [adult_old, adult_new]


def test_a_summary_keeps_only_the_minimal_details() -> None:
    person = {"given_names": "Alex", "family_name": "Example", "aliases": ["Al"],
              "date_of_birth": date(1990, 5, 1), "address": "1 Road", "postcode": "ZZ1 1AA",
              "phone": "07700 900000", "safe_to_call": False, "victim_fears": "brother",
              "unsafe_to_talk_to": "mother", "ethnicity": "x"}
    assert minimal_details(person) == {
        "given_names": "Alex", "family_name": "Example", "aliases": ["Al"],
        "date_of_birth": date(1990, 5, 1), "address": "1 Road", "postcode": "ZZ1 1AA"}
    assert minimal_details({})["address"] is None


@pytest.mark.parametrize(("last_heard", "next_meeting", "due"), [
    pytest.param(date(2026, 1, 8), date(2027, 2, 4), True, id="flag ends between meetings"),
    pytest.param(date(2026, 1, 7), date(2027, 2, 4), True, id="flag ends on the meeting day"),
    pytest.param(date(2026, 1, 6), date(2027, 2, 4), False, id="flag ended before"),
    pytest.param(date(2026, 2, 4), date(2027, 2, 4), False, id="flag ends on the next meeting"),
    pytest.param(date(2026, 2, 6), None, True, id="no next meeting: within a month"),
    pytest.param(date(2026, 2, 7), None, False, id="no next meeting: a month on"),
])
def test_twelve_month_notifications(last_heard: date, next_meeting: date | None,
                                    due: bool) -> None:
    assert notification_due(last_heard, date(2027, 1, 7), next_meeting) is due


@pytest.mark.parametrize(("published", "late"), [
    pytest.param(date(2026, 12, 30), False, id="on the due day"),
    pytest.param(date(2026, 12, 31), True, id="a day after"),
])
def test_published_late(published: date, late: bool) -> None:
    assert published_late(published, date(2026, 12, 30)) is late
