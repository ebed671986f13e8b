"""The product app plus one bench-only route, served together: `uvicorn bench.app:app`.

POST /bench/bare inserts one row into `bench_rows` (created by bench/referrals.py, not by the
product's migrations) through the same engine, session and middleware as the product's routes,
so its throughput is the ceiling a referral submission is compared with.
"""

import os
import uuid

from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import insert

from api.db import SessionDep
from api.main import create_app
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
