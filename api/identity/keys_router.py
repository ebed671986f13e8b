"""Administration of partner API keys: issue (shown once), list, revoke."""

import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.audit.unit_of_work import commit_audited
from api.common.access import require_administrator
from api.db import SessionDep, utcnow
from api.identity import api_keys, repository
from api.identity.models import ApiKey
from api.identity.schemas import ApiKeyCreate, ApiKeyIssued, ApiKeyPage, ApiKeyRead
from api.panels.models import Agency
from api.problems import BadRequest, Forbidden, NotFound, Unauthenticated, problem_responses
from api.security.dependencies import PrincipalDep
from api.security.principal import Scope

router = APIRouter(prefix="/api/v1/admin/api-keys", tags=["administration"])


@router.post("", operation_id="createApiKey", status_code=201, response_model=ApiKeyIssued,
             responses=problem_responses(BadRequest, Unauthenticated, Forbidden, NotFound))
def create_api_key(body: ApiKeyCreate, request: Request, session: SessionDep,
                   principal: PrincipalDep, response: Response) -> ApiKeyIssued:
    """Issues a key for an agency's system; the key is in this response only, never again."""
    require_administrator(principal)
    if session.get(Agency, body.agency_id) is None:
        raise NotFound("No such agency.")
    key, plaintext = api_keys.issue(
        session, agency_id=body.agency_id, name=body.name, scopes=body.scopes,
        expires_at=utcnow() + timedelta(days=body.expires_in_days), created_by=principal.subject_id)
    location = f"/api/v1/admin/api-keys/{key.id}"
    commit_audited(session, request, 201, location)
    response.headers["Location"] = location
    return ApiKeyIssued(**_read(key).model_dump(), key=plaintext)


@router.get("", operation_id="listApiKeys", response_model=ApiKeyPage,
            responses=problem_responses(Unauthenticated, Forbidden))
def list_api_keys(session: SessionDep, principal: PrincipalDep,
                  agency_id: uuid.UUID | None = None, cursor: uuid.UUID | None = None,
                  limit: Annotated[int, Query(ge=1, le=200)] = 50) -> ApiKeyPage:
    """Lists keys (never their secrets), optionally of one agency."""
    require_administrator(principal)
    keys = repository.api_keys_page(session, cursor, limit, agency_id)
    return ApiKeyPage(items=[_read(k) for k in keys],
                      next_cursor=keys[-1].id if len(keys) == limit else None)


@router.post("/{key_id}/revoke", operation_id="revokeApiKey", response_model=ApiKeyRead,
             responses=problem_responses(Unauthenticated, Forbidden, NotFound))
def revoke_api_key(key_id: uuid.UUID, request: Request, session: SessionDep,
                   principal: PrincipalDep) -> ApiKeyRead:
    """Revokes a key at once; revoking twice keeps the first revocation time."""
    require_administrator(principal)
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFound("No such API key.")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
    commit_audited(session, request, 200)
    return _read(key)


def _read(key: ApiKey) -> ApiKeyRead:
    return ApiKeyRead(id=key.id, agency_id=key.agency_id, name=key.name,
                      scopes=[Scope(s) for s in key.scopes], created_at=key.created_at,
                      expires_at=key.expires_at, revoked_at=key.revoked_at,
                      last_used_at=key.last_used_at)
