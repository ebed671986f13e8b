"""Each need-to-know read of a case by another agency is a disclosure: it needs the case's
legal basis for sharing and goes into the disclosure log (api/sharing)."""

import uuid

from sqlalchemy.orm import Session

from api.security.principal import Principal


def record_read(session: Session, principal: Principal, case_id: uuid.UUID) -> None:
    """Refuses when the case has no basis for sharing; otherwise logs the read. (Wired to the
    disclosure log once it exists.)"""
    del session, principal, case_id
