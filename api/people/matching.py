"""Person matching within a panel: a few index range scans on person_name_keys, then ranking
with the reasons each candidate matched and where it conflicts. A coordinator confirms; nothing
is merged here.

Lookups, each one composite index that starts with panel_id and carries every key column (an
index-only scan on PostgreSQL), bounded, reading only the key columns (no ORM objects), with
the role, the excluded referral and the case filtered in SQL:
  1. the full name or an alias;
  2. the name as it sounds (a phonetic code: spelling variants such as Jon/John, Smyth/Smith),
     the name itself left to lookup 1;
  3. a one-letter typo: it leaves one word whole and, of the other word, either its first or
     its last half; four scans (given name whole with the surname's first or last half, and
     the other way round) find every name one edit away. Each filters the entries it reads
     by length and by two LIKE patterns every word one edit away matches (its last letter,
     or all but its last two; mirrored for a tail scan), and a short word's scan by exactly
     the words one edit away (api.people.one_edit), so the rest of a wide range (every
     Roberts whose given name starts with 'A') is neither sent nor counted toward the bound.
     None reads what another lookup reads: not the name itself (lookup 1), nor a name
     sounding alike (lookup 2), nor, for a tail scan, its head scan's range;
  4. for a one-word name (a surname, say): surname + date of birth, and the postcode's
     people with that name or surname;
  5. with no name: date of birth + postcode, the date of birth alone, or the postcode alone.
A name of two words or more runs lookups 1-3 only: a date of birth or postcode then ranks
(and may conflict) but never widens the search, so 10,000 people sharing one postcode and date
of birth cost a search nothing. A surname alone (a search by surname) is only a fallback: when
`surname_alone` is set, no date of birth is given and nothing else matched, at most
SURNAME_LIMIT people with that surname are ranked, in index order (people search's one
statement reads them only when the other lookups read nothing). Rows whose name does not
match a searched name are dropped (api.people.similarity.relevant), and a row that only a
typo scan read counts only if its name is close (exact, an alias, sounding alike or one letter
off: api.people.similarity.NAME_MATCHES): the rest of a scanned range shares a word with the name
by accident of its first or last letters (every Roberts whose given name starts with 'A', for
'Aron Roberts'), and ranking, grouping and showing hundreds of those cost most of a search.
A ranking says when it may be incomplete (`truncated`): a lookup returned as many rows as its
bound, or more candidates ranked than were asked for.
"""

import functools
import uuid
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    Executable,
    Integer,
    Select,
    String,
    Uuid,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from api.people.keys import Probe
from api.people.models import Person, PersonNameKey, PersonRole
from api.people.one_edit import matches, near_pattern
from api.people.schemas import MatchCandidate, MatchCandidates
from api.people.similarity import (
    CERTAINTY_ORDER,
    NAME_MATCHES,
    WEIGHTS,
    Certainty,
    certainty,
    conflicts_of,
    reasons_for,
    relevant,
    score,
)

SCAN_LIMIT = 200
SURNAME_LIMIT = 50
# A typo scan reads every name sharing one whole word and half the other: for the commonest
# names (Olivia + a surname starting 'Sm') that is hundreds of rows at national scale.
TYPO_LIMIT = 500
# The names sounding alike are the phonetic lookup's alone (the typo scans leave them out), so
# it reads as far as a typo scan would.
PHONETIC_LIMIT = TYPO_LIMIT
_K = PersonNameKey
_COLUMNS = (_K.person_id, _K.referral_id, _K.case_id, _K.is_alias, _K.full_key,
            _K.surname_key, _K.date_of_birth, _K.postcode_key, _K.outward_code, _K.given_key,
            _K.phonetic_key)
# Above every character a key holds: 'ab' <= key < 'ab' + _TOP is "key starts with 'ab'"
# (keys compare by code point: SQLite's BINARY, PostgreSQL's C / C.UTF-8 collation).
_TOP = "\U0010ffff"


