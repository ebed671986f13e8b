"""The one way a writing route commits: its audit entry joins the unit of work, then both commit.

Every route that changes data ends with `commit_audited(session, request, status)` instead of
`session.commit()`. The entry describing the response is appended inside the same transaction,
so the change and its audit entry commit together or not at all; the audit middleware then
writes no second entry for that response.
"""

from sqlalchemy.orm import Session
from starlette.requests import Request

from api.audit.middleware import record_in


def commit_audited(session: Session, request: Request, status: int,
                   location: str | None = None) -> None:
    """Appends this request's audit entry to the session's transaction and commits both."""
    record_in(session, request, status, location)
    session.commit()
