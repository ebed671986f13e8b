"""The one way a writing route commits: its audit entry joins the unit of work, then both commit.

Every route that changes data ends with `commit_audited(session, request, status)` instead of
`session.commit()`. The entry describing the response is appended inside the same transaction,
so the change and its audit entry commit together or not at all; the audit middleware then
writes no second entry for that response. A refusal that still changes something (a failed
login's counter, a reused refresh token ending its login) commits the same way, with the
status it answers. tests/audit/test_writes_commit_with_their_entry.py makes the audit insert
fail for every writing route in the app and checks that nothing changed.
"""

from sqlalchemy.orm import Session
from starlette.requests import Request

from api.audit.middleware import record_in


def commit_audited(session: Session, request: Request, status: int,
                   location: str | None = None) -> None:
    """Appends this request's audit entry to the session's transaction and commits both."""
    session.flush()  # a change the database refuses fails here, before an entry claims success
    record_in(session, request, status, location)
    session.commit()

