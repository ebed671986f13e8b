"""Need to know for circulated documents: an agency representative reads a meeting's agenda or
minutes only once they were circulated to their agency (and of the agenda only the cases sent
to it); a reader recorded as a perpetrator on a case in it is not told the meeting exists."""

import uuid

from sqlalchemy.orm import Session

from api.meetings import repository
from api.meetings.models import Meeting
from api.people.perpetrators import perpetrators_among
from api.problems import Forbidden, NotFound
from api.security.principal import Principal, Role

# Who reads the documents as the panel keeps them: the people who run the meeting and the IDVA.
WHOLE = (Role.coordinator, Role.chair, Role.idva)
_NAMES = {"agenda": "agenda", "minutes": "minutes"}


def circulated_cases(session: Session, principal: Principal, meeting: Meeting,
                     document: str) -> set[str] | None:
    """None when the caller reads the whole document; else the cases (ids) the latest version
    sent to the caller's agency listed (403 when none was sent to it)."""
    if principal.has_role(meeting.panel_id, *WHOLE):
        return None
    sent = repository.publications(session, meeting.id, document)
    if not sent or str(principal.agency_id) not in sent[-1].agency_ids:
        raise Forbidden(f"This meeting's {_NAMES[document]} has not been circulated to your "
                        "agency.")
    return set(sent[-1].case_ids)


def refuse_perpetrator_reader(session: Session, principal: Principal, meeting: Meeting,
                              case_ids: list[uuid.UUID]) -> None:
    """The perpetrator is never informed: to a reader recorded as one on a case in the
    document, the meeting does not exist."""
    if principal.has_role(meeting.panel_id, Role.coordinator, Role.chair):
        return
    if perpetrators_among(session, [principal.subject_id], case_ids):
        raise NotFound("No such meeting.")
