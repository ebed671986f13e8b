"""/api/v1/actions: the action plan, recorded at meetings and updated by the owning agencies."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from api import idempotency
from api.actions import access, repository, service
from api.actions import problems as ap
from api.actions.schemas import (
    ActionChangeRead,
    ActionCreate,
    ActionHistory,
    ActionPage,
    ActionRead,
    ActionReassign,
    ActionsRecorded,
    ActionUpdate,
)
from api.audit.middleware import record_in
from api.audit.unit_of_work import commit_audited, commit_read
from api.clock import TodayDep
from api.common import access as common
from api.common import csv_export, responses
from api.common.cursor import Cursor, Limit
from api.common.query import no_unknown_query
from api.concurrency import IfMatchHeader, etag, require_version
from api.db import SessionDep
from api.problems import (
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

router = APIRouter(prefix="/actions", tags=["actions"], dependencies=[Depends(no_unknown_query)])
_READ = (*common.CALLER_PROBLEMS, Forbidden, NotFound)
_WRITE = (*_READ, *common.BODY_PROBLEMS)
_CHANGE = (*_WRITE, PreconditionFailed, PreconditionRequired, ap.AlreadyClosed,
           ap.MeetingNotUsable)
_ETAG = {"ETag": {"schema": {"type": "string"}, "description": "Version for If-Match"}}
_LINKS = {"UpdateAction": {"operationId": "updateAction", "parameters": {
    "path.action_id": "$response.body#/id", "header.If-Match": "$response.header.ETag"}}}
CSV_COLUMNS = ("id", "case_id", "panel_id", "meeting_id", "owner_agency", "category",
               "description", "due_on", "status", "overdue", "outcome", "reason", "progress")


def page_response(request: Request, session: SessionDep, rows: list[Any],
                  next_cursor: str | None, today: Any, filename: str) -> Response:
    """The page (plain rows of repository.as_rows) as JSON, or as CSV for a spreadsheet when
    asked for; serialised once, its audit entry committed here (commit_read)."""
    page = ActionPage.model_validate({"items": service.read_rows(rows, today),
                                      "next_cursor": next_cursor})
    if csv_export.wants_csv(request):
        answer = csv_export.response(CSV_COLUMNS, (a.model_dump() for a in page.items),
                                     filename, next_cursor)
    else:
        answer = responses.json_model(page)
    commit_read(session, request, answer.status_code)
    return answer


def _one(session: SessionDep, principal: Principal, action_id: uuid.UUID, *,
         write: bool) -> Any:
    action = repository.action(session, action_id, for_update=write)
    access.require_on_action(principal, action, write=write)
    return action


def _answer(session: SessionDep, action: Any, response: Response, today: Any) -> ActionRead:
    response.headers["ETag"] = etag(action.version)
    return service.present(session, [action], today)[0]


@router.post("", status_code=201, operation_id="recordActions", response_model=ActionsRecorded,
             responses={201: {"headers": {"Location": {"schema": {"type": "string"}}}},
                        **problem_responses(
                 *_WRITE, ap.AgencyAbsent, ap.DueBeforeMeeting, ap.CaseNotAtMeeting,
                 ap.MeetingNotUsable, IdempotencyInFlight, IdempotencyKeyReused)})
def record_actions(body: ActionCreate, request: Request, session: SessionDep,
                   principal: PrincipalDep, today: TodayDep,
                   idempotency_key: idempotency.IdempotencyKeyHeader = None) -> JSONResponse:
    """Record an action agreed at a meeting (coordinator or chair), for agencies present only;
    a joint action names each agency and makes one action per agency."""

    found: list[Any] = []  # what authorize() read of the meeting: work() uses it, not a reload

    def authorize() -> None:
        at = repository.tasking(session, body.case_id, body.meeting_id)
        access.require_meeting_runner(principal, at.panel_id)
        found.append(at)

    def work() -> idempotency.Outcome:
        items = service.record(session, found[0], body, today, principal)
        request.state.audit_case_id = body.case_id
        location = responses.location(request, "get_action", action_id=str(items[0].id))
        headers = {"Location": location} if len(items) == 1 else {}
        record_in(session, request, 201, headers.get("Location"))
        payload = ActionsRecorded(items=items).model_dump(mode="json")
        return idempotency.Outcome(201, payload, headers)

    caller = f"{principal.kind}:{principal.subject_id}"
    outcome = idempotency.run(session, caller, idempotency_key, body.model_dump(mode="json"),
                              work, authorize=authorize)
    request.state.audit_replay = outcome.replayed
    return outcome.response()


@router.get("", operation_id="listOpenActions", response_model=ActionPage,
            responses={**csv_export.CSV_RESPONSE,
                       **problem_responses(*common.CALLER_PROBLEMS, Forbidden)})
def list_open_actions(request: Request, session: SessionDep, principal: PrincipalDep,
                      today: TodayDep, cursor: Cursor = None, limit: Limit = 50,
                      panel_id: uuid.UUID | None = None,
                      agency_id: uuid.UUID | None = None) -> Any:
    """Open actions by due date: an agency's own (representatives, partner keys), or the
    panel's (coordinator, chair); filter by panel or owner agency."""
    access.require_list_reader(principal)
    rows, next_cursor = repository.open_page(session, access.visible(principal), panel_id,
                                             agency_id, cursor, limit)
    return page_response(request, session, rows, next_cursor, today, "open-actions")


