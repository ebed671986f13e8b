"""Schemathesis against the contract, logged in for real as a coordinator, on PostgreSQL.

The default checks run, including `ignored_auth`: every operation that declares bearer auth must
refuse the same request without credentials.
"""

import atexit
import secrets
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    ignored_auth,
)
from sqlalchemy import create_engine, text

from api.config import Settings
from api.main import create_app
from api.security.principal import Role
from tests.support.auth import login, make_agency, make_panel, make_user
from tests.support.databases import PG_ADMIN_URL, migrate

# `schema.parametrize` needs the app when the module is imported, and schemathesis calls the auth
# provider while collecting, before any fixture runs; building the app touches no database, so
# the PostgreSQL database is created on first use (by the auth provider or the fixture) and
# dropped by the module fixture when its tests end, or at exit if they never ran.
_DATABASE = f"marac_test_st_{uuid.uuid4().hex[:12]}"
_URL = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{_DATABASE}"
# Housekeeping off, as in tests/conftest.py: schemathesis keeps the app's lifespan running and
# every login opened one more, each starting a purge that raced the requests (it has its own tests).
APP = create_app(Settings(database_url=_URL, environment="test",
                          jwt_secret=secrets.token_urlsafe(48), housekeeping_interval_seconds=0))
_CREATED: list[bool] = []


def _ensure_database() -> None:
    if _CREATED:
        return
    _admin_execute(f'CREATE DATABASE "{_DATABASE}"')
    _CREATED.append(True)
    atexit.register(_drop_database)
    migrate(_URL)


def _drop_database() -> None:
    if _CREATED:
        _CREATED.clear()
        APP.state.engine.dispose()
        _admin_execute(f'DROP DATABASE IF EXISTS "{_DATABASE}" WITH (FORCE)')


def _admin_execute(sql: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(sql))
    finally:
        admin.dispose()


@pytest.fixture(scope="module")
def contract_database() -> Iterator[None]:
    _ensure_database()
    try:
        yield
    finally:
        _drop_database()


# The referral form's schema (submitted or amended) is large enough that the coverage phase
# alone takes minutes there; it is fuzzed (and covered by tests/referrals) instead, keeping
# this test near two minutes.
# A schema cannot state "your current password" or "a code from your authenticator": a valid
# body with the wrong one is refused with a 422 naming the field, as documented.
_SECRETS_ONLY_THE_CALLER_KNOWS = ["2xx", "401", "403", "404", "409", "422", "429"]
CONFIG = SchemathesisConfig.from_dict({"operations": [
    {"include-operation-id": ["submitReferral", "amendReferral"],
     "phases": {"coverage": {"enabled": False}}},
    *({"include-operation-id": operation, "checks": {"positive_data_acceptance": {
        "expected-statuses": _SECRETS_ONLY_THE_CALLER_KNOWS}}}
      for operation in ("changePassword", "confirmMfaEnrolment")),
]})
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


@schema.auth()
class CoordinatorLogin:
    """Logs in through POST /api/v1/auth/login as the coordinator of a fresh test panel."""

    def get(self, case: Any, ctx: Any) -> str:
        app = ctx.app
        _ensure_database()
        with app.state.sessionmaker() as session:
            agency = make_agency(session)
            panel = make_panel(session, agency)
            user = make_user(session, agency, {panel.id: [Role.coordinator]})
        with TestClient(app) as client:
            return str(login(client, user.email)["access_token"])

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


load_all_checks()


def _uncommon_password(case: Any) -> None:
    """The common-password list is a rule the schema cannot state: a schema-valid password
    ("111111111111") is refused with 422. Swap such passwords for a random passphrase; invalid
    ones (wrong length or type) are left for the negative checks."""
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("password"), str) \
            and 12 <= len(body["password"]) <= 128:
        body["password"] = " ".join(secrets.token_hex(3) for _ in range(4))


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_the_api_honours_its_contract_when_authenticated(case: Any,
                                                         contract_database: None) -> None:
    _uncommon_password(case)
    case.call_and_validate(additional_checks=[ignored_auth])
