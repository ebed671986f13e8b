"""EXPLAIN ANALYZE of every statement the agenda, the minutes and the meeting list run, captured
as the API issues them (in process, same code, same database) and replayed under EXPLAIN."""

import time
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session


def documents(panel_id: uuid.UUID, ahead: uuid.UUID, held: uuid.UUID) -> dict[str, Any]:
    """Each measured document as the route builds it (JSON included), by the route's name."""
    from api.meetings import agenda, minutes, repository
    from api.meetings.schemas import MeetingList, MeetingRead

    today = datetime.now(UTC).date()
    return {
        "agenda": lambda s: agenda.read(
            s, repository.document_meeting(s, ahead, "agenda")).model_dump_json(),
        "minutes": lambda s: minutes.read(
            s, repository.document_meeting(s, held, "minutes"), today).model_dump_json(),
        "meeting list": lambda s: MeetingList(items=[
            MeetingRead.model_validate(m) for m in repository.meetings(
                s, panel_id, None, None, 100)[0]]).model_dump_json(),
    }


def time_documents(url: str, panel_id: uuid.UUID, ahead: uuid.UUID, held: uuid.UUID,
                   runs: int = 60) -> dict[str, dict[str, float]]:
    """In-process build times (one session per build, no HTTP, auth or audit): what the
    document itself costs, apart from the server and the load on the machine."""
    engine = create_engine(url)
    out = {}
    for name, build in documents(panel_id, ahead, held).items():
        took = []
        for _ in range(runs):
            with Session(engine) as session:
                started = time.perf_counter()
                build(session)
                took.append((time.perf_counter() - started) * 1000)
        took.sort()
        out[name] = {"p50": round(took[len(took) // 2], 2),
                     "p95": round(took[int(len(took) * 0.95) - 1], 2)}
    engine.dispose()
    return out


def explain_documents(url: str, panel_id: uuid.UUID, ahead: uuid.UUID,
                      held: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    engine = create_engine(url)
    captured: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
              executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    out: dict[str, list[dict[str, Any]]] = {}
    for label, read in documents(panel_id, ahead, held).items():
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
