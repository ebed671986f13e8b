"""Liveness and readiness probes for orchestrators; they expose no data."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from api.db import SessionDep
from api.problems import ServiceUnavailable, problem_responses

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


@router.get("/health", operation_id="health", response_model=Health)
def health() -> Health:
    """Liveness: the process is up and answering."""
    return Health(status="ok")


@router.get("/ready", operation_id="ready", response_model=Health,
            responses=problem_responses(ServiceUnavailable))
def ready(session: SessionDep) -> Health:
    """Readiness: the database answers a query."""
    try:
        session.execute(text("SELECT 1"))
    except Exception as exc:
        raise ServiceUnavailable("The database is not reachable.") from exc
    return Health(status="ready")
