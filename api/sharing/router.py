"""Decisions to share without consent (Kent protocol Appendix F): propose, change a draft,
submit, approve or refuse (four eyes), withdraw; list, read, count. Nothing is deleted."""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from api import idempotency
from api.audit.middleware import record_in
from api.audit.unit_of_work import commit_audited
from api.clock import TodayDep
from api.common import access as common
from api.common import responses
from api.common.cursor import Cursor
from api.common.query import no_unknown_query
from api.concurrency import IfMatchHeader, etag, require_version
from api.db import SessionDep
from api.problems import (
    Conflict,
    Forbidden,
    IdempotencyInFlight,
    IdempotencyKeyReused,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    problem_responses,
)
from api.security.dependencies import PrincipalDep
from api.security.principal import Principal
from api.sharing import access, repository, service
from api.sharing import problems as sp
from api.sharing.models import SharingDecision
from api.sharing.schemas import (
    DecisionCounts,
    DecisionCreate,
    DecisionEnd,
    DecisionFields,
    DecisionList,
    DecisionRead,
    DecisionReview,
    DecisionStep,
)
from domain.sharing_decisions import DecisionAction, review_overdue
from domain.sharing_gate import DecisionStatus

router = APIRouter(prefix="/information-sharing-decisions", tags=["sharing"],
                   dependencies=[Depends(no_unknown_query)])
counts_router = APIRouter(tags=["sharing"], dependencies=[Depends(no_unknown_query)])
_ETAG = {"ETag": {"schema": {"type": "string"}, "description": "Version for If-Match"}}
_READ = (*common.CALLER_PROBLEMS, Forbidden, NotFound)
_CHANGE = (*_READ, *common.BODY_PROBLEMS, PreconditionFailed, PreconditionRequired, Conflict,
           sp.DecisionState)


def _read(decision: SharingDecision, case_id: uuid.UUID | None, today: Any) -> DecisionRead:
    return DecisionRead.model_validate({
        **{c.key: getattr(decision, c.key) for c in SharingDecision.__mapper__.column_attrs},
        "case_id": case_id,
        "review_overdue": review_overdue(decision.review_date, today, decision.status)})


def _visible(session: Session, principal: Principal, request: Request,
             decision_id: uuid.UUID, *, for_update: bool = False) -> SharingDecision:
    decision = repository.decision(session, decision_id, for_update=for_update)
    try:
        access.require_reader(principal, decision)
    except NotFound:
        raise NotFound("No such sharing decision.") from None
    request.state.audit_case_id = repository.case_of(session, decision.referral_id)
    return decision


@router.post("", status_code=201, operation_id="proposeSharingDecision",
             response_model=DecisionRead,
             responses={201: {"headers": {**_ETAG, "Location": {"schema": {"type": "string"}}}},
                        **problem_responses(*_READ, *common.BODY_PROBLEMS, IdempotencyInFlight,
                                            IdempotencyKeyReused, sp.ReviewDatePast)})
def propose(body: DecisionCreate, request: Request, session: SessionDep,
            principal: PrincipalDep, today: TodayDep,
            idempotency_key: idempotency.IdempotencyKeyHeader = None) -> JSONResponse:
    """Propose (as a draft) sharing a case's information without the victim's consent."""

    def work() -> idempotency.Outcome:
        decision = service.propose(session, principal, body, today)
        case_id = repository.case_of(session, decision.referral_id)
        request.state.audit_case_id = case_id
        location = responses.location(request, "get_sharing_decision", decision_id=str(decision.id))
        record_in(session, request, 201, location)
        return idempotency.Outcome(201, _read(decision, case_id, today).model_dump(mode="json"),
                                   {"Location": location, "ETag": etag(decision.version)})

    caller = f"{principal.kind}:{principal.subject_id}"
    outcome = idempotency.run(
        session, caller, idempotency_key, body.model_dump(mode="json"), work,
        authorize=lambda: service.proposable_referral(session, principal, body.referral_id))
    request.state.audit_replay = outcome.replayed
    return outcome.response()


@router.get("", operation_id="listSharingDecisions", response_model=DecisionList,
            responses=problem_responses(*_READ))
def list_decisions(
        panel_id: uuid.UUID, session: SessionDep, principal: PrincipalDep, today: TodayDep,
        status: DecisionStatus | None = None, referral_id: uuid.UUID | None = None,
        review_overdue: Annotated[bool, Query(description=(
            "true: only decisions past their review date, not yet refused or withdrawn"))] = False,
        review_owner_id: uuid.UUID | None = None, cursor: Cursor = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100) -> DecisionList:
    """A panel's sharing decisions the caller may read, by review date: coordinators and chairs
    all of them; others their own agency's and those whose review they own. Walk pages with
    `next_cursor`."""
    access.require(principal, panel_id, *access.READERS)
    rows, next_cursor = repository.decisions(
        session, principal, panel_id, status=status, referral_id=referral_id,
        overdue_on=today if review_overdue else None, owner_id=review_owner_id,
        cursor=cursor, limit=limit)
    return DecisionList(items=[_read(d, case_id, today) for d, case_id in rows],
                        next_cursor=next_cursor)


# Its own path: under /information-sharing-decisions, "counts" would sit where a decision id
# does, and other methods there would answer for /{decision_id} instead of 405.
@counts_router.get("/information-sharing-decision-counts", operation_id="countSharingDecisions",
                   response_model=DecisionCounts, responses=problem_responses(*_READ))
