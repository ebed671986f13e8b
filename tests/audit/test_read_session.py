"""When a request's audit entry joins the request's own transaction (api/audit/middleware.py):
a read (GET or HEAD) on PostgreSQL whose session is open, holds no pending change and did not
fail; every other answer's entry is written in its own transaction."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from api.audit.middleware import _read_session
from api.panels.models import Agency


@pytest.fixture
def open_session(app: FastAPI) -> Iterator[Session]:
    session: Session = app.state.sessionmaker()
    session.execute(text("SELECT 1"))  # a read has begun its transaction
    yield session
    session.close()


def _scope(session: Session, method: str = "GET") -> dict:
    return {"type": "http", "method": method, "state": {"db_session": session}}


def test_a_read_joins_its_own_transaction_on_postgresql_only(open_session: Session) -> None:
    postgres = open_session.get_bind().dialect.name == "postgresql"
    for method in ("GET", "HEAD"):
        assert _read_session(_scope(open_session, method), 200) is (
            open_session if postgres else None)
    assert _read_session(_scope(open_session), 404) is (open_session if postgres else None)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_write_method_never_joins(open_session: Session, method: str) -> None:
    assert _read_session(_scope(open_session, method), 200) is None


def test_a_server_error_never_joins(open_session: Session) -> None:
    assert _read_session(_scope(open_session), 500) is None
    assert _read_session(_scope(open_session), 503) is None


def test_a_pending_change_never_commits_with_a_reads_entry(open_session: Session) -> None:
    open_session.add(Agency(code="pending", name="Pending", sector="police"))
    assert _read_session(_scope(open_session), 200) is None


def test_no_open_transaction_or_no_session(app: FastAPI) -> None:
    fresh: Session = app.state.sessionmaker()
    try:
        assert _read_session(_scope(fresh), 200) is None
        assert _read_session({"type": "http", "method": "GET", "state": {}}, 200) is None
    finally:
        fresh.close()
