"""RFC 9457 problem details: every error the API returns is one of these, with a stable `type`.

A route declares the problems it can answer with `problem_responses(NotFound, ...)`, so the
contract (and the SPA's generated types) know them. Nothing here ever carries a stack trace, a
database message or personal data.
"""

from typing import Any, ClassVar

from pydantic import BaseModel, Field

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    pointer: str = Field(
        description="JSON Pointer (RFC 6901) into the request, e.g. /body/victim/date_of_birth")
    detail: str


class ProblemDocument(BaseModel):
    type: str = Field(description="Stable URI reference naming the problem type")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = None


class Problem(Exception):
    """Base of every error the API answers with; subclasses fix status, slug and title."""

    status: ClassVar[int] = 400
    slug: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "The request cannot be processed"
    description: ClassVar[str] = "The request is not valid for this resource."

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}

    @classmethod
    def type_uri(cls) -> str:
        return f"/problems/{cls.slug}"

    def document(self, request_id: str | None = None) -> dict[str, Any]:
        doc = ProblemDocument(
            type=self.type_uri(), title=self.title, status=self.status,
            detail=self.detail, request_id=request_id, errors=self.errors,
        )
        return doc.model_dump(exclude_none=True)


def define_problem(status: int, slug: str, title: str, description: str) -> type[Problem]:
    name = "".join(part.capitalize() for part in slug.split("-"))
    attrs = {"status": status, "slug": slug, "title": title, "description": description}
    return type(name, (Problem,), attrs)


BadRequest = define_problem(400, "bad-request", "Malformed request",
                      "The body is not valid JSON or a header is malformed.")
Unauthenticated = define_problem(401, "unauthenticated", "Authentication required",
                           "No valid credentials were presented.")
Forbidden = define_problem(403, "forbidden", "Not allowed",
                     "The caller is authenticated but may not perform this action.")
SelfRoleGrant = define_problem(403, "self-role-grant", "Roles cannot be granted to oneself",
                         "An administrator's own panel roles are granted by another "
                         "administrator.")
NotFound = define_problem(404, "not-found", "Not found",
                    "No such resource, or none the caller may see.")
MethodNotAllowed = define_problem(405, "method-not-allowed", "Method not allowed",
                            "The resource does not support this method.")
NotAcceptable = define_problem(406, "not-acceptable", "Not acceptable",
                         "The requested representation is not available.")
Conflict = define_problem(409, "conflict", "Conflict",
                    "The request conflicts with the current state of the resource.")
IdempotencyInFlight = define_problem(409, "idempotency-key-in-flight", "Request still in progress",
                               "A request with this Idempotency-Key is still being processed.")
PreconditionFailed = define_problem(412, "precondition-failed", "Stale version",
                              "If-Match does not match the resource's current ETag.")
PayloadTooLarge = define_problem(413, "payload-too-large", "Request body too large",
                           "The request body exceeds the size limit.")
UnsupportedMediaType = define_problem(415, "unsupported-media-type", "Unsupported media type",
                                "The body must be application/json.")
ValidationFailed = define_problem(422, "validation-error", "Invalid request",
                            "One or more fields are invalid; see errors.")
IdempotencyKeyReused = define_problem(422, "idempotency-key-reused", "Idempotency-Key reused",
                                "This Idempotency-Key was used with a different request.")
RuleViolation = define_problem(422, "rule-violation", "The request breaks a MARAC rule",
                         "The request is well-formed but a rule of the process refuses it.")
PreconditionRequired = define_problem(428, "precondition-required", "If-Match required",
                                "Updates need an If-Match header with the resource's ETag.")
HeadersTooLarge = define_problem(431, "request-header-fields-too-large",
                                 "Request headers too large",
                                 "The request's headers exceed the size or count limit.")
TooManyRequests = define_problem(429, "rate-limited", "Too many requests",
                           "Slow down; retry after the number of seconds in Retry-After.")
InternalError = define_problem(500, "internal-error", "Internal error",
                         "Something went wrong on our side; quote the request_id.")
ServiceUnavailable = define_problem(503, "unavailable", "Service unavailable",
                              "A dependency such as the database is unavailable.")

PROBLEM_TYPES: dict[str, type[Problem]] = {}


def register(*problems: type[Problem]) -> None:
    for problem in problems:
        PROBLEM_TYPES[problem.slug] = problem


register(BadRequest, Unauthenticated, Forbidden, SelfRoleGrant, NotFound, MethodNotAllowed,
         NotAcceptable,
         Conflict, IdempotencyInFlight, PreconditionFailed, PayloadTooLarge,
         UnsupportedMediaType, ValidationFailed, IdempotencyKeyReused, RuleViolation,
         PreconditionRequired, HeadersTooLarge, TooManyRequests, InternalError, ServiceUnavailable)


def problem_responses(*problems: type[Problem]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for a route: each status with the problem document schema."""
    by_status: dict[int, list[type[Problem]]] = {}
    for problem in (*problems, ValidationFailed, InternalError):
        by_status.setdefault(problem.status, []).append(problem)
    return {
        status: {
            "description": "; ".join(sorted({f"{p.type_uri()}: {p.title}" for p in group})),
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDocument"}}},
        }
        for status, group in sorted(by_status.items())
    }
