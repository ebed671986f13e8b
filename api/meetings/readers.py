"""Need to know for circulated documents: an agency representative reads a meeting's agenda or
minutes only once they were circulated to their agency (and of the agenda only the cases sent
to it); a reader recorded as a perpetrator on a case in it is not told the meeting exists."""

import uuid

from sqlalchemy.orm import Session

from api.meetings.repository import DocumentMeeting
from api.people.perpetrators import perpetrators_among
from api.problems import Forbidden, NotFound
from api.security.principal import Principal, Role

# Who reads the documents as the panel keeps them: the people who run the meeting and the IDVA.
WHOLE = (Role.coordinator, Role.chair, Role.idva)
_NAMES = {"agenda": "agenda", "minutes": "minutes"}


def circulated_cases(principal: Principal, meeting: DocumentMeeting,
                     document: str) -> set[str] | None:
    """None when the caller reads the whole document; else the cases (ids) the latest version
    (`meeting.last`, of `document`) sent to the caller's agency listed (403 when none was sent
    to it)."""
    if principal.has_role(meeting.panel_id, *WHOLE):
        return None
    sent = meeting.last
    if sent is None or str(principal.agency_id) not in sent.agency_ids:
        raise Forbidden(f"This meeting's {_NAMES[document]} has not been circulated to your "
                        "agency.")
    return set(sent.case_ids)


def refuse_perpetrator_reader(session: Session, principal: Principal, meeting: DocumentMeeting,
                              case_ids: list[uuid.UUID]) -> None:
    """The perpetrator is never informed: to a reader recorded as one on a case in the
    document, the meeting does not exist."""
    if principal.has_role(meeting.panel_id, Role.coordinator, Role.chair):
        return
    if perpetrators_among(session, [principal.subject_id], case_ids):
        raise NotFound("No such meeting.")
