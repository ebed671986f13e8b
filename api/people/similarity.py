"""Why a key row matches a probe, where it conflicts, and how sure a match is.

Certainty: `certain` needs the name as given (or an alias) and the same date of birth;
`probable` a name (exact, sounding alike or one letter off) with the same date of birth or
postcode, or the exact name where no date of birth can be compared; everything else is
`possible`. A conflicting date of birth makes any match `possible`, whatever the name says.
"""

from collections.abc import Iterable
from typing import Any, Literal

from rapidfuzz.distance import OSA

from api.people.keys import Probe

Certainty = Literal["certain", "probable", "possible"]
WEIGHTS = {"full_name": 45, "alias": 35, "sounds_like": 35, "one_letter_off": 35,
           "surname+dob": 35, "dob": 20, "postcode": 15, "surname": 10, "outward_code": 5}
CONFLICT_PENALTY = 30
_EXACT = {"full_name", "alias"}
_CLOSE = {"sounds_like", "one_letter_off"}
# A name reason: the row's name is the searched name, an alias of it, sounds like it or is
# one letter off it — what a typo scan's row must have to count.
NAME_MATCHES = frozenset(_EXACT | _CLOSE)
_NAMED = _EXACT | _CLOSE | {"surname", "surname+dob"}
CERTAINTY_ORDER: dict[str, int] = {"certain": 0, "probable": 1, "possible": 2}  # best first


def _close_name(row: Any, p: Probe) -> str | None:
    """sounds_like (the same phonetic code) or one_letter_off (one edit, a swap counting as one,
    on the whole name)."""
    if row.phonetic_key and row.phonetic_key in p.phonetics:
        return "sounds_like"
    if any(OSA.distance(row.full_key, n, score_cutoff=1) <= 1 for n in p.names | p.aliases):
        return "one_letter_off"
    return None


def reasons_for(row: Any, p: Probe) -> set[str]:
    """Why one key row (anything with the key columns as attributes) matches the probe."""
    reasons: set[str] = set()
    if row.full_key in p.names and not row.is_alias:
        reasons.add("full_name")
    elif row.full_key in p.names or row.full_key in p.aliases:
        reasons.add("alias")
    elif (close := _close_name(row, p)) is not None:
        reasons.add(close)
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


def conflicts_of(row: Any, p: Probe) -> set[str]:
    """Where the row disagrees with the probe: both know a date of birth (or postcode) and
    they differ."""
    out = set()
    if p.date_of_birth is not None and row.date_of_birth is not None \
            and row.date_of_birth != p.date_of_birth:
        out.add("date_of_birth")
    if p.postcode and row.postcode_key and row.postcode_key != p.postcode:
        out.add("postcode")
    return out


def relevant(reasons: set[str], p: Probe) -> bool:
    """A searched name must be matched by the name (date of birth and postcode then rank)."""
    if not (p.names or p.surnames):
        return bool(reasons)
    return bool(reasons & _NAMED)


def certainty(reasons: set[str], conflicts: set[str]) -> Certainty:
    if "date_of_birth" in conflicts:
        return "possible"
    if reasons & _EXACT and "dob" in reasons:
        return "certain"
    named = reasons & (_EXACT | _CLOSE) or "surname+dob" in reasons
    if named and reasons & {"dob", "postcode"}:
        return "probable"
    if reasons & _EXACT and "postcode" not in conflicts:
        return "probable"
    return "possible"


def score(reasons: Iterable[str], conflicts: Iterable[str] = ()) -> int:
    """0-100; a conflicting date of birth costs CONFLICT_PENALTY."""
    raw = min(100, sum(WEIGHTS[r] for r in reasons))
    return max(0, raw - CONFLICT_PENALTY) if "date_of_birth" in set(conflicts) else raw


def order_key(reasons: set[str], conflicts: set[str]) -> tuple[int, int]:
    """Best first: certainty, then score."""
    return CERTAINTY_ORDER[certainty(reasons, conflicts)], -score(reasons, conflicts)
