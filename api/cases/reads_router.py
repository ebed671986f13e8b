"""Need-to-know reads of a case: the agencies' case summary and the IDVA's safety plan.

Coordinators and chairs read everything; these are the reads of the roles that read less. An
agency representative's or IDVA's read needs the case's basis for sharing (else 409
sharing-basis-missing) and is written to the disclosure log, with the request's audit entry, in
one transaction."""

import uuid

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from api.audit.unit_of_work import commit_audited
from api.cases import disclosures, need_to_know
from api.cases.disclosures import DisclosureMethod
from api.cases.models import Case
from api.cases.summary_schemas import CaseSummaryRead, SafetyPlanRead
from api.common import access
from api.common.query import no_unknown_query
from api.db import SessionDep
from api.people.perpetrators import perpetrators_among
from api.problems import Forbidden, NotFound, problem_responses
from api.security.dependencies import PrincipalDep
from api.security.principal import Principal
from api.sharing.disclosure import SharingBasisMissing
from domain.need_to_know import Reading, case_reading

router = APIRouter(prefix="/cases", tags=["cases"], dependencies=[Depends(no_unknown_query)])
_PROBLEMS = problem_responses(*access.CALLER_PROBLEMS, Forbidden, NotFound, SharingBasisMissing)
NOT_INVITED = ("Your agency is not invited to a meeting this case is on: its summary is not "
               "yours to read.")
SUMMARY_ONLY = ("An agency representative reads the case summary "
                "(GET /api/v1/cases/{case_id}/summary), not the safety-plan details.")


def _case(session: Session, principal: Principal, request: Request, case_id: uuid.UUID,
          *allowed: Reading) -> tuple[Case, Reading]:
    """The case and the caller's view of it, if that view is one of `allowed`; a case the
    caller has no view of (another panel, a referrer, an analyst) is not revealed."""
    case = need_to_know.case_on(session, case_id)
    view = Reading.NONE
    if case is not None and principal.kind == "user":
        view = case_reading(principal.panel_roles.get(case.panel_id, frozenset()))
    if case is None or view is Reading.NONE:
        raise NotFound("No such case.")
    request.state.audit_case_id = case.id
    if view is Reading.SUMMARY and view not in allowed:
        raise Forbidden(SUMMARY_ONLY)
    if view is Reading.SUMMARY and case.id not in need_to_know.invited_case_ids(
            session, principal.agency_id, [case.panel_id]):
        raise Forbidden(NOT_INVITED)
    # The perpetrator is never informed: to them the case does not exist.
    if view is not Reading.FULL and perpetrators_among(session, [principal.subject_id],
                                                        [case.id]):
        raise NotFound("No such case.")
    return case, view


def _disclosed(session: Session, principal: Principal, request: Request, case: Case,
               view: Reading, method: DisclosureMethod) -> None:
    """Another agency's read is logged with its basis; the panel's own (coordinator, chair)
    is in the audit trail alone."""
    if view is not Reading.FULL:
        disclosures.record_read(session, principal, case.id, method)
    commit_audited(session, request, 200)


@router.get("/{case_id}/summary", operation_id="getCaseSummary", response_model=CaseSummaryRead,
            responses=_PROBLEMS)
def get_case_summary(case_id: uuid.UUID, request: Request, session: SessionDep,
                     principal: PrincipalDep) -> CaseSummaryRead:
    """The minimal case summary: for an agency representative, only of a case on a meeting
    their agency is invited to (each read is logged as a disclosure)."""
    case, view = _case(session, principal, request, case_id, Reading.FULL,
                       Reading.SAFETY_PLAN, Reading.SUMMARY)
    read = need_to_know.summary(session, case, need_to_know.latest_referral(session, case))
    _disclosed(session, principal, request, case, view, DisclosureMethod.case_summary)
    return read


@router.get("/{case_id}/safety-plan", operation_id="getCaseSafetyPlan",
            response_model=SafetyPlanRead, responses=_PROBLEMS)
def get_case_safety_plan(case_id: uuid.UUID, request: Request, session: SessionDep,
                         principal: PrincipalDep) -> SafetyPlanRead:
    """What the victim's safety plan needs, for the IDVA who speaks for the victim (and the
    coordinator and chair); each IDVA read is logged as a disclosure."""
    case, view = _case(session, principal, request, case_id, Reading.FULL, Reading.SAFETY_PLAN)
    read = need_to_know.safety_plan(session, case, need_to_know.latest_referral(session, case))
    _disclosed(session, principal, request, case, view, DisclosureMethod.safety_plan)
    return read
