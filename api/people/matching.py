"""Person matching within a panel: a few index range scans on person_name_keys, then ranking
with the reasons each candidate matched. A coordinator confirms; nothing is merged here."""

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from api.people.keys import Probe
from api.people.models import Person, PersonNameKey, PersonRole
from api.people.schemas import MatchCandidate
from api.referrals.models import Referral

WEIGHTS = {"full_name": 45, "alias": 35, "surname+dob": 35, "dob": 20, "postcode": 15,
           "surname": 10, "outward_code": 5}
SCAN_LIMIT = 500


def _lookups(panel_id: uuid.UUID, p: Probe, surname_alone: bool) -> list[Select]:
    """Each select is served by one composite index that starts with panel_id."""
    k = PersonNameKey
    queries = []
    if p.names | p.aliases:
        queries.append(select(k).where(k.panel_id == panel_id, k.full_key.in_(p.names | p.aliases)))
    if p.surnames and (p.date_of_birth or surname_alone):
        q = select(k).where(k.panel_id == panel_id, k.surname_key.in_(p.surnames))
        queries.append(q.where(k.date_of_birth == p.date_of_birth) if p.date_of_birth else q)
    if p.date_of_birth and (p.postcode or not (p.names or p.surnames)):
        q = select(k).where(k.panel_id == panel_id, k.date_of_birth == p.date_of_birth)
        queries.append(q.where(k.postcode_key == p.postcode) if p.postcode else q)
    if p.postcode and not (p.names or p.surnames or p.date_of_birth):
        queries.append(select(k).where(k.panel_id == panel_id, k.postcode_key == p.postcode))
    return [q.limit(SCAN_LIMIT) for q in queries]


def reasons_for(row: PersonNameKey, p: Probe) -> set[str]:
    """Why one key row matches the probe."""
    reasons: set[str] = set()
    if row.full_key in p.names and not row.is_alias:
        reasons.add("full_name")
    elif row.full_key in p.names | p.aliases:
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


def find_candidates(session: Session, panel_id: uuid.UUID, p: Probe, *,
                    roles: Collection[PersonRole] = (), exclude_referral: uuid.UUID | None = None,
                    surname_alone: bool = False, limit: int = 20) -> list[MatchCandidate]:
    """Ranked candidates in one panel, best first, each with why it matched."""
    by_person: dict[uuid.UUID, set[str]] = defaultdict(set)
    for query in _lookups(panel_id, p, surname_alone):
        for row in session.scalars(query):
            if row.referral_id == exclude_referral or (roles and row.role not in roles):
                continue
            by_person[row.person_id] |= reasons_for(row, p)
    ranked = sorted(by_person.items(), key=lambda item: (-score(item[1]), str(item[0])))[:limit]
    return _load(session, [(pid, reasons) for pid, reasons in ranked if reasons])


def _load(session: Session, ranked: list[tuple[uuid.UUID, set[str]]]) -> list[MatchCandidate]:
    if not ranked:
        return []
    rows = session.execute(select(Person, Referral.case_id).join(
        Referral, Referral.id == Person.referral_id).where(Person.id.in_([p for p, _ in ranked])))
    found = {person.id: (person, case_id) for person, case_id in rows}
    return [MatchCandidate(
        person_id=pid, referral_id=found[pid][0].referral_id, case_id=found[pid][1],
        role=found[pid][0].role, given_names=found[pid][0].given_names,
        family_name=found[pid][0].family_name, date_of_birth=found[pid][0].date_of_birth,
        postcode=found[pid][0].postcode, score=score(reasons),
        reasons=sorted(reasons, key=lambda r: -WEIGHTS[r]),
    ) for pid, reasons in ranked if pid in found]
