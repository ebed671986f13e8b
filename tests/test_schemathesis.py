"""Schemathesis against the referral, case and people endpoints, in process, on PostgreSQL:
every default check, positive and negative data, then the stateful phase.

The caller is a coordinator of a panel made for the test, logged in for real, so the
authentication checks (ST401) see genuine 401s for missing or bad credentials.
"""

import uuid
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation
from sqlalchemy.orm import Session

from api.security.principal import Role
from tests.support.auth import login_headers, make_agency, make_panel

# Panel settings belong to the meeting cycle: tests/meetings fuzzes them; the action lists
# under panels and cases belong to tests/actions; consent, sharing bases and disclosure logs
# belong to information sharing: tests/sharing fuzzes them.
_NOT_SHARING = r"(?!/\{[a-z_]+\}/(consent|sharing-basis|disclosures))"
MINE = (rf"^(?!.*/actions)/api/v1/(referrals{_NOT_SHARING}|cases{_NOT_SHARING}|people|agencies"
        r"|panels(?!/\{panel_id\}/settings))")
# Schema-valid bodies can still break a MARAC rule (answers that do not fit the panel's
# instrument, an incident dated after the referral...): the contract documents those as 422
# problem documents, so 422 is an expected answer to positive data here. A generated If-Match
# cannot know the current ETag, so the documented 412/428 are expected too.
CONFIG = SchemathesisConfig.from_str("""
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "412", "422", "428", "429"]
""")
QUICK = {"derandomize": True, "deadline": None, "database": None,
         "suppress_health_check": list(HealthCheck)}


@pytest.fixture
def coordinator(client: TestClient, session: Session) -> tuple[uuid.UUID, dict[str, str]]:
    """A panel and its coordinator's Authorization header."""
    agency = make_agency(session)
    panel = make_panel(session, agency)
    return panel.id, login_headers(client, session, Role.coordinator, panel, agency=agency)


# The stateful phase walks the links from a submitted referral; discovery (panels, agencies)
# has none, and with it in the mix the walk rarely starts at a submission.
LINKED = rf"^(?!.*/actions)/api/v1/(referrals{_NOT_SHARING}|cases{_NOT_SHARING}|people)"


def _schema(app: FastAPI, paths: str = MINE) -> Any:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
    return schema.include(path_regex=paths)


def _into_panel(panel_id: uuid.UUID) -> Any:
    """Generated bodies name random panels; point them at the real one to reach the rules."""
    def place(case: Any) -> Any:
        if isinstance(case.body, dict) and "panel_id" in case.body:
            case.body["panel_id"] = str(panel_id)
        return case
    return place


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_passes_the_default_checks(
        app: FastAPI, coordinator: tuple[uuid.UUID, dict[str, str]], mode: GenerationMode) -> None:
    panel_id, auth = coordinator
    operations = [result.ok() for result in _schema(app).get_all_operations()]
    assert len(operations) == 18  # with the case summary and safety plan
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=mode)
        if mode is GenerationMode.POSITIVE:
            strategy = strategy.map(_into_panel(panel_id))

        @given(case=strategy)
        @settings(max_examples=25, **QUICK)
        def check(case: Any) -> None:
            case.call_and_validate(headers=_credentials(case, auth))

        check()


# What the referral form's rules refuse and no schema states (dates against today, reasons
# that depend on other fields, answers that fit the panel's instrument): the stateful phase
# sets these so some referrals are recorded and the links from them are followed.
_WITHIN_RULES = {"referral_date": "2026-01-15", "incident_dates": [], "last_marac_date": None,
                 "consent": {"status": "given"}, "victim_aware": True, "relationships": [],
                 "risk_assessment": None, "external_reference": None}


def _within_rules(case: Any) -> None:
    body = case.body
    if not (isinstance(body, dict) and "referral_date" in body and "victim" in body):
        return
    body.update(_WITHIN_RULES)
    if isinstance(body["victim"], dict):
        body["victim"]["date_of_birth"] = "1990-01-01"
    for group in ("perpetrators", "children", "household_members"):
        for person in body.get(group) or []:
            if isinstance(person, dict):
                person["date_of_birth"] = None


def _credentials(case: Any, auth: dict[str, str]) -> dict[str, str] | None:
    """The coordinator's credentials, except where the negative case is a missing or broken
    Authorization header: adding them back would send a valid request marked invalid."""
    return None if case.meta and case.meta.is_negative_at(ParameterLocation.HEADER) else auth


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_stateful_sequences_pass_the_default_checks(
        app: FastAPI, coordinator: tuple[uuid.UUID, dict[str, str]]) -> None:
    panel_id, auth = coordinator
    place = _into_panel(panel_id)

    succeeded: set[str] = set()

    class Machine(_schema(app, LINKED).as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Any) -> None:
            place(case)
            _within_rules(case)

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": _credentials(case, auth)}

        def after_call(self, response: Any, case: Any) -> None:
            if response.status_code < 300:
                succeeded.add(case.operation.definition.raw.get("operationId", ""))

    Machine.run(settings=settings(max_examples=40, stateful_step_count=8, **QUICK))
    # The links carried real ids and the ETag: a submitted referral was read and triaged.
    assert {"submitReferral", "getReferral", "triageReferral"} <= succeeded
