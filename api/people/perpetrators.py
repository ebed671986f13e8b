"""The perpetrator is never informed: is a recipient of a circulation a perpetrator on its cases?

A user is taken to be a perpetrator on a case when the name their administrator recorded
(given names and family name) has the match key of a perpetrator's name or alias on any of the
case's accepted referrals (the key people search and repeat matching use: case, accents,
spacing, punctuation and look-alike letters do not matter) and their dates of birth do not
differ (the same, or either unknown). It errs towards refusing: a namesake without a recorded
date of birth is refused too, until an administrator records the user's date of birth. A user
with no recorded name matches nobody.
"""

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.identity.models import PanelRole, User
from api.people.models import PersonNameKey, PersonRole
from api.people.normalise import name_key
from api.problems import define_problem, register

RecipientIsPerpetrator = define_problem(
    422, "recipient-is-perpetrator", "A recipient is a perpetrator on a case",
    "The perpetrator is never informed: someone who would receive this circulation is recorded "
    "as a perpetrator on a case in it (their name and date of birth match). Leave their agency "
    "out, or ask an administrator to review their roles; nothing was circulated.")
register(RecipientIsPerpetrator)


def perpetrators_among(session: Session, user_ids: Iterable[uuid.UUID],
                       case_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The users among `user_ids` recorded as a perpetrator on any of `case_ids`."""
    users, cases = list(set(user_ids)), list(set(case_ids))
    if not users or not cases:
        return set()
    named = session.execute(select(User.id, User.given_names, User.family_name,
                                   User.date_of_birth).where(
        User.id.in_(users), User.family_name.is_not(None)))
    by_key: dict[str, list[tuple[uuid.UUID, object]]] = {}
    for user in named:
        key = name_key(f"{user.given_names or ''} {user.family_name}")
        if key:
            by_key.setdefault(key, []).append((user.id, user.date_of_birth))
    if not by_key:
        return set()
    keys = session.execute(select(PersonNameKey.full_key, PersonNameKey.date_of_birth).where(
        PersonNameKey.case_id.in_(cases), PersonNameKey.role == PersonRole.perpetrator,
        PersonNameKey.full_key.in_(list(by_key))))
    return {user_id for row in keys for user_id, born in by_key[row.full_key]
            if born is None or row.date_of_birth is None or born == row.date_of_birth}


def recipients(session: Session, panel_id: uuid.UUID,
               agency_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Who receives a circulation to these agencies: their active users holding any role on
    the panel (the agency's representatives, its deputies, and anyone else there who reads)."""
    agencies = list(set(agency_ids))
    if not agencies:
        return set()
    return set(session.scalars(select(User.id).join(PanelRole, PanelRole.user_id == User.id)
                               .where(PanelRole.panel_id == panel_id, User.is_active.is_(True),
                                      User.agency_id.in_(agencies))))


def refuse_perpetrator_recipients(session: Session, panel_id: uuid.UUID,
                                  agency_ids: Iterable[uuid.UUID],
                                  case_ids: Iterable[uuid.UUID]) -> None:
    """Agenda and minutes: refused when any recipient is a perpetrator on a case in them. The
    problem names the agencies (never the person) so the coordinator can leave them out."""
    chosen = list(agency_ids)
    found = perpetrators_among(session, recipients(session, panel_id, chosen), case_ids)
    if found:
        agencies = sorted({str(a) for a in session.scalars(
            select(User.agency_id).where(User.id.in_(list(found))))})
        raise RecipientIsPerpetrator(
            "Someone in agency " + ", ".join(agencies) + " is recorded as a perpetrator on a "
            "case in this document; leave that agency out or ask an administrator to review "
            "their roles.")
