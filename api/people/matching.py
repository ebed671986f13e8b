"""Person matching within a panel: a few index range scans on person_name_keys, then ranking
with the reasons each candidate matched. A coordinator confirms; nothing is merged here.

Lookups, each one composite index that starts with panel_id and carries every key column (an
index-only scan on PostgreSQL), bounded, reading only the key columns (no ORM objects), with
the role, the excluded referral and the case filtered in SQL:
  1. the full name or an alias;
  2. surname + date of birth (when a date of birth is given);
  3. date of birth + postcode (or date of birth alone when no name is given);
  4. the postcode's own people with that name or surname (when a postcode is given);
  5. the postcode alone, when nothing else is given.
A surname alone (a typo in the given name, or a search by surname) is only a fallback: when
`surname_alone` is set, no date of birth is given and lookups 1-4 found nothing, at most
SURNAME_LIMIT people with that surname are ranked, in index order.
A ranking says when it may be incomplete (`truncated`): a lookup returned as many rows as its
bound, or more candidates ranked than were asked for.
"""

import functools
import uuid
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Date,
    Executable,
    Select,
    String,
    Uuid,
    bindparam,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from api.people.keys import Probe
from api.people.models import Person, PersonNameKey, PersonRole
from api.people.schemas import MatchCandidate, MatchCandidates

WEIGHTS = {"full_name": 45, "alias": 35, "surname+dob": 35, "dob": 20, "postcode": 15,
           "surname": 10, "outward_code": 5}
SCAN_LIMIT = 200
SURNAME_LIMIT = 50
_K = PersonNameKey
_COLUMNS = (_K.person_id, _K.referral_id, _K.case_id, _K.is_alias, _K.full_key,
            _K.surname_key, _K.date_of_birth, _K.postcode_key, _K.outward_code)


@dataclass(frozen=True)
class Candidate:
    person_id: uuid.UUID
    referral_id: uuid.UUID
    case_id: uuid.UUID | None  # the referral's case, once triage accepted it
    reasons: set[str]


@dataclass(frozen=True)
class Ranking:
    candidates: list[Candidate]
    truncated: bool  # more people may match than these


# Statements are built once per shape (which lookups, which filters) with bound parameters,
# then only executed: building a UNION of subqueries costs far more than running it.
_NAMES = bindparam("names", expanding=True)
_SURNAMES = bindparam("surnames", expanding=True)
_DOB = bindparam("dob", type_=Date)
_POSTCODE = bindparam("postcode", type_=String)
_CONDITIONS: dict[str, tuple[Any, ...]] = {
    "name": (_K.full_key.in_(_NAMES),),
    "surname+dob": (_K.surname_key.in_(_SURNAMES), _K.date_of_birth == _DOB),
    "dob+postcode": (_K.date_of_birth == _DOB, _K.postcode_key == _POSTCODE),
    "dob": (_K.date_of_birth == _DOB,),
    "postcode+name": (_K.postcode_key == _POSTCODE,
                      or_(_K.full_key.in_(_NAMES), _K.surname_key.in_(_SURNAMES))),
    "postcode": (_K.postcode_key == _POSTCODE,),
    "surname": (_K.surname_key.in_(_SURNAMES),),  # the fallback
}


def lookups_of(p: Probe) -> tuple[str, ...]:
    """Lookups 1-5 (see the module docstring) that a probe runs, by name."""
    names, dob, pc = p.names | p.aliases, p.date_of_birth, p.postcode
    named = bool(p.names or p.surnames)
    wanted = [("name", bool(names)), ("surname+dob", bool(p.surnames and dob)),
              ("dob+postcode", bool(dob and pc)), ("dob", bool(dob and not pc and not named)),
              ("postcode+name", bool(pc and (names or p.surnames))),
              ("postcode", bool(pc and not named and not dob))]
    return tuple(name for name, runs in wanted if runs)


@dataclass(frozen=True)
class Who:
    """Who may be a candidate, checked in SQL: roles, not this referral, people on a case (or
    on these cases)."""

    roles: tuple[PersonRole, ...] = ()
    exclude_referral: uuid.UUID | None = None
    on_a_case: bool = False
    within_cases: tuple[uuid.UUID, ...] | None = None

    def shape(self) -> tuple[bool, bool, bool, bool]:
        return (bool(self.roles), self.exclude_referral is not None, self.on_a_case,
                self.within_cases is not None)


def _who(roles: bool, exclude: bool, on_a_case: bool, within: bool) -> tuple[Any, ...]:
    out = []
    if roles:
        out.append(_K.role.in_(bindparam("roles", expanding=True)))
    if exclude:
        out.append(_K.referral_id != bindparam("exclude", type_=Uuid))
    if on_a_case:
        out.append(_K.case_id.is_not(None))
    if within:
        out.append(_K.case_id.in_(bindparam("cases", expanding=True)))
    return tuple(out)


