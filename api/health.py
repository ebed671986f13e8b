"""Liveness and readiness probes for orchestrators; they expose no data."""

import anyio.to_thread
from fastapi import APIRouter, Request
from pydantic import BaseModel

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
async def ready(request: Request) -> Health:
    """Readiness: a pooled database connection answers and the schema is at the migration head."""
    # No request session: its clean-up would run after the response, where a dropped connection
    # used to log "response already started".
    failure = await anyio.to_thread.run_sync(request.app.state.readiness.failure)
    if failure is not None:
        raise ServiceUnavailable(failure, headers={"Retry-After": "5"})
    return Health(status="ready")
