"""Administrators read the audit trail by case or by user: ids in the URL, never personal data."""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from api.audit.models import AuditEntry
from api.common.access import require_administrator
from api.db import SessionDep
from api.problems import Forbidden, Unauthenticated, problem_responses
from api.referrals.models import Referral
from api.security.dependencies import PrincipalDep

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])
# seq is a 64-bit signed integer on both databases: a larger cursor is refused (422) before it
# reaches a driver that cannot bind it.
MAX_SEQ = 2**63 - 1


class AuditEntryRead(BaseModel):
    seq: int
    lane: int
    lane_seq: int
    occurred_at: datetime
    request_id: str | None
    actor_kind: str | None
    actor_id: uuid.UUID | None
    agency_id: uuid.UUID | None
    roles: list[str]
    action: str
    method: str
    route: str
    resource_type: str | None
    resource_id: str | None
    case_id: uuid.UUID | None
    status: int
    outcome: str
    hash: str


class AuditPage(BaseModel):
    items: list[AuditEntryRead]
    next_cursor: int | None


@router.get("", operation_id="listAuditEntries", response_model=AuditPage,
            responses=problem_responses(Unauthenticated, Forbidden))
def list_audit_entries(session: SessionDep, principal: PrincipalDep,
                       case_id: uuid.UUID | None = None, user_id: uuid.UUID | None = None,
                       cursor: Annotated[int | None, Query(ge=1, le=MAX_SEQ)] = None,
                       limit: Annotated[int, Query(ge=1, le=500)] = 100) -> AuditPage:
    """Audit entries, newest first, about one case and/or by one user; page with next_cursor."""
    require_administrator(principal, "read the audit trail")
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if case_id is not None:
        query = query.where(_about_case(session, case_id))
    if user_id is not None:
        query = query.where(AuditEntry.actor_id == user_id)
    if cursor is not None:
        query = query.where(AuditEntry.seq < cursor)
    entries = list(session.scalars(query))
    return AuditPage(items=[_read(e) for e in entries],
                     next_cursor=entries[-1].seq if len(entries) == limit else None)


def _about_case(session: Session, case_id: uuid.UUID) -> ColumnElement[bool]:
    """Entries recorded with the case (its own routes; reads and triage of its referrals), and
    any entry about one of its referrals, such as their submission, made before it had a case."""
    referral_ids = [str(i) for i in session.scalars(
        select(Referral.id).where(Referral.case_id == case_id))]
    return or_(AuditEntry.case_id == case_id, and_(
        AuditEntry.resource_type == "referrals", AuditEntry.resource_id.in_(referral_ids)))


def _read(entry: AuditEntry) -> AuditEntryRead:
    fields = {name: getattr(entry, name) for name in AuditEntryRead.model_fields if name != "roles"}
    return AuditEntryRead(**fields, roles=[r for r in entry.roles.split(",") if r])
