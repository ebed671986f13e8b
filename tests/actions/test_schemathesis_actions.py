"""Schemathesis over the action routes, in process, on PostgreSQL: the default checks with
positive and negative data, as the coordinator of a panel with a meeting held and an action
on it (generated panel ids are pointed at that panel)."""

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
from tests.support.auth import login_headers, make_agency, make_panel
from tests.test_schemathesis import CONFIG, QUICK, _credentials, _into_panel

MINE = r"^/api/v1/(actions|panels/\{panel_id\}/actions|cases/\{case_id\}/actions)"
OPERATIONS = 9


@pytest.fixture
def coordinator(client: TestClient, session: Session) -> tuple[uuid.UUID, dict[str, str]]:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    return panel.id, login_headers(client, session, Role.coordinator, panel, agency=agency)


def _schema(app: FastAPI) -> Any:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
    return schema.include(path_regex=MINE)


def _place(panel_id: uuid.UUID) -> Any:
    into = _into_panel(panel_id)

    def place(case: Any) -> Any:
        case = into(case)
        if case.path_parameters and "panel_id" in case.path_parameters:
            case.path_parameters["panel_id"] = str(panel_id)
        return case
    return place


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_action_operations_pass_the_default_checks(
        app: FastAPI, coordinator: tuple[uuid.UUID, dict[str, str]], mode: GenerationMode) -> None:
    panel_id, auth = coordinator
    operations = [result.ok() for result in _schema(app).get_all_operations()]
    assert len(operations) == OPERATIONS
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=mode)
        if mode is GenerationMode.POSITIVE:
            strategy = strategy.map(_place(panel_id))

        @given(case=strategy)
        @settings(max_examples=20, **QUICK)
        def check(case: Any) -> None:
            case.call_and_validate(headers=_credentials(case, auth))

        check()


