"""Schemathesis over the meeting cycle's routes, in process, on PostgreSQL: the default checks
with positive and negative data, then the stateful phase following the meeting links."""

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

MINE = r"^/api/v1/(meetings|meeting-series|hearings|panels/\{panel_id\}/settings)"


@pytest.fixture
def coordinator(client: TestClient, session: Session) -> tuple[uuid.UUID, dict[str, str]]:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    return panel.id, login_headers(client, session, Role.coordinator, panel, agency=agency)


def _schema(app: FastAPI) -> Any:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
    return schema.include(path_regex=MINE)


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_meeting_operations_pass_the_default_checks(
        app: FastAPI, coordinator: tuple[uuid.UUID, dict[str, str]], mode: GenerationMode) -> None:
    panel_id, auth = coordinator
    operations = [result.ok() for result in _schema(app).get_all_operations()]
    assert len(operations) == 27
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=mode)
        if mode is GenerationMode.POSITIVE:
            strategy = strategy.map(_into_panel(panel_id))

        @given(case=strategy)
        @settings(max_examples=20, **QUICK)
        def check(case: Any) -> None:
            case.call_and_validate(headers=_credentials(case, auth))

        check()


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_meeting_links_pass_the_stateful_checks(
        app: FastAPI, coordinator: tuple[uuid.UUID, dict[str, str]]) -> None:
    panel_id, auth = coordinator
    place = _into_panel(panel_id)

    class Machine(_schema(app).as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Any) -> None:
            place(case)
            if case.path_parameters and "panel_id" in case.path_parameters:
                case.path_parameters["panel_id"] = str(panel_id)

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": _credentials(case, auth)}

    Machine.run(settings=settings(max_examples=30, stateful_step_count=6, **QUICK))