def count_decisions(panel_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
                    today: TodayDep) -> DecisionCounts:
    """How many decisions stand in each state, and how many are past review: no content."""
    access.require(principal, panel_id, *access.COUNTERS)
    by_status, overdue = repository.counts(session, panel_id, today)
    return DecisionCounts(panel_id=panel_id, review_overdue=overdue,
                          by_status={s: by_status.get(s, 0) for s in DecisionStatus})


@router.get("/{decision_id}", operation_id="getSharingDecision", response_model=DecisionRead,
            responses={200: {"headers": _ETAG}, **problem_responses(*_READ)})
def get_sharing_decision(decision_id: uuid.UUID, request: Request, session: SessionDep,
                         principal: PrincipalDep, response: Response,
                         today: TodayDep) -> DecisionRead:
    """One sharing decision with every field of the form and where it stands."""
    decision = _visible(session, principal, request, decision_id)
    response.headers["ETag"] = etag(decision.version)
    return _read(decision, request.state.audit_case_id, today)


def _change(session: Session, request: Request, principal: Principal, response: Response,
            decision_id: uuid.UUID, if_match: str | None, today: Any,
            step: Callable[[SharingDecision], None]) -> DecisionRead:
    decision = _visible(session, principal, request, decision_id, for_update=True)
    require_version(if_match, decision.version)
    try:
        step(decision)
        commit_audited(session, request, 200)
    except StaleDataError:
        session.rollback()
        raise Conflict("The decision changed meanwhile; read it again.") from None
    response.headers["ETag"] = etag(decision.version)
    return _read(decision, request.state.audit_case_id, today)


@router.put("/{decision_id}", operation_id="editSharingDecision", response_model=DecisionRead,
            responses={200: {"headers": _ETAG},
                       **problem_responses(*_CHANGE, sp.ReviewDatePast)})
def edit(decision_id: uuid.UUID, body: DecisionFields, request: Request, session: SessionDep,
         principal: PrincipalDep, response: Response, today: TodayDep,
         if_match: IfMatchHeader = None) -> DecisionRead:
    """Replace a draft's fields (its proposer only; a submitted decision no longer changes)."""
    return _change(session, request, principal, response, decision_id, if_match, today,
                   lambda d: service.edit(session, principal, d, body, today))


@router.post("/{decision_id}/submission", operation_id="submitSharingDecision",
             response_model=DecisionRead,
             responses={200: {"headers": _ETAG}, **problem_responses(*_CHANGE)})
def submit(decision_id: uuid.UUID, request: Request, session: SessionDep,
           principal: PrincipalDep, response: Response, today: TodayDep,
           if_match: IfMatchHeader = None) -> DecisionRead:
    """The proposer submits the draft for a manager's approval."""
    return _change(session, request, principal, response, decision_id, if_match, today,
                   lambda d: service.submit(session, principal, d))


@router.post("/{decision_id}/approval", operation_id="approveSharingDecision",
             response_model=DecisionRead, responses={200: {"headers": _ETAG},
                                                     **problem_responses(
                 *_CHANGE, sp.FourEyes, sp.NotAnApprover)})
def approve(decision_id: uuid.UUID, body: DecisionStep, request: Request, session: SessionDep,
            principal: PrincipalDep, response: Response, today: TodayDep,
            if_match: IfMatchHeader = None) -> DecisionRead:
    """A sharing approver of the proposing agency, not the proposer, approves it."""
    return _change(session, request, principal, response, decision_id, if_match, today,
                   lambda d: service.decide(session, principal, d, DecisionAction.approve,
                                            body.reason))


@router.post("/{decision_id}/refusal", operation_id="refuseSharingDecision",
             response_model=DecisionRead, responses={200: {"headers": _ETAG},
                                                     **problem_responses(
                 *_CHANGE, sp.FourEyes, sp.NotAnApprover)})
def refuse(decision_id: uuid.UUID, body: DecisionEnd, request: Request, session: SessionDep,
           principal: PrincipalDep, response: Response, today: TodayDep,
           if_match: IfMatchHeader = None) -> DecisionRead:
    """A sharing approver of the proposing agency, not the proposer, refuses it, saying why."""
    return _change(session, request, principal, response, decision_id, if_match, today,
                   lambda d: service.decide(session, principal, d, DecisionAction.refuse,
                                            body.reason))


@router.post("/{decision_id}/withdrawal", operation_id="withdrawSharingDecision",
             response_model=DecisionRead, responses={200: {"headers": _ETAG},
                                                     **problem_responses(
                 *_CHANGE, sp.NotAnApprover)})
def withdraw(decision_id: uuid.UUID, body: DecisionEnd, request: Request, session: SessionDep,
             principal: PrincipalDep, response: Response, today: TodayDep,
             if_match: IfMatchHeader = None) -> DecisionRead:
    """Withdraw an approved decision, saying why: the case then waits for a basis again.
    The proposer, a sharing approver of the proposing agency, the coordinator or chair."""
    return _change(session, request, principal, response, decision_id, if_match, today,
                   lambda d: service.withdraw(session, principal, d, body.reason))


@router.post("/{decision_id}/reviews", operation_id="reviewSharingDecision",
             response_model=DecisionRead, responses={200: {"headers": _ETAG},
                                                     **problem_responses(
                 *_CHANGE, sp.ReviewDatePast)})
def review(decision_id: uuid.UUID, body: DecisionReview, request: Request, session: SessionDep,
           principal: PrincipalDep, response: Response, today: TodayDep,
           if_match: IfMatchHeader = None) -> DecisionRead:
    """Record a review (the note, the next review date and its owner; whether the victim has
    now been told): the review's owner, the proposer, the coordinator or chair."""
    return _change(session, request, principal, response, decision_id, if_match, today,
                   lambda d: service.review(session, principal, d, body, today))
