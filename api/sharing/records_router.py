"""Consent on a referral (read, update with history kept), and per case its sharing basis and
disclosure log."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.exc import IntegrityError

from api.audit.unit_of_work import commit_audited
from api.cases.models import Case
from api.common import access as common
from api.common.query import no_unknown_query
from api.concurrency import IfMatchHeader, etag, require_version
from api.db import SessionDep
from api.problems import (
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    problem_responses,
)
from api.security.dependencies import PrincipalDep
from api.security.principal import Principal, Role
from api.sharing import access, consent, repository, service
from api.sharing.disclosure import basis_or_missing
from api.sharing.schemas import (
    ConsentRead,
    ConsentUpdate,
    DisclosureList,
    DisclosureRead,
    SharingBasisRead,
)
from domain.sharing_gate import Basis

router = APIRouter(tags=["sharing"], dependencies=[Depends(no_unknown_query)])
_ETAG = {"ETag": {"schema": {"type": "string"}, "description": "Version for If-Match"}}
_READ = (*common.CALLER_PROBLEMS, Forbidden, NotFound)


@router.get("/referrals/{referral_id}/consent", operation_id="getReferralConsent",
            response_model=ConsentRead,
            responses={200: {"headers": _ETAG}, **problem_responses(*_READ)})
def get_consent(referral_id: uuid.UUID, request: Request, session: SessionDep,
                principal: PrincipalDep, response: Response) -> ConsentRead:
    """The referral's consent now and its history (given, refused or not sought; how; by whom;
    when; whether the victim is aware of the referral)."""
    referral = consent.keeper_referral(session, principal, referral_id)
    request.state.audit_case_id = referral.case_id
    found = consent.read(session, referral)
    response.headers["ETag"] = etag(found.current.sequence)
    return found


@router.put("/referrals/{referral_id}/consent", operation_id="updateReferralConsent",
            response_model=ConsentRead, responses={200: {"headers": _ETAG}, **problem_responses(
                *_READ, *common.BODY_PROBLEMS, PreconditionFailed, PreconditionRequired,
                Conflict)})
def update_consent(referral_id: uuid.UUID, body: ConsentUpdate, request: Request,
                   session: SessionDep, principal: PrincipalDep, response: Response,
                   if_match: IfMatchHeader = None) -> ConsentRead:
    """Record the consent as it stands now; the earlier records stay as its history."""
    referral = consent.keeper_referral(session, principal, referral_id)
    request.state.audit_case_id = referral.case_id
    current = consent.history(session, referral)[-1].sequence
    require_version(if_match, current)
    try:
        service.record_consent(session, principal, referral, body, current + 1)
        commit_audited(session, request, 200)
    except IntegrityError:  # a concurrent change took this sequence number first
        session.rollback()
        raise Conflict("The consent changed meanwhile; read it again.") from None
    found = consent.read(session, referral)
    response.headers["ETag"] = etag(found.current.sequence)
    return found


def _case(session: SessionDep, principal: Principal, request: Request, case_id: uuid.UUID,
          *allowed: Role, administrators: bool = False) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("No such case.")
    if not (administrators and principal.kind == "user" and principal.is_administrator):
        try:
            access.require(principal, case.panel_id, *allowed)
        except NotFound:
            raise NotFound("No such case.") from None
    request.state.audit_case_id = case.id
    return case


@router.get("/cases/{case_id}/sharing-basis", operation_id="getCaseSharingBasis",
            response_model=SharingBasisRead, responses=problem_responses(*_READ))
def get_sharing_basis(case_id: uuid.UUID, request: Request, session: SessionDep,
                      principal: PrincipalDep) -> SharingBasisRead:
    """Whether the case may be shared now: on consent, on a decision, or waiting for a basis."""
    case = _case(session, principal, request, case_id, *access.CONSENT_KEEPERS)
    found = basis_or_missing(session, case.id)
    if isinstance(found, Basis):
        return SharingBasisRead(case_id=case.id, basis=found.kind, missing=None,
                                decision_id=uuid.UUID(found.decision_id)
                                if found.decision_id else None)
    return SharingBasisRead(case_id=case.id, basis=None, decision_id=None, missing=found.detail)


@router.get("/cases/{case_id}/disclosures", operation_id="listCaseDisclosures",
            response_model=DisclosureList, responses=problem_responses(*_READ))
def list_disclosures(case_id: uuid.UUID, request: Request, session: SessionDep,
                     principal: PrincipalDep,
                     limit: Annotated[int, Query(ge=1, le=1000)] = 500) -> DisclosureList:
    """Every disclosure of the case's details: when, to which agency (and person), how, and
    on what basis; for the coordinator, and administrators answering a subject access request."""
    case = _case(session, principal, request, case_id, Role.coordinator, administrators=True)
    return DisclosureList(items=[DisclosureRead.model_validate(d)
                                 for d in repository.disclosures(session, case.id, limit)])
