"""People search: ranked candidates grouped into one result per person.

A person is the same name (as a match key) and date of birth on several referrals: that is the
grouping shown, not a merge (a coordinator still confirms links at triage)."""

import uuid
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from api.people.keys import Probe
from api.people.matching import Candidate, rank
from api.people.models import Person
from api.people.normalise import name_key
from api.people.schemas import PeopleFound, PersonFound, PersonReferral
from api.people.similarity import WEIGHTS, certainty, score

# Referrals per person are listed, so more candidates are ranked than people are shown.
PER_PERSON = 5
_SHOWN = select(Person.id, Person.role, Person.given_names, Person.family_name,
                Person.date_of_birth, Person.postcode).where(
    Person.id.in_(bindparam("ids", expanding=True)))


def find_people(session: Session, panel_id: uuid.UUID, p: Probe, limit: int) -> PeopleFound:
    """The best `limit` people, best first, each listing its matching referrals."""
    ranking = rank(session, panel_id, p, surname_alone=True, limit=limit * PER_PERSON)
    shown = _shown(session, ranking.candidates)
    groups: dict[tuple[str, Any], list[tuple[Candidate, Any]]] = {}
    for c in ranking.candidates:
        if (row := shown.get(c.person_id)) is not None:
            who = (name_key(f"{row.given_names} {row.family_name}"), row.date_of_birth)
            groups.setdefault(who, []).append((c, row))
    people = [_person(members) for members in groups.values()]
    return PeopleFound(items=people[:limit],
                       truncated=ranking.truncated or len(people) > limit)


def _shown(session: Session, ranked: list[Candidate]) -> dict[uuid.UUID, Any]:
    if not ranked:
        return {}
    rows = session.connection().execute(_SHOWN, {"ids": [c.person_id for c in ranked]})
    return {row.id: row for row in rows}


def _by_weight(items: set[str]) -> list[str]:
    return sorted(items, key=lambda r: (-WEIGHTS.get(r, 0), r))


def _person(members: list[tuple[Candidate, Any]]) -> PersonFound:
    """Members arrive best first (rank's order), so the first one speaks for the person."""
    best, row = members[0]
    refs = [_referral(c, r) for c, r in members]
    return PersonFound.model_construct(
        given_names=row.given_names, family_name=row.family_name,
        date_of_birth=row.date_of_birth, postcode=row.postcode, score=refs[0].score,
        certainty=refs[0].certainty, reasons=_by_weight(best.reasons),
        conflicts=sorted(best.conflicts), referrals=refs)


def _referral(c: Candidate, row: Any) -> PersonReferral:
    return PersonReferral.model_construct(
        referral_id=c.referral_id, person_id=c.person_id, case_id=c.case_id, role=row.role,
        score=score(c.reasons, c.conflicts), certainty=certainty(c.reasons, c.conflicts),
        reasons=_by_weight(c.reasons), conflicts=sorted(c.conflicts))


