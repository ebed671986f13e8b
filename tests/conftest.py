"""Shared fixtures: every database test runs once on SQLite and once on PostgreSQL.

Each test makes its own panel and records with the factories, so tests never share rows and
need no clean-up; each backend's database is created fresh for the run and dropped after it.
"""

import secrets
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.config import Settings
from api.main import create_app
from api.security.passwords import use_cheap_hashing_for_tests
from tests.support.databases import BACKENDS, fresh_database, migrate

# Argon2 at the production cost takes about a second a hash on a busy 2-core machine, and the
# suite logs in thousands of times; tests/identity/test_password_cost.py checks the service
# keeps the strong cost. Before any test module is imported (tests/support/auth.py hashes then).
use_cheap_hashing_for_tests()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(request.param, tmp_path_factory.mktemp("db")) as url:
        migrate(url)
        yield url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    # Housekeeping off: a background purge would race the rows tests arrange (it has its own).
    return Settings(database_url=database_url, environment="test",
                    jwt_secret=secrets.token_urlsafe(48), housekeeping_interval_seconds=0)


@pytest.fixture(scope="session")
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def session(app: FastAPI) -> Iterator[Session]:
    """A session on the app's database for arranging and checking rows directly."""
    with app.state.sessionmaker() as db_session:
        yield db_session
