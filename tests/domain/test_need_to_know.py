"""Need to know: each role's view of a case, and what the victim fears disclosed stays out."""

from datetime import date

import pytest

from domain.agenda import minimal_details
from domain.need_to_know import (
    SAFETY_PLAN_VICTIM,
    WITHHOLDABLE,
    Reading,
    case_reading,
    only,
    withheld,
)


@pytest.mark.parametrize(("roles", "view"), [
    pytest.param({"coordinator"}, Reading.FULL, id="coordinator-full"),
    pytest.param({"chair"}, Reading.FULL, id="chair-full"),
    pytest.param({"idva"}, Reading.SAFETY_PLAN, id="idva-safety-plan"),
    pytest.param({"agency_representative"}, Reading.SUMMARY, id="representative-summary"),
    pytest.param({"referrer"}, Reading.NONE, id="referrer-none"),
    pytest.param({"analyst"}, Reading.NONE, id="analyst-none"),
    pytest.param(set(), Reading.NONE, id="no-role"),
    pytest.param({"agency_representative", "idva"}, Reading.SAFETY_PLAN, id="widest-wins"),
    pytest.param({"referrer", "chair", "agency_representative"}, Reading.FULL,
                 id="chair-among-others"),
])
def test_each_role_reads_its_own_view(roles, view):
    assert case_reading(roles) is view


PERSON = {"given_names": "Alex", "family_name": "Example", "aliases": ["Al"],
          "date_of_birth": date(1990, 5, 1), "address": "1 Refuge Lane", "postcode": "RF1 1AA",
          "phone": "07700900123"}


@pytest.mark.parametrize(("marked", "expected"), [
    pytest.param([], {"aliases": ["Al"], "address": "1 Refuge Lane"}, id="nothing-marked"),
    pytest.param(["address", "postcode"], {"address": None, "postcode": None},
                 id="refuge-address"),
    pytest.param(["aliases"], {"aliases": []}, id="a-list-is-emptied"),
    pytest.param(["given_names", "phone"], {"given_names": "Alex", "phone": "07700900123"},
                 id="names-and-other-fields-cannot-be-withheld"),
])
def test_marked_details_are_left_empty(marked, expected):
    shown = withheld(PERSON, marked)
    assert {name: shown[name] for name in expected} == expected
    assert set(shown) == set(PERSON)


def test_summaries_leave_out_what_the_victim_fears_disclosed():
    summary = minimal_details({**PERSON, "do_not_circulate": ["address", "date_of_birth"]})
    assert summary == {"given_names": "Alex", "family_name": "Example", "aliases": ["Al"],
                       "date_of_birth": None, "address": None, "postcode": "RF1 1AA"}
    assert "phone" not in minimal_details(PERSON)


def test_a_view_holds_only_its_fields():
    assert only({**PERSON, "ethnicity": "x"}, ("phone", "school")) == {
        "phone": "07700900123", "school": None}
    assert set(WITHHOLDABLE) <= set(SAFETY_PLAN_VICTIM)
