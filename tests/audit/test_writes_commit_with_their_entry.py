"""A change and its audit entry commit together or not at all, on every writing route.

A trigger makes the database refuse every audit entry, a real failure on SQLite and
PostgreSQL alike. Each writing route is then sent a request valid for it: it must answer 503
and leave every table as it was. The same request sent again once entries are accepted must
succeed and (for a write) change something, which shows it was a valid, writing request.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from api.audit.middleware import UNRECORDED
from api.db import Base
from tests.audit.action_writes import ACTION_WRITES
from tests.audit.meeting_writes import MEETING_WRITES
from tests.audit.sharing_writes import SHARING_WRITES
from tests.audit.writes import REFUSALS_THAT_WRITE
from tests.audit.writes import WRITES as _WRITES

WRITES = _WRITES | MEETING_WRITES | ACTION_WRITES | SHARING_WRITES

_AUDIT_TABLES = {"audit_entries", "audit_chain_heads"}
_REFUSE = {
    "sqlite": ["CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entries "
               "BEGIN SELECT RAISE(ABORT, 'audit refused'); END"],
    "postgresql": [
        "CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit refused'; END $$",
        "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entries "
        "FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()"],
}
_ACCEPT = {
    "sqlite": ["DROP TRIGGER test_refuse_audit"],
    "postgresql": ["DROP TRIGGER test_refuse_audit ON audit_entries",
                   "DROP FUNCTION test_refuse_audit()"],
}


@contextmanager
def audit_refused(engine: Engine) -> Iterator[None]:
    """Every audit insert fails inside the database while this is open."""
    _execute(engine, _REFUSE[engine.dialect.name])
    try:
        yield
    finally:
        _execute(engine, _ACCEPT[engine.dialect.name])


def _execute(engine: Engine, statements: list[str]) -> None:
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def snapshot(engine: Engine) -> dict[str, list[str]]:
    """Every row of every table but the audit trail's, in a comparable form."""
    with Session(engine) as session:
        return {table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
                for table in Base.metadata.sorted_tables if table.name not in _AUDIT_TABLES}


def writing_operations(app: FastAPI) -> set[str]:
    return {route.operation_id or route.name for route in app.routes
            if isinstance(route, APIRoute) and route.path.startswith("/api/v1/")
            and route.methods - {"GET", "HEAD", "OPTIONS"}}


def test_every_writing_route_has_a_request_here(app: FastAPI) -> None:
    """A new writing route fails this until tests/audit/writes.py can call it."""
    assert writing_operations(app) == set(WRITES)


@pytest.mark.parametrize("case", sorted({**WRITES, **REFUSALS_THAT_WRITE}))
def test_a_write_whose_entry_is_refused_changes_nothing(
        case: str, client: TestClient, session: Session) -> None:
    call = {**WRITES, **REFUSALS_THAT_WRITE}[case](client, session)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    before = snapshot(engine)
    with audit_refused(engine):
        refused: Any = call.send(client)
        after_refusal = snapshot(engine)
    assert refused.status_code == 503, refused.text
    assert refused.json()["detail"] == UNRECORDED
    assert after_refusal == before
    done = call.send(client)
    assert done.status_code == call.status, done.text
    assert (snapshot(engine) != before) is call.writes