@dataclass(frozen=True)
class Candidate:
    person_id: uuid.UUID
    referral_id: uuid.UUID
    case_id: uuid.UUID | None  # the referral's case, once triage accepted it
    reasons: set[str]
    conflicts: set[str]
    # The person's name key as given (not an alias's) when a lookup read it, and their date of
    # birth: people search groups referrals by these without loading the person.
    name_key: str | None = None
    date_of_birth: Any = None
    # Worked out once, when ranked: the match's score and certainty.
    score: int = 0
    certainty: Certainty = "possible"
    # With rank(shown=True): the person's shown fields, read by the lookup's own statement.
    shown: Any = None


@dataclass(frozen=True)
class Ranking:
    candidates: list[Candidate]
    truncated: bool  # more people may match than these


# Statements are built once per shape (which lookups, which filters) with bound parameters,
# then only executed: building a UNION of subqueries costs far more than running it.
_NAMES: BindParameter[list[str]] = bindparam("names", expanding=True)
_SURNAMES: BindParameter[list[str]] = bindparam("surnames", expanding=True)
_DOB = bindparam("dob", type_=Date)
_POSTCODE = bindparam("postcode", type_=String)


def _starts(column: Any, name: str) -> tuple[Any, Any]:
    return (column >= bindparam(f"{name}_lo", type_=String),
            column < bindparam(f"{name}_hi", type_=String))


def _outside(column: Any, name: str) -> Any:
    """The column does not start with `name`'s prefix (see _starts)."""
    return or_(column < bindparam(f"{name}_lo", type_=String),
               column >= bindparam(f"{name}_hi", type_=String))


def _either(column: Any, name: str) -> Any:
    """The column LIKE one of two patterns (`name`_a, `name`_b): see _one_edit_patterns."""
    return or_(column.like(bindparam(f"{name}_a", type_=String)),
               column.like(bindparam(f"{name}_b", type_=String)))


def _close(column: Any, pattern: str) -> tuple[Any, Any]:
    """The word one edit away (near_pattern), and not a name sounding alike: the phonetic
    lookup reads those (up to PHONETIC_LIMIT), so a typo scan sent them twice."""
    return (_K.phonetic_key.not_in(bindparam("phonetics", expanding=True)),
            matches(column, bindparam(pattern, type_=String)))


def _typo_conditions(lookup: str) -> tuple[Any, ...]:
    """'typo:surname_head#1': the second reading's given name whole, its surname's first part,
    and, filters on the index entries read (so the bound counts only rows that may be one edit
    away, and the rest of the range is not sent), the surname's length within one of the
    searched one and what any word one edit from it keeps (_one_edit_patterns). None reads the
    name itself (the name lookup does), and a tail scan leaves out its head scan's range (the
    head scan reads those rows: any of them the tail scan's filters keep, its filters keep)."""
    half, n = lookup.removeprefix("typo:").split("#")
    given, surname = bindparam(f"given{n}", type_=String), bindparam(f"surname{n}", type_=String)
    s_near = (func.length(_K.surname_key).between(bindparam(f"s_min{n}", type_=Integer),
                                                  bindparam(f"s_max{n}", type_=Integer)),
              _K.surname_key != surname)
    g_near = (func.length(_K.given_key).between(bindparam(f"g_min{n}", type_=Integer),
                                                bindparam(f"g_max{n}", type_=Integer)),
              _K.given_key != given)
    return {"surname_head": (_K.given_key == given, *_starts(_K.surname_key, f"s_head{n}"),
                             *s_near, _either(_K.surname_key, f"s_head{n}"),
                             *_close(_K.surname_key, f"s_near{n}")),
            "surname_tail": (_K.given_key == given, *_starts(_K.surname_rev, f"s_tail{n}"),
                             *s_near, _either(_K.surname_key, f"s_tail{n}"),
                             _outside(_K.surname_key, f"s_head{n}"),
                             *_close(_K.surname_key, f"s_near{n}")),
            "given_head": (_K.surname_key == surname, *_starts(_K.given_key, f"g_head{n}"),
                           *g_near, _either(_K.given_key, f"g_head{n}"),
                           *_close(_K.given_key, f"g_near{n}")),
            "given_tail": (_K.surname_key == surname, *_starts(_K.given_rev, f"g_tail{n}"),
                           *g_near, _either(_K.given_key, f"g_tail{n}"),
                           _outside(_K.given_key, f"g_head{n}"),
                           *_close(_K.given_key, f"g_near{n}")),
            }[half]


