"""One place that turns every failure into a problem document; nothing else renders errors."""

import traceback
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import problems
from api.problems import PROBLEM_JSON, FieldError, Problem
from domain.errors import DomainError

log = structlog.get_logger("api.errors")
RETRY_AFTER_SECONDS = "2"  # a busy database or a full pool usually frees up within seconds

_BY_STATUS = {
    400: problems.BadRequest, 401: problems.Unauthenticated, 403: problems.Forbidden,
    404: problems.NotFound, 405: problems.MethodNotAllowed, 406: problems.NotAcceptable,
    409: problems.Conflict, 412: problems.PreconditionFailed, 413: problems.PayloadTooLarge,
    415: problems.UnsupportedMediaType, 428: problems.PreconditionRequired,
    429: problems.TooManyRequests, 503: problems.ServiceUnavailable,
}


def problem_response(request: Request, problem: Problem) -> JSONResponse:
    request_id = getattr(request.state, "request_id", None)
    headers = {"Cache-Control": "no-store", **problem.headers}
    return JSONResponse(problem.document(request_id), status_code=problem.status,
                        media_type=PROBLEM_JSON, headers=headers)


def pointer(loc: tuple[Any, ...] | list[Any]) -> str:
    """FastAPI's error location as an RFC 6901 JSON Pointer (/body/victim/name)."""
    return "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in loc)


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(request, exc)


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        return problem_response(request, problems.BadRequest("The body is not valid JSON."))
    # Never echo the rejected input back: it may be personal data.
    fields = [FieldError(pointer=pointer(e.get("loc", ())), detail=str(e.get("msg", "invalid")))
              for e in errors]
    return problem_response(request, problems.ValidationFailed(
        f"{len(fields)} field(s) are invalid.", errors=fields))


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    problem_class = _BY_STATUS.get(exc.status_code, problems.BadRequest)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    return problem_response(request, problem_class(headers=headers))


def allowed_methods(request: Request) -> list[str]:
    """Every method any route serves at this path: Starlette's 405 names only the first
    route's, though GET and POST on one path are often separate routes."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def _rule_problem(rule: type[DomainError]) -> type[Problem]:
    summary = (rule.__doc__ or "A MARAC rule refuses the request.").strip()
    return problems.define_problem(422, f"rule-{rule.code}", "The request breaks a MARAC rule",
                                   summary)


# One stable problem type per domain rule, e.g. /problems/rule-answer-count.
RULE_PROBLEMS = {rule: _rule_problem(rule) for rule in DomainError.__subclasses__()}
problems.register(*RULE_PROBLEMS.values())


async def _on_domain(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    problem_class = RULE_PROBLEMS.get(type(exc), problems.RuleViolation)
    # Domain messages never hold personal data (a rule of domain/errors.py).
    return problem_response(request, problem_class(str(exc)))


async def _on_integrity(request: Request, exc: Exception) -> JSONResponse:
    cause = getattr(exc, "orig", None)
    log.warning("integrity_error", error_class=type(cause).__name__)
    return problem_response(request, problems.Conflict(
        "The change conflicts with existing records and was not saved."))


async def _on_operational(request: Request, exc: Exception) -> JSONResponse:
    """A lock held too long, a statement cancelled by its timeout, SQLite's "database is
    locked", a refused connection: the request failed fast and can be retried."""
    log.error("database_unavailable", error_class=type(getattr(exc, "orig", exc)).__name__)
    _note_database_failure(request)
    return problem_response(request, problems.ServiceUnavailable(
        "The database is busy or unreachable; retry after the seconds in Retry-After.",
        headers={"Retry-After": RETRY_AFTER_SECONDS}))


async def _on_pool_timeout(request: Request, exc: Exception) -> JSONResponse:
    log.error("database_pool_exhausted", error_class=type(exc).__name__)
    _note_database_failure(request)
    return problem_response(request, problems.ServiceUnavailable(
        "Every database connection is in use; retry after the seconds in Retry-After.",
        headers={"Retry-After": RETRY_AFTER_SECONDS}))


class UnexpectedErrorMiddleware:
    """Answers an unexpected exception with a bare 500 problem and logs where it happened, but
    never its message: exception texts (a database error's parameters, say) can carry personal
    data. It stops the exception here, so no server logs the traceback with its message."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            frames = [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}"
                      for f in traceback.extract_tb(exc.__traceback__)[-8:]]
            log.error("unhandled_error", error_class=type(exc).__name__, frames=frames)
            if started or scope["type"] != "http":
                return
            response = problem_response(Request(scope), problems.InternalError())
            await response(scope, receive, send)


def _note_database_failure(request: Request) -> None:
    """Tells /ready: a worker whose requests keep failing on the database is not ready."""
    readiness = getattr(request.app.state, "readiness", None)
    if readiness is not None:
        readiness.note_database_failure()


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(DomainError, _on_domain)
    app.add_exception_handler(IntegrityError, _on_integrity)
    app.add_exception_handler(OperationalError, _on_operational)
    app.add_exception_handler(PoolTimeout, _on_pool_timeout)
    app.add_middleware(UnexpectedErrorMiddleware)  # first added, so innermost
