"""Bulk load with COPY: referrals, people, their match keys, risk assessments and cases.

Keys are made with the product's own normalisation (api.people.normalise), the way
api.people.keys.key_rows makes them; `check_keys` proves the two agree before loading.
"""

import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

import psycopg

from api.people.normalise import (
    given_key,
    name_key,
    name_tokens,
    outward_code,
    phonetic_key,
    postcode_key,
)
from bench.dataset import History, Record
from bench.names import Person

TABLES = ("referrals", "people", "person_name_keys", "risk_assessments", "cases")
_VERDICT = json.dumps({"eligible": True, "criteria": [
    {"criterion": "visible_high_risk", "met": True, "reason": "bench data"}]})
_CONSENT = json.dumps({"status": "given", "reason": None, "method": "verbal",
                       "obtained_by": "IDVA", "obtained_on": None})
_REFERRER = json.dumps({"name": "Bench Referrer", "role": "Officer", "phone": None,
                        "email": "referrer@example.org", "address": None})
_RISKS = json.dumps(["Threats to kill", "Escalating frequency of incidents"])
_REASON = ("Victim disclosed repeated threats and controlling behaviour; police attended "
           "two incidents this month and the risk checklist was completed with the victim.")


def key_tuples(person: Person) -> list[tuple[bool, str, str, str]]:
    """(is_alias, full_key, surname_key, given_key) for the name, then each alias, as key_rows
    does."""
    rows = [(False, name_key(f"{person.given_name} {person.family_name}"),
             name_key(person.family_name), name_key(person.given_name))]
    aliases = [f"{g} {f}" for g, f in person.aliases]
    rows += [(True, name_key(a), name_tokens(a)[-1][:200], given_key(a))
             for a in dict.fromkeys(aliases) if name_key(a)]
    return rows


def load_batch(conn: psycopg.Connection, panel: uuid.UUID, agencies: list[uuid.UUID],
               api_key: uuid.UUID, records: list[Record]) -> dict[str, int]:
    """COPYs one batch of records into every table; returns rows per table."""
    counts = {}
    with conn.cursor() as cur:
        counts["referrals"] = _copy(cur, "referrals", REFERRAL_COLUMNS,
                                    (_referral(r, panel, agencies, api_key) for r in records))
        counts["people"] = _copy(cur, "people", PEOPLE_COLUMNS, (
            _person(r, pid, role, pos, p, panel)
            for r in records for pid, role, pos, p in r.people))
        counts["person_name_keys"] = _copy(cur, "person_name_keys", KEY_COLUMNS, (
            row for r in records for pid, role, _, p in r.people
            for row in _keys(r, pid, role, p, panel)))
        counts["risk_assessments"] = _copy(cur, "risk_assessments", RISK_COLUMNS, (
            (uuid.UUID(int=r.id.int ^ 1), r.id, "dash", "2009-v1", json.dumps(r.answers),
             sum(v == "yes" for v in r.answers.values()), 14,
             sum(v == "yes" for v in r.answers.values()) >= 14) for r in records))
    return counts


def flush_cases(conn: psycopg.Connection, panel: uuid.UUID, history: History) -> int:
    """New cases since the last flush (their last referral date as known now)."""
    now = datetime.now(UTC)
    pending, history.cases.pending = history.cases.pending, []
    with conn.cursor() as cur:
        return _copy(cur, "cases", CASE_COLUMNS, (
            (cid, panel, *history.cases.rows[cid], None, now, 1) for cid in pending))


def _copy(cur: psycopg.Cursor, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    n = 0
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


REFERRAL_COLUMNS = (
    "id", "panel_id", "status", "referral_date", "submitted_at", "submitted_by_kind",
    "submitted_by_id", "agency_id", "referrer", "reason", "risks_identified", "victim_aware",
    "consent", "consent_status", "referred_to_marac_elsewhere", "fire_service_referral_needed",
    "referrer_says_repeat", "incident_dates", "relationships", "eligible", "verdict", "case_id",
    "is_repeat", "version")
PEOPLE_COLUMNS = ("id", "referral_id", "panel_id", "role", "position", "given_names",
                  "family_name", "aliases", "date_of_birth", "gender", "address", "postcode")
KEY_COLUMNS = ("id", "panel_id", "person_id", "referral_id", "case_id", "role", "is_alias",
               "full_key", "surname_key", "date_of_birth", "postcode_key", "outward_code",
               "given_key", "given_rev", "surname_rev", "phonetic_key")
RISK_COLUMNS = ("id", "referral_id", "instrument_key", "instrument_version", "answers", "score",
                "threshold", "threshold_met")
CASE_COLUMNS = ("id", "panel_id", "opened_on", "last_referral_date", "last_heard_on",
                "created_at", "version")


def _referral(r: Record, panel: uuid.UUID, agencies: list[uuid.UUID], key: uuid.UUID) -> tuple:
    incidents = json.dumps([r.referral_date.isoformat()])
    return (r.id, panel, r.status, r.referral_date, r.submitted_at, "api_key", key,
            agencies[r.agency % len(agencies)], _REFERRER, _REASON, _RISKS, True, _CONSENT,
            "given", False, False, r.repeat_of is not None, incidents, "[]", True, _VERDICT,
            r.case_id, r.repeat_of is not None, 1)


def _person(r: Record, pid: uuid.UUID, role: str, pos: int, p: Person, panel: uuid.UUID) -> tuple:
    aliases = json.dumps([f"{g} {f}" for g, f in p.aliases], ensure_ascii=False)
    gender = "female" if role == "victim" else "male" if role == "perpetrator" else None
    return (pid, r.id, panel, role, pos, p.given_name, p.family_name, aliases, p.date_of_birth,
            gender, f"{(pid.int % 180) + 1} High Street", p.postcode)


def _keys(r: Record, pid: uuid.UUID, role: str, p: Person, panel: uuid.UUID) -> list[tuple]:
    pc, out = postcode_key(p.postcode), outward_code(p.postcode)
    return [(uuid.UUID(int=pid.int ^ (n + 1)), panel, pid, r.id, r.case_id, role, alias, full,
             surname, p.date_of_birth, pc, out, given, given[::-1], surname[::-1],
             phonetic_key(given, surname))
            for n, (alias, full, surname, given) in enumerate(key_tuples(p))]


def check_keys(people: list[Person]) -> None:
    """The bench's keys equal the product's key_rows() for the same people."""
    from api.people.keys import key_rows
    from api.people.models import Person as PersonRow
    for p in people:
        row = PersonRow(id=uuid.uuid4(), referral_id=uuid.uuid4(), panel_id=uuid.uuid4(),
                        role="victim", given_names=p.given_name, family_name=p.family_name,
                        aliases=[f"{g} {f}" for g, f in p.aliases],
                        date_of_birth=p.date_of_birth, postcode=p.postcode)
        theirs = [(k.is_alias, k.full_key, k.surname_key, k.given_key, k.phonetic_key,
                   k.postcode_key, k.outward_code) for k in key_rows(row)]
        ours = [(a, f, s, g, phonetic_key(g, s), postcode_key(p.postcode),
                 outward_code(p.postcode)) for a, f, s, g in key_tuples(p)]
        if theirs != ours:
            raise RuntimeError(f"match keys drifted from api.people.keys: {theirs} != {ours}")