def _conditions(lookup: str) -> tuple[Any, ...]:
    return _typo_conditions(lookup) if lookup.startswith("typo:") else _CONDITIONS[lookup]


_CONDITIONS: dict[str, tuple[Any, ...]] = {
    "name": (_K.full_key.in_(_NAMES),),
    # The name itself is the name lookup's: only the names that sound alike are read here.
    "phonetic": (_K.phonetic_key.in_(bindparam("phonetics", expanding=True)),
                 _K.full_key.not_in(_NAMES)),
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
    typos = [f"{typo}#{n}" for n in range(len(p.splits)) for typo in TYPO_LOOKUPS]
    # A name of two words or more is found by its own lookups (1-3), whatever the date of
    # birth and postcode: then neither widens the search, so people sharing one (a hostel, a
    # default date) cost nothing extra. A one-word name leans on them (lookups 4-5).
    one_word = not p.splits
    wanted = [("name", bool(names)), ("phonetic", bool(p.phonetics)),
              *((typo, True) for typo in typos),
              ("surname+dob", bool(p.surnames and dob and one_word)),
              ("dob+postcode", bool(dob and pc and not names)),
              ("dob", bool(dob and not pc and not names)),
              ("postcode+name", bool(pc and (names or p.surnames) and one_word)),
              ("postcode", bool(pc and not dob and not names))]
    return tuple(name for name, runs in wanted if runs)


TYPO_LOOKUPS = ("typo:surname_head", "typo:surname_tail", "typo:given_head", "typo:given_tail")


def _halves(word: str) -> tuple[str, str]:
    """The first and the (reversed) last part of a word that one edit leaves one of whole:
    (len - 1) // 2 letters (at least one), so a letter dropped, added, changed, or two
    neighbours swapped, anywhere in the word, spares one of them."""
    k = max(1, (len(word) - 1) // 2)
    return word[:k], word[::-1][:k]


def _one_edit_patterns(word: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """LIKE patterns that every word one edit (a swap counting as one) from `word` matches one
    of: for a scan keeping the word's head, it ends with the word's last letter or (the edit
    touched that letter) starts with all but its last two; for a scan keeping its tail, the
    mirror image. Keys hold letters and digits only, so no key holds LIKE's '%' or '_'."""
    return (f"%{word[-1:]}", f"{word[:-2]}%"), (f"{word[:1]}%", f"%{word[2:]}")


def _typo_params(p: Probe) -> dict[str, str | int]:
    out: dict[str, str | int] = {}
    for n, (given, surname) in enumerate(p.splits):
        s_head, s_tail = _halves(surname)
        g_head, g_tail = _halves(given)
        out[f"given{n}"], out[f"surname{n}"] = given, surname
        out[f"s_min{n}"], out[f"s_max{n}"] = len(surname) - 1, len(surname) + 1
        out[f"g_min{n}"], out[f"g_max{n}"] = len(given) - 1, len(given) + 1
        for name, lo in (("s_head", s_head), ("s_tail", s_tail), ("g_head", g_head),
                         ("g_tail", g_tail)):
            out[f"{name}{n}_lo"], out[f"{name}{n}_hi"] = lo, lo + _TOP
        for name, word in (("s", surname), ("g", given)):
            head, tail = _one_edit_patterns(word)
            out[f"{name}_head{n}_a"], out[f"{name}_head{n}_b"] = head
            out[f"{name}_tail{n}_a"], out[f"{name}_tail{n}_b"] = tail
        out[f"s_near{n}"], out[f"g_near{n}"] = near_pattern(surname), near_pattern(given)
    return out


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
    out: list[ColumnElement[bool]] = []
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
    if lookup.startswith("typo:"):
        return TYPO_LIMIT
    if lookup == "phonetic":
        return PHONETIC_LIMIT
    return SURNAME_LIMIT if lookup == "surname" else SCAN_LIMIT


_P = Person
_SHOWN_COLUMNS = (_P.role.label("shown_role"), _P.given_names.label("shown_given_names"),
                  _P.family_name.label("shown_family_name"),
                  _P.date_of_birth.label("shown_date_of_birth"),
                  _P.postcode.label("shown_postcode"))


@functools.cache
def _statement(lookups: tuple[str, ...], who: tuple[bool, bool, bool, bool],
               shown: bool = False) -> Executable:
    """The bounded lookups as one statement: subqueries of a UNION ALL, one round trip. Each
    row says which lookup found it (`lookup`, its position in `lookups`). With `shown`, each
    row also carries its person's shown fields (`shown_*`, a primary-key join), so what is
    ranked is shown without a second query."""
    scans = [_scan(n, *_conditions(name), *_who(*who)).limit(_bound(name))
             for n, name in enumerate(lookups)]
    if not shown:
        return scans[0] if len(scans) == 1 else union_all(*(select(s.subquery()) for s in scans))
    hits = (scans[0] if len(scans) == 1 else union_all(*(select(s.subquery()) for s in scans))
            ).subquery("hits")
    return select(hits, *_SHOWN_COLUMNS).join_from(hits, _P, _P.id == hits.c.person_id)


@functools.cache
def _with_fallback(lookups: tuple[str, ...], who: tuple[bool, bool, bool, bool]) -> Executable:
    """_statement(lookups + ("surname",), who, shown=True), but the surname fallback reads
    only when the lookups read nothing: otherwise its rows would be read, joined to their
    people and sent on most searches by name, to be dropped."""
    if not lookups:
        return _statement(("surname",), who, True)
    scans = [_scan(n, *_conditions(name), *_who(*who)).limit(_bound(name))
             for n, name in enumerate(lookups)]
    hits = (scans[0] if len(scans) == 1 else union_all(*(select(s.subquery()) for s in scans))
            ).cte("hits")
    spare = _scan(len(lookups), *_conditions("surname"), *_who(*who),
                  ~select(hits).exists()).limit(SURNAME_LIMIT)
    found = union_all(select(hits), select(spare.subquery())).subquery("found")
    return select(found, *_SHOWN_COLUMNS).join_from(found, _P, _P.id == found.c.person_id)


def _scan(n: int, *where: Any) -> Select[Any]:
    return select(*_COLUMNS, literal_column(str(n)).label("lookup")).where(
        _K.panel_id == bindparam("panel_id", type_=Uuid), *where)


def _params(panel_id: uuid.UUID, p: Probe, who: Who) -> dict[str, Any]:
    return {"panel_id": panel_id, "names": sorted(p.names | p.aliases),
            "surnames": sorted(p.surnames), "dob": p.date_of_birth, "postcode": p.postcode,
            "phonetics": sorted(p.phonetics), "roles": list(who.roles),
            "exclude": who.exclude_referral, "cases": list(who.within_cases or ()),
            **_typo_params(p)}


def _wants_fallback(p: Probe) -> bool:
    return bool(p.surnames) and p.date_of_birth is None


def explained(panel_id: uuid.UUID, p: Probe) -> list[Executable]:
    """Each lookup a search runs (the fallback too), alone and with its values, for EXPLAIN."""
    names = lookups_of(p) + (("surname",) if _wants_fallback(p) else ())
    params = _params(panel_id, p, Who())
    return [_statement((name,), Who().shape()).params(  # type: ignore[attr-defined]
        **params) for name in names]


def explained_search(panel_id: uuid.UUID, p: Probe) -> Executable:
    """People search's one statement (rank with `shown`, the fallback riding along), with its
    values, for EXPLAIN."""
    lookups = lookups_of(p)
    statement: Any = (_with_fallback(lookups, Who().shape()) if _wants_fallback(p)
                      else _statement(lookups, Who().shape(), True))
    out: Executable = statement.params(**_params(panel_id, p, Who()))
    return out


def rank(session: Session, panel_id: uuid.UUID, p: Probe, who: Who = Who(), *,
         surname_alone: bool = False, limit: int = 20, shown: bool = False) -> Ranking:
    """The best `limit` candidates, best first, each with the reasons it matched (and, with
    `shown`, the person's shown fields, in `Candidate.shown`).

    With `shown` the surname fallback, when it may be wanted, runs in the same statement as
    the other lookups, reading only if they read nothing, so a ranking is one statement (a
    second one only when the lookups read rows and none matched the name); without, it runs
    only when needed, as a second one."""
    found = _Found()
    params = _params(panel_id, p, who)
    lookups = lookups_of(p)
    fallback = surname_alone and _wants_fallback(p)
    if shown and fallback:
        rows = list(session.connection().execute(_with_fallback(lookups, who.shape()), params))
        main = len(lookups)
        read = [r for r in rows if r.lookup < main]
        truncated = found.add(lookups, read, p)
        if not any(relevant(r, p) for r in found.reasons.values()):
            spare = [r for r in rows if r.lookup == main]
            if read:  # rows were read, none of them a match: the statement held it back
                spare, main = list(_execute(session, ("surname",), who, params, True)), 0
            truncated = found.add(("surname",), spare, p, main)
    else:
        truncated = found.add(lookups, _execute(session, lookups, who, params, shown), p)
        if fallback and not any(relevant(r, p) for r in found.reasons.values()):
            truncated = found.add(("surname",),
                                  _execute(session, ("surname",), who, params, shown), p)
    matched = []
    for pid, r in found.reasons.items():
        if relevant(r, p):
            conflicts = found.conflicts[pid]
            how, points = certainty(r, conflicts), score(r, conflicts)
            matched.append((CERTAINTY_ORDER[how], -points, str(pid), pid, how, points))
    matched.sort()
    rows_ = found.rows
    return Ranking([Candidate(pid, (row := rows_[pid]).referral_id, row.case_id,
                              found.reasons[pid], found.conflicts[pid], found.names.get(pid),
                              row.date_of_birth, points, how, row if shown else None)
                    for *_, pid, how, points in matched[:limit]],
                   truncated or len(matched) > limit)


def _execute(session: Session, lookups: tuple[str, ...], who: Who, params: dict[str, Any],
             shown: bool) -> Any:
    if not lookups:
        return ()
    return session.connection().execute(_statement(lookups, who.shape(), shown), params)


class _Found:
    """What the lookups' rows say, by person: reasons, conflicts (from the first row read),
    the name as given (a row that is not an alias), and the last row read."""

    def __init__(self) -> None:
        self.reasons: dict[uuid.UUID, set[str]] = defaultdict(set)
        self.conflicts: dict[uuid.UUID, set[str]] = {}
        self.names: dict[uuid.UUID, str] = {}
        self.rows: dict[uuid.UUID, Any] = {}

    def add(self, lookups: tuple[str, ...], rows: Any, p: Probe, first: int = 0) -> bool:
        """Adds the lookups' rows (their `lookup` numbered from `first`); says whether any
        lookup stopped at its bound. A typo scan's row whose name is not close (no name
        reason: not the name, an alias, sounding alike or one letter off) is skipped, counted
        toward the scan's bound all the same."""
        if not lookups:
            return False
        typo_scans = {first + n for n, name in enumerate(lookups) if name.startswith("typo:")}
        found: Counter[int] = Counter()
        for row in rows:
            found[row.lookup] += 1
            why = reasons_for(row, p)
            if row.lookup in typo_scans and not why & NAME_MATCHES:
                continue
            pid = row.person_id
            if pid not in self.rows:
                self.conflicts[pid] = conflicts_of(row, p)
            self.reasons[pid] |= why
            self.rows[pid] = row
            if not row.is_alias:
                self.names[pid] = row.full_key
        return any(found[first + n] >= _bound(name) for n, name in enumerate(lookups))


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
        date_of_birth=row.date_of_birth, postcode=row.postcode,
        score=score(c.reasons, c.conflicts), certainty=certainty(c.reasons, c.conflicts),
        reasons=sorted(c.reasons, key=lambda r: -WEIGHTS[r]), conflicts=sorted(c.conflicts),
    ) for c in ranked if (row := found.get(c.person_id)) is not None]
