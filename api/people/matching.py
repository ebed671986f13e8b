"""Person matching within a panel: a few index range scans on person_name_keys, then ranking
with the reasons each candidate matched. A coordinator confirms; nothing is merged here.

Lookups, each one composite index that starts with panel_id, bounded, reading only the key
columns (no ORM objects), with the role and the excluded referral filtered in SQL:
  1. the full name or an alias;
  2. surname + date of birth (when a date of birth is given);
  3. date of birth + postcode (or date of birth alone when no name is given);
  4. the postcode's own people with that name or surname (when a postcode is given);
  5. the postcode alone, when nothing else is given.
A surname alone (a typo in the given name, or a search by surname) is only a fallback: when
`surname_alone` is set, no date of birth is given and lookups 1-4 found nothing, at most
SURNAME_LIMIT people with that surname are ranked, in index order.
"""

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import Select, or_, select, union_all
from sqlalchemy.orm import Session

from api.people.keys import Probe
from api.people.models import Person, PersonNameKey, PersonRole
from api.people.schemas import MatchCandidate
from api.referrals.models import Referral

WEIGHTS = {"full_name": 45, "alias": 35, "surname+dob": 35, "dob": 20, "postcode": 15,
           "surname": 10, "outward_code": 5}
SCAN_LIMIT = 200
SURNAME_LIMIT = 50
_K = PersonNameKey
_COLUMNS = (_K.person_id, _K.referral_id, _K.is_alias, _K.full_key, _K.surname_key,
            _K.date_of_birth, _K.postcode_key, _K.outward_code)
Ranked = list[tuple[uuid.UUID, uuid.UUID, set[str]]]  # person, referral, reasons


def _filters(roles: Collection[PersonRole], exclude_referral: uuid.UUID | None,
             within: Select[Any] | None) -> tuple[Any, ...]:
    """Who may be a candidate, checked in SQL: roles, not this referral, within referrals."""
    out = []
    if roles:
        out.append(_K.role.in_(list(roles)))
    if exclude_referral is not None:
        out.append(_K.referral_id != exclude_referral)
    if within is not None:
        out.append(_K.referral_id.in_(within))
    return tuple(out)


def _lookups(panel_id: uuid.UUID, p: Probe, surname_alone: bool = False, *,
             roles: Collection[PersonRole] = (), exclude_referral: uuid.UUID | None = None,
             within: Select[Any] | None = None) -> list[Select[Any]]:
    """Lookups 1-5 (see the module docstring); with `surname_alone`, the surname fallback
    too (for EXPLAIN: `rank` runs the fallback only when lookups 1-4 found nothing)."""
    names, dob, pc = p.names | p.aliases, p.date_of_birth, p.postcode
    wheres: list[tuple[Any, ...]] = []
    if names:
        wheres.append((_K.full_key.in_(names),))
    if p.surnames and dob:
        wheres.append((_K.surname_key.in_(p.surnames), _K.date_of_birth == dob))
    if dob and (pc or not (p.names or p.surnames)):
        wheres.append((_K.date_of_birth == dob, *((_K.postcode_key == pc,) if pc else ())))
    if pc and (names or p.surnames):
        wheres.append((_K.postcode_key == pc,
                       or_(_K.full_key.in_(names), _K.surname_key.in_(p.surnames))))
    if pc and not (p.names or p.surnames or dob):
        wheres.append((_K.postcode_key == pc,))
    who = _filters(roles, exclude_referral, within)
    queries = [_scan(panel_id, *w, *who).limit(SCAN_LIMIT) for w in wheres]
    if surname_alone and _wants_fallback(p):
        queries.append(_fallback(panel_id, p, who))
    return queries


def _scan(panel_id: uuid.UUID, *where: Any) -> Select[Any]:
    return select(*_COLUMNS).where(_K.panel_id == panel_id, *where)


def _wants_fallback(p: Probe) -> bool:
    return bool(p.surnames) and p.date_of_birth is None


def _fallback(panel_id: uuid.UUID, p: Probe, who: tuple[Any, ...]) -> Select[Any]:
    return _scan(panel_id, _K.surname_key.in_(p.surnames), *who).limit(SURNAME_LIMIT)


