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



def commit_read(session: Session, request: Request, status: int = 200) -> None:
    """A read sent as POST (people search: names stay out of URLs) ends as a GET's does: on
    PostgreSQL its entry joins the request's own transaction and one COMMIT ends both, so no
    second connection is taken for the entry, and psycopg keeps the statements it prepared
    (it forgets them at every ROLLBACK: the search was parsed and planned afresh on each
    request). The route must answer `status` (it has its body ready). On SQLite, whose one
    writer must take the write lock before reading the chain's head, the middleware writes the
    entry in its own transaction. GET routes need nothing (api/audit/middleware.py does this
    once the response starts), but a list read many times a minute calls it too: the entry is
    written in the route's own trip to a worker thread, not in a second one the middleware
    takes after it. Should the answer still fail, the middleware records the failure."""
    if session.get_bind().dialect.name != "postgresql":
        return
    record_in(session, request, status)
    session.commit()
