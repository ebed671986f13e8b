"""Referral endpoints: submit, list, read, match candidates and triage."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from api import idempotency
from api.audit.middleware import record_in
from api.audit.unit_of_work import commit_audited
from api.clock import TodayDep
from api.common import access as common
from api.common import responses
from api.common.cursor import Cursor, Limit
from api.common.fields import Day
from api.common.query import no_unknown_query
from api.concurrency import IfMatchHeader, etag, require_version
from api.db import SessionDep
from api.errors import RULE_PROBLEMS
from api.people.keys import person_probe
from api.people.matching import find_candidates
from api.people.schemas import MatchCandidates
from api.problems import (
    Conflict,
    Forbidden,
    IdempotencyInFlight,
    IdempotencyKeyReused,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    RuleViolation,
    problem_responses,
)
from api.referrals import access, repository, service, triage
from api.referrals.examples import EXAMPLES
from api.referrals.models import Referral, ReferralStatus
from api.referrals.schemas import ExternalReference, ReferralCreate
from api.referrals.triage_schemas import TriageCreate
from api.referrals.views import (
    ReferralPage,
    ReferralRead,
    ReferralSubmitted,
    present_submitted,
    referral_read,
    referral_submitted,
)
from api.security.dependencies import PrincipalDep
from api.security.principal import Principal

router = APIRouter(prefix="/referrals", tags=["referrals"],
                   dependencies=[Depends(no_unknown_query)])
_HEADERS = {"ETag": {"schema": {"type": "string"}, "description": "Version for If-Match"}}
_ID = "$response.body#/id"
# What a client does next with a referral it holds (OpenAPI links; the stateful tests follow
# them): read it, see its match candidates, triage it with the version it was given, read its
# versions. (Links to amend and withdraw, with If-Match, made Hypothesis report the stateful
# phase's generation as flaky; those routes are fuzzed on their own and in tests/referrals.)
_LINKS = {
    "GetReferral": {"operationId": "getReferral", "parameters": {"path.referral_id": _ID}},
    "ListMatchCandidates": {"operationId": "listReferralMatchCandidates",
                            "parameters": {"path.referral_id": _ID}},
    "TriageReferral": {"operationId": "triageReferral", "parameters": {
        "path.referral_id": _ID, "header.If-Match": "$response.header.ETag"}},
    "ListReferralVersions": {"operationId": "listReferralVersions",
                             "parameters": {"path.referral_id": _ID}},
}
_CREATED: dict[int | str, dict[str, Any]] = {
    201: {"headers": {**_HEADERS, "Location": {"schema": {"type": "string"}}}, "links": _LINKS}}


@router.post("", status_code=201, operation_id="submitReferral", response_model=ReferralSubmitted,
             responses={**_CREATED, **problem_responses(
                 *common.CALLER_PROBLEMS, *common.BODY_PROBLEMS, Forbidden, NotFound,
                 IdempotencyInFlight, IdempotencyKeyReused, RuleViolation,
                 *RULE_PROBLEMS.values())})
def submit_referral(body: Annotated[ReferralCreate, Body(openapi_examples=EXAMPLES)],
                    request: Request, session: SessionDep,
                    principal: PrincipalDep, today: TodayDep,
                    idempotency_key: idempotency.IdempotencyKeyHeader = None) -> JSONResponse:
    """Submit a referral; the answer carries the verdict (and, for triagers, repeat candidates)."""

    def work() -> idempotency.Outcome:
        done = service.submit(session, principal, body, today)
        payload = referral_submitted(done.referral, done.people, done.assessment,
                                     done.repeat_candidates)
        location = responses.location(request, "get_referral", referral_id=str(done.referral.id))
        record_in(session, request, 201, location)  # commits with the referral, or not at all
        return idempotency.Outcome(201, payload, {
            "Location": location, "ETag": etag(done.referral.version)})

    caller = f"{principal.kind}:{principal.subject_id}"
    outcome = idempotency.run(
        session, caller, idempotency_key, body.model_dump(mode="json"), work,
        authorize=lambda: service.authorized_panel(session, principal, body.panel_id),
        present=lambda stored: present_submitted(stored, principal))
    request.state.audit_replay = outcome.replayed  # the trail tells a replay from the creation
    return outcome.response()


@router.get("", operation_id="listReferrals", response_model=ReferralPage,
            responses=problem_responses(*common.CALLER_PROBLEMS, Forbidden))
def list_referrals(
    session: SessionDep, principal: PrincipalDep, cursor: Cursor = None, limit: Limit = 50,
    panel_id: uuid.UUID | None = None, status: ReferralStatus | None = None,
    submitted_from: Annotated[Day | None, Query()] = None,
    submitted_to: Annotated[Day | None, Query()] = None,
    external_reference: Annotated[ExternalReference | None, Query(
        description="The referring agency's own reference: finds that referral")] = None,
) -> ReferralPage:
    """Referrals the caller may see, newest first; walk pages with `next_cursor`."""
    common.refuse_analyst_only(principal)
    rows, next_cursor = repository.list_visible(
        session, principal, panel_id=panel_id, status=status, submitted_from=submitted_from,
        submitted_to=submitted_to, cursor=cursor, limit=limit,
        external_reference=external_reference)
    return ReferralPage(items=rows, next_cursor=next_cursor)


@router.get("/{referral_id}", operation_id="getReferral", response_model=ReferralRead,
            responses={200: {"headers": _HEADERS, "links": _LINKS},
                       **problem_responses(*common.CALLER_PROBLEMS, Forbidden, NotFound)})
def get_referral(referral_id: uuid.UUID, request: Request, session: SessionDep,
                 principal: PrincipalDep, response: Response) -> ReferralRead:
    """One referral in full: its people, verdict, risk assessment and triage decision (the
    referring agency, the coordinator and the chair; others on the panel are refused)."""
    referral = _visible(request, session, principal, referral_id)
    response.headers["ETag"] = etag(referral.version)
    return referral_read(referral, *repository.details(session, referral.id), principal)


@router.get("/{referral_id}/match-candidates", operation_id="listReferralMatchCandidates",
            response_model=MatchCandidates,
            responses=problem_responses(*common.CALLER_PROBLEMS, Forbidden, NotFound))
def match_candidates(referral_id: uuid.UUID, request: Request, session: SessionDep,
                     principal: PrincipalDep) -> MatchCandidates:
    """People on the panel's other referrals who may be this referral's victim, best first."""
    referral = _visible(request, session, principal, referral_id)
    access.require_triager(principal, referral)
    people, _, _ = repository.details(session, referral.id)
    victim = next(p for p in people if p.role == "victim")
    return find_candidates(session, referral.panel_id, person_probe(victim),
                           exclude_referral=referral.id)


@router.post("/{referral_id}/triage", operation_id="triageReferral", response_model=ReferralRead,
             responses={200: {"headers": _HEADERS}, **problem_responses(
                 *common.CALLER_PROBLEMS, *common.BODY_PROBLEMS, Forbidden, NotFound, Conflict,
                 PreconditionFailed, PreconditionRequired)})
def triage_referral(referral_id: uuid.UUID, body: TriageCreate, request: Request,
                    session: SessionDep, principal: PrincipalDep, response: Response,
                    if_match: IfMatchHeader = None) -> Any:
    """Accept as a new case or a confirmed repeat, return with recommendations, or redirect."""
    referral = _visible(request, session, principal, referral_id)
    access.require_triager(principal, referral)
    require_version(if_match, referral.version)
    try:
        triage.triage(session, principal, referral, body)
        _name_case(request, referral)  # the case it was accepted onto, if any
        commit_audited(session, request, 200)
    except StaleDataError:
        session.rollback()
        raise PreconditionFailed(
            "The referral changed while you triaged it; read it again.") from None
    response.headers["ETag"] = etag(referral.version)
    return referral_read(referral, *repository.details(session, referral.id), principal)


def _visible(request: Request, session: Session, principal: Principal,
             referral_id: uuid.UUID) -> Referral:
    """The referral, if the caller may see it; its case (once triaged onto one) goes into the
    request's audit entry, so the trail answers who read or changed a case's referrals."""
    referral = repository.get_visible(session, principal, referral_id)
    _name_case(request, referral)
    return referral


def _name_case(request: Request, referral: Referral) -> None:
    if referral.case_id is not None:
        request.state.audit_case_id = referral.case_id