def reasons_for(row: Any, p: Probe) -> set[str]:
    """Why one key row (anything with the key columns as attributes) matches the probe."""
    reasons: set[str] = set()
    if row.full_key in p.names and not row.is_alias:
        reasons.add("full_name")
    elif row.full_key in p.names or row.full_key in p.aliases:
        reasons.add("alias")
    same_dob = p.date_of_birth is not None and row.date_of_birth == p.date_of_birth
    if same_dob:
        reasons.add("dob")
    if row.surname_key in p.surnames:
        reasons.add("surname+dob" if same_dob else "surname")
    if p.postcode and row.postcode_key == p.postcode:
        reasons.add("postcode")
    elif p.outward and row.outward_code == p.outward:
        reasons.add("outward_code")
    return reasons


def score(reasons: Iterable[str]) -> int:
    return min(100, sum(WEIGHTS[r] for r in reasons))


def rank(session: Session, panel_id: uuid.UUID, p: Probe, *,
         roles: Collection[PersonRole] = (), exclude_referral: uuid.UUID | None = None,
         within: Select[Any] | None = None, surname_alone: bool = False,
         limit: int = 20) -> Ranked:
    """(person, referral, reasons) of the best `limit` candidates, best first."""
    reasons: dict[uuid.UUID, set[str]] = defaultdict(set)
    referral_of: dict[uuid.UUID, uuid.UUID] = {}
    who = _filters(roles, exclude_referral, within)
    _collect(session, _lookups(panel_id, p, roles=roles, exclude_referral=exclude_referral,
                               within=within), p, reasons, referral_of)
    if not reasons and surname_alone and _wants_fallback(p):
        _collect(session, [_fallback(panel_id, p, who)], p, reasons, referral_of)
    ranked = sorted(((pid, r) for pid, r in reasons.items() if r),
                    key=lambda item: (-score(item[1]), str(item[0])))[:limit]
    return [(pid, referral_of[pid], r) for pid, r in ranked]


def _collect(session: Session, queries: list[Select[Any]], p: Probe,
             reasons: dict[uuid.UUID, set[str]], referral_of: dict[uuid.UUID, uuid.UUID]) -> None:
    """One round trip: the bounded lookups as subqueries of a UNION ALL."""
    if not queries:
        return
    query = queries[0] if len(queries) == 1 else union_all(
        *(select(q.subquery()) for q in queries))
    for row in session.execute(query):
        reasons[row.person_id] |= reasons_for(row, p)
        referral_of[row.person_id] = row.referral_id


def find_candidates(session: Session, panel_id: uuid.UUID, p: Probe, *,
                    roles: Collection[PersonRole] = (), exclude_referral: uuid.UUID | None = None,
                    surname_alone: bool = False, limit: int = 20) -> list[MatchCandidate]:
    """Ranked candidates in one panel, best first, each with why it matched."""
    return _load(session, rank(session, panel_id, p, roles=roles, limit=limit,
                               exclude_referral=exclude_referral, surname_alone=surname_alone))


def _load(session: Session, ranked: Ranked) -> list[MatchCandidate]:
    """The shown fields of the ranked people, in one query of plain columns."""
    if not ranked:
        return []
    rows = session.execute(select(
        Person.id, Person.referral_id, Referral.case_id, Person.role, Person.given_names,
        Person.family_name, Person.date_of_birth, Person.postcode,
    ).join(Referral, Referral.id == Person.referral_id).where(
        Person.id.in_([pid for pid, _, _ in ranked])))
    found = {row.id: row for row in rows}
    return [MatchCandidate.model_construct(
        person_id=pid, referral_id=row.referral_id, case_id=row.case_id, role=row.role,
        given_names=row.given_names, family_name=row.family_name,
        date_of_birth=row.date_of_birth, postcode=row.postcode, score=score(reasons),
        reasons=sorted(reasons, key=lambda r: -WEIGHTS[r]),
    ) for pid, _, reasons in ranked if (row := found.get(pid)) is not None]
