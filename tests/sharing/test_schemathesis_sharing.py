"""Schemathesis over information sharing's routes, in process, on PostgreSQL: the default
checks with positive and negative data. The caller is a coordinator who is also an agency
representative and their agency's sharing approver, so every route can answer 2xx; generated
bodies name a real referral (consent refused) so proposals reach the rules."""

import uuid
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given, settings
from schemathesis import GenerationMode
from sqlalchemy.orm import Session

from api.security.principal import Role
from tests.referrals.factories import referral_body
from tests.sharing.helpers import REFUSED
from tests.support.auth import bearer, login, make_agency, make_panel, make_user
from tests.test_schemathesis import CONFIG, QUICK, _credentials

MINE = (r"^/api/v1/(information-sharing-decision"
        r"|referrals/\{referral_id\}/consent|cases/\{case_id\}/(sharing-basis|disclosures))")


@pytest.fixture
def caller(client: TestClient, session: Session) -> tuple[uuid.UUID, str, dict[str, str]]:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    user = make_user(session, agency, {panel.id: [Role.coordinator, Role.agency_representative]},
                     is_sharing_approver=True)
    auth = bearer(login(client, user.email)["access_token"])
    made = client.post("/api/v1/referrals", headers=auth,
                       json=referral_body(panel.id, consent=REFUSED))
    assert made.status_code == 201, made.text
    return panel.id, made.json()["id"], auth


def _real(panel_id: uuid.UUID, referral_id: str) -> Any:
    def place(case: Any) -> Any:
        if isinstance(case.body, dict) and "referral_id" in case.body:
            case.body["referral_id"] = referral_id
        if isinstance(case.query, dict) and "panel_id" in case.query:
            case.query["panel_id"] = str(panel_id)
        return case
    return place


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_sharing_operations_pass_the_default_checks(
        app: FastAPI, caller: tuple[uuid.UUID, str, dict[str, str]],
        mode: GenerationMode) -> None:
    panel_id, referral_id, auth = caller
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
    operations = [r.ok() for r in schema.include(path_regex=MINE).get_all_operations()]
    assert len(operations) == 14
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=mode)
        if mode is GenerationMode.POSITIVE:
            strategy = strategy.map(_real(panel_id, referral_id))

        @given(case=strategy)
        @settings(max_examples=25, **QUICK)
        def check(case: Any) -> None:
            case.call_and_validate(headers=_credentials(case, auth))

        check()
