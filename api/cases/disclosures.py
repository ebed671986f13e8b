"""Each need-to-know read of a case by another agency is a disclosure: it needs the case's
legal basis for sharing (consent, or an approved decision) and is written to the disclosure log
in the read's own unit of work, with its audit entry."""

import uuid

from sqlalchemy.orm import Session

from api.security.principal import Principal
from api.sharing.disclosure import DisclosureMethod, record_disclosure, require_basis

__all__ = ["DisclosureMethod", "record_read"]


def record_read(session: Session, principal: Principal, case_id: uuid.UUID,
                method: DisclosureMethod) -> None:
    """Refuses (sharing-basis-missing) when the case has no basis for sharing; otherwise logs
    the read: today, the reader's agency and the reader, the method and the basis."""
    basis = require_basis(session, [case_id])[case_id]
    record_disclosure(session, case_id=case_id, agency_id=principal.agency_id, method=method,
                      basis=basis, recipient_user_id=principal.subject_id)
