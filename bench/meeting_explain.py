"""EXPLAIN ANALYZE of every statement the agenda, the minutes and the meeting list run, captured
as the API issues them (in process, same code, same database) and replayed under EXPLAIN."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session


def explain_documents(url: str, panel_id: uuid.UUID, ahead: uuid.UUID,
                      held: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    from api.meetings import agenda, minutes, repository

    engine = create_engine(url)
    captured: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
              executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    today = datetime.now(UTC).date()
    work = {
        "agenda (40 cases, published)": lambda s: agenda.read(s, repository.meeting(s, ahead)),
        "minutes (40-case meeting held)": lambda s: minutes.read(
            s, repository.meeting(s, held), today),
        "meeting list (one panel)": lambda s: repository.meetings(s, panel_id, None, None, 100),
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for label, read in work.items():
        with Session(engine) as session:
            read(session)  # warm: the plans below are of a warm cache, as under load
            captured.clear()
            read(session)
            statements = list(captured)
            out[label] = [_explain(session, sql, params) for sql, params in statements]
    engine.dispose()
    return out


def _explain(session: Session, sql: str, params: Any) -> dict[str, Any]:
    rows = session.connection().exec_driver_sql(
        "EXPLAIN (ANALYZE, BUFFERS) " + sql, params).fetchall()
    return {"sql": " ".join(sql.split()), "plan": [r[0] for r in rows]}