@router.get("/{action_id}", operation_id="getAction", response_model=ActionRead,
            responses={200: {"headers": _ETAG, "links": _LINKS}, **problem_responses(*_READ)})
def get_action(action_id: uuid.UUID, request: Request, session: SessionDep,
               principal: PrincipalDep, response: Response, today: TodayDep) -> Any:
    """One action with its state and whether it is overdue; ETag for updates."""
    action = _one(session, principal, action_id, write=False)
    request.state.audit_case_id = action.case_id
    return _answer(session, action, response, today)


@router.patch("/{action_id}", operation_id="updateAction", response_model=ActionRead,
              responses={200: {"headers": _ETAG}, **problem_responses(
                  *_CHANGE, ap.OutcomeRequired, ap.ReasonRequired)})
def update_action(action_id: uuid.UUID, body: ActionUpdate, request: Request,
                  session: SessionDep, principal: PrincipalDep, response: Response,
                  today: TodayDep, if_match: IfMatchHeader = None) -> Any:
    """Update an action (its agency, or the coordinator or chair in a meeting): progress, done
    with an outcome, or not done with a reason. Needs If-Match."""
    action = _one(session, principal, action_id, write=True)
    require_version(if_match, action.version)
    request.state.audit_case_id = action.case_id
    service.update(session, action, body, today, principal)
    commit_audited(session, request, 200)
    return _answer(session, action, response, today)


@router.post("/{action_id}/reassignment", operation_id="reassignAction",
             response_model=ActionRead, responses={200: {"headers": _ETAG}, **problem_responses(
                 *_CHANGE, ap.AgencyAbsent, ap.DueBeforeMeeting, ap.SameOwner,
                 ap.NotALaterMeeting)})
def reassign_action(action_id: uuid.UUID, body: ActionReassign, request: Request,
                    session: SessionDep, principal: PrincipalDep, response: Response,
                    today: TodayDep, if_match: IfMatchHeader = None) -> Any:
    """Re-assign an open action at a later meeting to another agency present (coordinator or
    chair). Needs If-Match."""
    action = repository.action(session, action_id, for_update=True)
    access.require_on_action(principal, action, write=True)
    if not access.sees_all_of(principal, action.panel_id):
        raise Forbidden("Only the coordinator or the chair re-assigns an action.")
    require_version(if_match, action.version)
    request.state.audit_case_id = action.case_id
    service.reassign(session, action, body, today, principal)
    commit_audited(session, request, 200)
    return _answer(session, action, response, today)


@router.get("/{action_id}/history", operation_id="listActionHistory",
            response_model=ActionHistory, responses=problem_responses(*_READ))
def list_action_history(action_id: uuid.UUID, request: Request, session: SessionDep,
                        principal: PrincipalDep) -> ActionHistory:
    """Every change to the action, oldest first: who, when, before and after."""
    action = _one(session, principal, action_id, write=False)
    request.state.audit_case_id = action.case_id
    return ActionHistory(items=[ActionChangeRead.model_validate(c)
                                for c in repository.changes(session, action.id)])
