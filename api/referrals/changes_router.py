"""The referring agency amends (PUT, with If-Match) or withdraws a referral before triage; every
version stays readable."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm.exc import StaleDataError

from api.audit.unit_of_work import commit_audited
from api.clock import TodayDep
from api.common import access as common
from api.common.fields import Text
from api.common.query import no_unknown_query
from api.concurrency import IfMatchHeader, etag, require_version
from api.db import SessionDep
from api.errors import RULE_PROBLEMS
from api.problems import (
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    RuleViolation,
    problem_responses,
)
from api.referrals import changes, repository
from api.referrals.examples import EXAMPLES
from api.referrals.models import Referral
from api.referrals.schemas import ReferralCreate
from api.referrals.views import (
    STORED_VERDICT,
    ReferralRead,
    ReferralVersionRead,
    ReferralVersions,
    as_seen_by,
    referral_read,
)
from api.security.dependencies import PrincipalDep
from api.security.principal import Principal

router = APIRouter(prefix="/referrals", tags=["referrals"],
                   dependencies=[Depends(no_unknown_query)])
_HEADERS: dict[int | str, dict[str, Any]] = {
    200: {"headers": {"ETag": {"schema": {"type": "string"}}}}}
_CHANGE_PROBLEMS = (*common.CALLER_PROBLEMS, *common.BODY_PROBLEMS, Forbidden, NotFound,
                    Conflict, changes.ReferralTriaged, changes.ReferralWithdrawn,
                    PreconditionFailed, PreconditionRequired)


class Withdrawal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, Text(10_000, 1)]


@router.put("/{referral_id}", operation_id="amendReferral", response_model=ReferralRead,
            responses={**_HEADERS, **problem_responses(
                *_CHANGE_PROBLEMS, RuleViolation, *RULE_PROBLEMS.values())})
def amend_referral(referral_id: uuid.UUID,
                   body: Annotated[ReferralCreate, Body(openapi_examples=EXAMPLES)],
                   request: Request,
                   session: SessionDep, principal: PrincipalDep, response: Response,
                   today: TodayDep, if_match: IfMatchHeader = None) -> Any:
    """Replaces the form before triage (referring agency); the verdict is worked out again."""
    referral = repository.get_visible(session, principal, referral_id)
    require_version(if_match, referral.version)
    return _changed(session, request, response, referral,
                    lambda: changes.amend(session, principal, referral, body, today), principal)


@router.post("/{referral_id}/withdrawal", operation_id="withdrawReferral",
             response_model=ReferralRead,
             responses={**_HEADERS, **problem_responses(*_CHANGE_PROBLEMS)})
def withdraw_referral(referral_id: uuid.UUID, body: Withdrawal, request: Request,
                      session: SessionDep, principal: PrincipalDep, response: Response,
                      if_match: IfMatchHeader = None) -> Any:
    """Withdraws the referral before triage, with the reason (referring agency)."""
    referral = repository.get_visible(session, principal, referral_id)
    require_version(if_match, referral.version)
    return _changed(session, request, response, referral,
                    lambda: changes.withdraw(session, principal, referral, body.reason), principal)


@router.get("/{referral_id}/versions", operation_id="listReferralVersions",
            response_model=ReferralVersions,
            responses=problem_responses(*common.CALLER_PROBLEMS, NotFound))
def list_referral_versions(referral_id: uuid.UUID, request: Request, session: SessionDep,
                           principal: PrincipalDep) -> ReferralVersions:
    """Every version of the referral, oldest first; the last is the current one."""
    referral = repository.get_visible(session, principal, referral_id)
    request.state.audit_case_id = referral.case_id
    earlier = [ReferralVersionRead(
        version=v.version, replaced_at=v.replaced_at, replaced_by_kind=v.replaced_by_kind,
        replaced_by_id=v.replaced_by_id, referral=_kept(v.snapshot, principal))
        for v in changes.versions(session, referral)]
    current = referral_read(referral, *repository.details(session, referral.id), principal)
    return ReferralVersions(items=[*earlier, ReferralVersionRead(
        version=referral.version, replaced_at=None, replaced_by_kind=None,
        replaced_by_id=None, referral=current)])


def _kept(snapshot: dict[str, Any], principal: Principal) -> ReferralRead:
    """A kept version as this caller may see it (the stored verdict is never shown as is)."""
    shown = dict(snapshot)
    stored = shown.pop(STORED_VERDICT, None) or shown["verdict"]
    return as_seen_by(ReferralRead.model_validate(shown), stored, principal)


def _changed(session: SessionDep, request: Request, response: Response, referral: Referral,
             change: Any, principal: Principal) -> ReferralRead:
    try:
        change()
        commit_audited(session, request, 200)
    except StaleDataError:
        session.rollback()
        raise PreconditionFailed("The referral changed meanwhile; read it again.") from None
    session.refresh(referral)
    response.headers["ETag"] = etag(referral.version)
    return referral_read(referral, *repository.details(session, referral.id), principal)