def _bound(lookup: str) -> int:
    return SURNAME_LIMIT if lookup == "surname" else SCAN_LIMIT


@functools.cache
def _statement(lookups: tuple[str, ...], who: tuple[bool, bool, bool, bool]) -> Executable:
    """The bounded lookups as one statement: subqueries of a UNION ALL, one round trip. Each
    row says which lookup found it (`lookup`, its position in `lookups`)."""
    scans = [_scan(n, *_CONDITIONS[name], *_who(*who)).limit(_bound(name))
             for n, name in enumerate(lookups)]
    return scans[0] if len(scans) == 1 else union_all(*(select(s.subquery()) for s in scans))


def _scan(n: int, *where: Any) -> Select[Any]:
    return select(*_COLUMNS, literal_column(str(n)).label("lookup")).where(
        _K.panel_id == bindparam("panel_id", type_=Uuid), *where)


def _params(panel_id: uuid.UUID, p: Probe, who: Who) -> dict[str, Any]:
    return {"panel_id": panel_id, "names": sorted(p.names | p.aliases),
            "surnames": sorted(p.surnames), "dob": p.date_of_birth, "postcode": p.postcode,
            "roles": list(who.roles), "exclude": who.exclude_referral,
            "cases": list(who.within_cases or ())}


def _wants_fallback(p: Probe) -> bool:
    return bool(p.surnames) and p.date_of_birth is None


def explained(panel_id: uuid.UUID, p: Probe) -> list[Executable]:
    """Each lookup a search runs (the fallback too), alone and with its values, for EXPLAIN."""
    names = lookups_of(p) + (("surname",) if _wants_fallback(p) else ())
    params = _params(panel_id, p, Who())
    return [_statement((name,), Who().shape()).params(  # type: ignore[attr-defined]
        **params) for name in names]


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


def rank(session: Session, panel_id: uuid.UUID, p: Probe, who: Who = Who(), *,
         surname_alone: bool = False, limit: int = 20) -> Ranking:
    """The best `limit` candidates, best first, each with the reasons it matched."""
    reasons: dict[uuid.UUID, set[str]] = defaultdict(set)
    rows: dict[uuid.UUID, Any] = {}
    params = _params(panel_id, p, who)
    truncated = _collect(session, lookups_of(p), who, params, p, reasons, rows)
    if not reasons and surname_alone and _wants_fallback(p):
        truncated = _collect(session, ("surname",), who, params, p, reasons, rows)
    matched = sorted(((pid, r) for pid, r in reasons.items() if r),
                     key=lambda item: (-score(item[1]), str(item[0])))
    return Ranking([Candidate(pid, rows[pid].referral_id, rows[pid].case_id, r)
                    for pid, r in matched[:limit]], truncated or len(matched) > limit)


def _collect(session: Session, lookups: tuple[str, ...], who: Who, params: dict[str, Any],
             p: Probe, reasons: dict[uuid.UUID, set[str]], rows: dict[uuid.UUID, Any]) -> bool:
    """Adds the lookups' rows; says whether any lookup stopped at its bound."""
    if not lookups:
        return False
    found: Counter[int] = Counter()
    for row in session.connection().execute(_statement(lookups, who.shape()), params):
        reasons[row.person_id] |= reasons_for(row, p)
        rows[row.person_id] = row
        found[row.lookup] += 1
    return any(found[n] >= _bound(name) for n, name in enumerate(lookups))


def find_candidates(session: Session, panel_id: uuid.UUID, p: Probe, *,
                    roles: Collection[PersonRole] = (), exclude_referral: uuid.UUID | None = None,
                    surname_alone: bool = False, limit: int = 20) -> MatchCandidates:
    """Ranked candidates in one panel, best first, each with why it matched."""
    ranking = rank(session, panel_id, p, Who(tuple(roles), exclude_referral), limit=limit,
                   surname_alone=surname_alone)
    return MatchCandidates(items=_load(session, ranking.candidates),
                           truncated=ranking.truncated)


_SHOWN = select(Person.id, Person.role, Person.given_names, Person.family_name,
                Person.date_of_birth, Person.postcode).where(
    Person.id.in_(bindparam("ids", expanding=True)))


def _load(session: Session, ranked: list[Candidate]) -> list[MatchCandidate]:
    """The shown fields of the ranked people, in one query of plain columns."""
    if not ranked:
        return []
    rows = session.connection().execute(_SHOWN, {"ids": [c.person_id for c in ranked]})
    found = {row.id: row for row in rows}
    return [MatchCandidate.model_construct(
        person_id=c.person_id, referral_id=c.referral_id, case_id=c.case_id, role=row.role,
        given_names=row.given_names, family_name=row.family_name,
        date_of_birth=row.date_of_birth, postcode=row.postcode, score=score(c.reasons),
        reasons=sorted(c.reasons, key=lambda r: -WEIGHTS[r]),
    ) for c in ranked if (row := found.get(c.person_id)) is not None]
