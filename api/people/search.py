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
    """The best `limit` people, best first, each listing its matching referrals.

    Candidates are grouped by the name key and date of birth their key rows carry, so only
    the people shown are loaded: one query for the members of the first `limit` groups and
    every candidate matched by an alias alone (whose name as given no lookup read, so whose
    group is known only once loaded). Should such a candidate join a group beyond the first
    `limit`, that group moves up and its members are loaded by a second query."""
    ranking = rank(session, panel_id, p, surname_alone=True, limit=limit * PER_PERSON)
    unnamed = [c.person_id for c in ranking.candidates if c.name_key is None]
    first = list(_grouped(ranking.candidates, {}).values())[:limit]
    shown = _shown(session, [*unnamed, *(c.person_id for members in first for c in members
                                         if c.name_key is not None)])
    names = {pid: name_key(f"{row.given_names} {row.family_name}")
             for pid in unnamed if (row := shown.get(pid)) is not None}
    groups = list(_grouped([c for c in ranking.candidates if c.person_id in names
                            or c.name_key is not None], names).values())
    missing = [c.person_id for members in groups[:limit] for c in members
               if c.person_id not in shown]
    shown |= _shown(session, missing)
    people = [_person([(c, shown[c.person_id]) for c in members if c.person_id in shown])
              for members in groups[:limit]]
    return PeopleFound(items=[person for person in people if person is not None],
                       truncated=ranking.truncated or len(groups) > limit)


def _grouped(ranked: list[Candidate],
             names: dict[uuid.UUID, str]) -> dict[tuple[Any, ...], list[Candidate]]:
    """Candidates by person (name key and date of birth), in rank order; a candidate whose
    name is not known yet stands alone."""
    groups: dict[tuple[Any, ...], list[Candidate]] = {}
    for c in ranked:
        key = c.name_key if c.name_key is not None else names.get(c.person_id)
        who = (key, c.date_of_birth) if key is not None else (c.person_id,)
        groups.setdefault(who, []).append(c)
    return groups


def _shown(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
    if not ids:
        return {}
    rows = session.connection().execute(_SHOWN, {"ids": ids})
    return {row.id: row for row in rows}


def _by_weight(items: set[str]) -> list[str]:
    return sorted(items, key=lambda r: (-WEIGHTS.get(r, 0), r))


def _person(members: list[tuple[Candidate, Any]]) -> PersonFound | None:
    """Members arrive best first (rank's order), so the first one speaks for the person. None
    when none is left (deleted since the lookup read its keys)."""
    if not members:
        return None
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


