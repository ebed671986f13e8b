"""A year of meetings for many panels, COPYed beside the national dataset: per meeting its
cases (hearings), and for meetings already held their attendance, discussions, a deferral,
the agenda publication and the minutes circulation. The measured panel's heard cases get
their `last_heard_on` (flags, 12-month notifications); the other panels' meetings are volume
only and point at the same referrals pool (their flags are left alone)."""

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import psycopg

from domain.working_days import is_working_day

TABLES = ("meetings", "hearings", "meeting_attendance", "case_discussions", "case_deferrals",
          "agenda_publications", "cases", "panels", "panel_agencies")
_SHARED = json.dumps([{"agency_id": "", "kind": "fact", "text": "Two call-outs this month."},
                      {"agency_id": "", "kind": "opinion", "text": "Escalating control."}])
_RISKS = json.dumps(["Strangulation", "Threats to kill", "Separation"])


@dataclass
class Built:
    meetings: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)  # panel -> ids
    held: list[uuid.UUID] = field(default_factory=list)      # measured panel, already held
    ahead: list[uuid.UUID] = field(default_factory=list)     # measured panel, to come
    rows: dict[str, int] = field(default_factory=dict)


def first_thursdays(today: date, months: int) -> list[date]:
    """A year around today: the first working Thursday of each month (half past, half ahead)."""
    start = date(today.year, today.month, 1)
    days = []
    for n in range(-(months // 2), months - months // 2):
        y, m = divmod(start.month - 1 + n, 12)
        day = date(start.year + y, m + 1, 1)
        day += timedelta(days=(3 - day.weekday()) % 7)
        while not is_working_day(day):
            day += timedelta(days=1)
        days.append(day)
    return days


def extra_panels(conn: psycopg.Connection, like: uuid.UUID, count: int) -> list[uuid.UUID]:
    """`count` panels copied from the measured one's settings, with its member agencies."""
    ids = [uuid.uuid4() for _ in range(count)]
    columns = [r[0] for r in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'panels' "
        "ORDER BY ordinal_position")]
    chosen = {"id": "%(id)s", "slug": "%(slug)s", "name": "%(name)s"}
    select = ", ".join(chosen.get(c, c) for c in columns)
    for n, panel_id in enumerate(ids):
        conn.execute(f"INSERT INTO panels ({', '.join(columns)}) SELECT {select} "  # noqa: S608
                     "FROM panels WHERE id = %(like)s",
                     {"id": panel_id, "slug": f"bench-panel-{n}", "name": f"Bench panel {n}",
                      "like": like})
        conn.execute("INSERT INTO panel_agencies (id, panel_id, agency_id, membership) SELECT "
                     "gen_random_uuid(), %s, "
                     "agency_id, membership FROM panel_agencies WHERE panel_id = %s",
                     (panel_id, like))
    return ids


def build(conn: psycopg.Connection, measured: uuid.UUID, others: list[uuid.UUID], today: date,
          per_meeting: int, seed: int) -> Built:
    rng = random.Random(seed)  # noqa: S311 - reproducible bench data, not secrets
    agencies = [r[0] for r in conn.execute(
        "SELECT agency_id FROM panel_agencies WHERE panel_id = %s ORDER BY agency_id",
        (measured,))]
    days = first_thursdays(today, 12)
    panels = [measured, *others]
    need = len(panels) * len(days) * per_meeting
    pool = conn.execute(
        "SELECT id, case_id, referral_date FROM referrals WHERE case_id IS NOT NULL "
        "ORDER BY md5(id::text) LIMIT %s", (need,)).fetchall()
    if len(pool) < need:
        raise RuntimeError(f"{need} accepted referrals needed for the hearings, {len(pool)} held")
    out, rows = Built(), {t: [] for t in TABLES}
    heard: dict[uuid.UUID, date] = {}
    now, user = datetime.now(UTC), uuid.uuid4()
    for panel in panels:
        for day in days:
            meeting_id = uuid.uuid4()
            out.meetings.setdefault(panel, []).append(meeting_id)
            held = day < today
            rows["meetings"].append((
                meeting_id, panel, day, "regular", "closed" if held else "listed",
                day - timedelta(days=14), day - timedelta(days=7), day + timedelta(days=7),
                user, now, 1))
            if panel == measured:
                (out.held if held else out.ahead).append(meeting_id)
            cases = [pool.pop() for _ in range(per_meeting)]
            _meeting_rows(rows, rng, panel, meeting_id, day, held, cases, agencies, user)
            if held and panel == measured:
                for _, case_id, _ in cases[1:]:
                    heard[case_id] = max(day, heard.get(case_id, day))
    _copy_all(conn, rows, out)
    with conn.cursor() as cur:
        cur.executemany("UPDATE cases SET last_heard_on = %s WHERE id = %s",
                        [(d, c) for c, d in heard.items()])
    out.rows["cases heard (flagged)"] = len(heard)
    return out


def _meeting_rows(rows, rng, panel, meeting_id, day, held, cases, agencies, user) -> None:
    at = datetime.combine(day, time(10), UTC)
    case_ids = []
    for n, (referral_id, case_id, referral_date) in enumerate(cases):
        hearing_id = uuid.uuid4()
        case_ids.append(str(case_id))
        deferred = held and n == 0  # one case per held meeting deferred, with a reason
        # A deferred case waits for the next meeting (as conduct.defer leaves it).
        status = "listed" if not held else "waiting" if deferred else "heard"
        rows["hearings"].append((hearing_id, panel, case_id, referral_id, referral_date,
                                 day + timedelta(days=7), status,
                                 None if deferred else meeting_id, None, False,
                                 "Police report due" if deferred else None, at, 1))
        if deferred:
            rows["case_deferrals"].append((uuid.uuid4(), meeting_id, hearing_id, case_id,
                                           "Police report due", None, user, at))
        elif held:
            shared = _SHARED.replace('""', f'"{rng.choice(agencies)}"')
            rows["case_discussions"].append((
                uuid.uuid4(), meeting_id, hearing_id, case_id, "Referrer presented the case.",
                shared, _RISKS, "Wants to stay at home.", rng.choice(agencies), "IDVA service",
                user, at, 1))
    if held:
        for n, agency in enumerate(agencies):
            rows["meeting_attendance"].append((
                uuid.uuid4(), meeting_id, agency, f"Attendee {n}", "lead", n % 9 == 8,
                None if n % 9 == 8 else at, None, None if n % 9 == 8 else at, user, 1))
    members = json.dumps(sorted(str(a) for a in agencies))
    documents = [("agenda", day - timedelta(days=7))] + ([("minutes", day)] if held else [])
    for document, on in documents:
        rows["agenda_publications"].append((
            uuid.uuid4(), meeting_id, document, 1, datetime.combine(on, time(9), UTC), on, user,
            False, members, json.dumps(case_ids) if document == "agenda" else "[]", "0" * 64))


_COLUMNS = {
    "meetings": ("id", "panel_id", "held_on", "kind", "status", "referral_cutoff", "agenda_due",
                 "minutes_due", "created_by_id", "created_at", "version"),
    "hearings": ("id", "panel_id", "case_id", "referral_id", "referral_date", "hearing_deadline",
                 "status", "meeting_id", "warning", "late_addition", "deferral_reason",
                 "created_at", "version"),
    "case_deferrals": ("id", "meeting_id", "hearing_id", "case_id", "reason", "deferred_to_id",
                       "deferred_by_id", "deferred_at"),
    "case_discussions": ("id", "meeting_id", "hearing_id", "case_id", "referrer_presentation",
                         "shared", "risks", "victim_views", "lead_agency_id", "victim_updater",
                         "recorded_by_id", "recorded_at", "version"),
    "meeting_attendance": ("id", "meeting_id", "agency_id", "person_name", "standing",
                           "apologies", "arrived_at", "departed_at", "declared_at",
                           "recorded_by_id", "version"),
    "agenda_publications": ("id", "meeting_id", "document", "version", "published_at",
                            "published_on", "published_by_id", "late", "agency_ids", "case_ids",
                            "content_sha256"),
}


def _copy_all(conn: psycopg.Connection, rows: dict[str, list], out: Built) -> None:
    with conn.cursor() as cur:
        for table, columns in _COLUMNS.items():
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows[table]:
                    copy.write_row(row)
            out.rows[table] = len(rows[table])
