"""The product app plus two bench-only routes, served together: `uvicorn bench.app:app`.

POST /bench/bare inserts one row into `bench_rows` (created by bench/referrals.py, not by the
product's migrations) through the same engine, session and middleware as the product's routes,
so its throughput is the ceiling a referral submission is compared with.

POST /api/v1/bench/audited-row is a reference, not a yardstick: the same one-row insert with
what every /api/v1 write must also do (authenticate the caller, record an audit entry in the
same transaction), so the report can separate that fixed cost from the referral's own work.
"""

import os
import uuid

from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import insert

from api.audit.middleware import record_in
from api.db import SessionDep
from api.main import create_app
from api.security.dependencies import PrincipalDep
from bench.tables import bench_rows


class BareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    payload: str = Field(max_length=10_000)


class BareOut(BaseModel):
    id: uuid.UUID


router = APIRouter()


@router.post("/bench/bare", status_code=201, response_model=BareOut, include_in_schema=False)
def bare(body: BareIn, session: SessionDep) -> BareOut:
    """Inserts one row and commits: the floor under every write the product does."""
    row_id = uuid.uuid4()
    session.execute(insert(bench_rows).values(id=row_id, payload=body.payload))
    session.commit()
    return BareOut(id=row_id)


@router.post("/api/v1/bench/audited-row", status_code=201, response_model=BareOut,
             operation_id="benchAuditedRow", include_in_schema=False)
def audited_row(body: BareIn, request: Request, session: SessionDep,
                principal: PrincipalDep) -> BareOut:
    """One row, by an authenticated caller, audited in the same transaction."""
    row_id = uuid.uuid4()
    session.execute(insert(bench_rows).values(id=row_id, payload=body.payload))
    record_in(session, request, 201)
    session.commit()
    return BareOut(id=row_id)


def _override_auth(app: FastAPI) -> None:
    """Only when MARAC_BENCH_AUTH=override: a fixed API-key principal instead of real auth."""
    from api.security.dependencies import current_principal
    from api.security.principal import Principal, Role, Scope

    panel = uuid.UUID(os.environ["MARAC_BENCH_PANEL_ID"])
    principal = Principal(kind="api_key", subject_id=uuid.uuid4(),
                          agency_id=uuid.UUID(os.environ["MARAC_BENCH_AGENCY_ID"]),
                          panel_roles={panel: frozenset({Role.referrer, Role.coordinator})},
                          scopes=frozenset({Scope.referrals_submit, Scope.referrals_read}))
    app.dependency_overrides[current_principal] = lambda: principal


app = create_app()
app.include_router(router)
if os.environ.get("MARAC_BENCH_AUTH") == "override":
    _override_auth(app)
