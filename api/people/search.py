"""People search: ranked candidates grouped into one result per person.

A person is the same name (as a match key) and date of birth on several referrals: that is the
grouping shown, not a merge (a coordinator still confirms links at triage)."""

import uuid
from typing import Any

from sqlalchemy.orm import Session

from api.people.keys import Probe
from api.people.matching import Candidate, rank
from api.people.normalise import name_key
from api.people.schemas import PeopleFound, PersonFound, PersonReferral
from api.people.similarity import WEIGHTS

# Referrals per person are listed, so more candidates are ranked than people are shown.
PER_PERSON = 5


def find_people(session: Session, panel_id: uuid.UUID, p: Probe, limit: int) -> PeopleFound:
    """The best `limit` people, best first, each listing its matching referrals.

    One statement: the lookups read each candidate's shown fields too (rank's `shown`).
    Candidates are grouped by the name key and date of birth their key rows carry; one
    matched by an alias alone (no lookup read its name as given) is grouped by the name key
    of its shown name."""
    ranking = rank(session, panel_id, p, surname_alone=True, limit=limit * PER_PERSON,
                   shown=True)
    groups = _grouped(ranking.candidates)
    people = [_person(members) for members in list(groups.values())[:limit]]
    return PeopleFound.model_construct(items=people,
                                       truncated=ranking.truncated or len(groups) > limit)


def _grouped(ranked: list[Candidate]) -> dict[tuple[Any, ...], list[Candidate]]:
    """Candidates by person (name key and date of birth), in rank order."""
    groups: dict[tuple[Any, ...], list[Candidate]] = {}
    for c in ranked:
        key = c.name_key
        if key is None:
            key = name_key(f"{c.shown.shown_given_names} {c.shown.shown_family_name}")
        groups.setdefault((key, c.date_of_birth), []).append(c)
    return groups


def _by_weight(items: set[str]) -> list[str]:
    return sorted(items, key=lambda r: (-WEIGHTS.get(r, 0), r))


def _person(members: list[Candidate]) -> PersonFound:
    """Members arrive best first (rank's order), so the first one speaks for the person."""
    refs = [_referral(c) for c in members]
    best, row = refs[0], members[0].shown
    return PersonFound.model_construct(
        given_names=row.shown_given_names, family_name=row.shown_family_name,
        date_of_birth=row.shown_date_of_birth, postcode=row.shown_postcode, score=best.score,
        certainty=best.certainty, reasons=best.reasons, conflicts=best.conflicts,
        referrals=refs)


def _referral(c: Candidate) -> PersonReferral:
    return PersonReferral.model_construct(
        referral_id=c.referral_id, person_id=c.person_id, case_id=c.case_id,
        role=c.shown.shown_role, score=c.score, certainty=c.certainty,
        reasons=_by_weight(c.reasons), conflicts=sorted(c.conflicts))
