"""Actions benchmark (issue 12): bulk-load national-scale actions (five per heard case), then
measure under wrk with two uvicorn workers: an agency's open-actions list (its partner system's
API key), a panel's overdue list (the coordinator) and recording an action.

    .venv/bin/python bench/actions.py [--actions 5000000] [--panels 276] [--duration 20]
    .venv/bin/python bench/actions.py --quick      # 100,000 actions, 5 s loads

The bench panel is one of `--panels` panels and holds its share of the actions; the others'
are loaded with FK checks off (their panels, cases and meetings are ids only), so every index
is as large as at national scale. Only talks to 127.0.0.1; creates and drops its own database.
"""

import argparse
import json
import os
import random
import secrets
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402

from bench import cpu, database, loadgen, match, report  # noqa: E402
from bench.server import uvicorn_server  # noqa: E402

DB_NAME = "marac_bench_actions"
SEED = 20261125
GET_LUA = loadgen.GET_LUA
RESULTS = Path(__file__).resolve().parent / "results"
CATEGORIES = ("target_hardening_or_moving", "joint_or_separate_visiting",
              "perpetrator_management", "prioritisation_or_flagging", "review_of_legal_options",
              "safeguarding_mash_children", "victim_update", "other")
ACTION_COLUMNS = ("id", "plan_id", "panel_id", "case_id", "meeting_id", "owner_agency_id",
                  "category", "description", "due_on", "status", "outcome", "reason",
                  "progress", "recorded_by_kind", "recorded_by_id", "created_at", "updated_at",
                  "closed_on", "version")
MEETING_COLUMNS = ("id", "panel_id", "held_on", "kind", "status", "referral_cutoff",
                   "agenda_due", "minutes_due", "created_by_id", "created_at", "version")
CASE_COLUMNS = ("id", "panel_id", "opened_on", "last_referral_date", "last_heard_on",
                "created_at", "version")
HEARING_COLUMNS = ("id", "panel_id", "case_id", "referral_id", "referral_date",
                   "hearing_deadline", "status", "meeting_id", "late_addition", "created_at",
                   "version")
ATTENDANCE_COLUMNS = ("id", "meeting_id", "agency_id", "person_name", "standing", "apologies",
                      "arrived_at", "declared_at", "recorded_by_id")
PER_CASE = 5
MONTHS = 36  # three years of monthly meetings: older actions are mostly closed
AGENCIES_PER_PANEL = 11


TARGETS = ("agency_open_actions", "panel_overdue_actions", "record_action")


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--actions", type=int, default=5_000_000, help="actions in all panels")
    p.add_argument("--panels", type=int, default=276, help="UK MARACs, 2024")
    p.add_argument("--duration", type=float, default=20, help="seconds per measured load")
    p.add_argument("--warmup", type=float, default=3)
    p.add_argument("--connections", type=int, default=4)
    p.add_argument("--port", type=int, default=8731)
    p.add_argument("--keep-db", action="store_true", help="leave the database for EXPLAIN")
    p.add_argument("--db", default=DB_NAME, help="database name (127.0.0.1, user postgres)")
    p.add_argument("--load-only", action="store_true",
                   help="load --db and keep it for a later --reuse-db run (the same day: the "
                        "bench meeting is held on the day of loading)")
    p.add_argument("--reuse-db", action="store_true",
                   help="measure the database a --load-only run loaded; no reload, kept after")
    p.add_argument("--quick", action="store_true", help="100,000 actions, 5 s loads")
    p.add_argument("--targets", nargs="*", choices=TARGETS, default=list(TARGETS),
                   help="measure only these (default: all three); a partial run is printed, "
                        "not written to bench/results/")
    args = p.parse_args(argv)
    if args.quick:
        args.actions, args.duration, args.warmup = 100_000, 5, 2
    if (args.load_only or args.reuse_db) and args.db == DB_NAME:
        p.error("--load-only and --reuse-db need --db NAME other than the default")
    if args.load_only and args.reuse_db:
        p.error("--load-only or --reuse-db, not both")
    args.keep_db = args.keep_db or args.load_only or args.reuse_db
    return args


def main(argv: list[str] | None = None) -> int:
    if not loadgen.wrk_available():
        print("wrk is needed: apt-get install -y wrk", file=sys.stderr)
        return 2
    args = parse(argv)
    results: dict = {"config": vars(args), "machine": report.machine(),
                     "load_average": {"start": os.getloadavg()},
                     "busy_at_start_percent": cpu.busy_percent(),
                     "client": f"{loadgen.wrk_version()} -t2 -c{args.connections}"}
    url = database.url_for(args.db) if args.reuse_db else database.recreate(args.db)
    try:
        run(args, url, results)
    finally:
        if not args.keep_db:
            database.drop(args.db)
    if args.load_only:
        return 0
    if set(args.targets) != set(TARGETS):  # a partial run: printed, not filed as the result
        print(json.dumps(results["runs"], indent=2, default=str))
        return 0
    md = write(results)
    print(md.read_text())
    return 0


def today_uk() -> date:
    from api.clock import uk_today
    return uk_today()


def run(args: argparse.Namespace, url: str, results: dict) -> None:
    if args.reuse_db:
        world, email, password, actions = _reloaded(url, results)
        if actions != args.actions or world.today != today_uk():
            raise SystemExit(f"{args.db} holds {actions:,} actions loaded on {world.today}, "
                             f"not {args.actions:,} today: load it again")
    else:
        seeded = database.seed(url, 0)
        email, password = seeded.email, seeded.password
        world = World(seeded.panel_id, seeded.agency_ids, today_uk(),
                      random.Random(SEED))  # noqa: S311 - reproducible bench data, not secrets
        started = time.monotonic()
        with psycopg.connect(database.pg_url(url)) as conn:
            results["loaded"] = world.load(conn, args)
        results["load_seconds"] = round(time.monotonic() - started, 1)
        print(f"loaded {results['loaded']} in {results['load_seconds']} s", flush=True)
        if args.load_only:
            _keep(url, world, email, password, results)
            return
    with psycopg.connect(database.pg_url(url)) as conn:
        results["explain"] = explain(conn, world)
    key = issue_key(url, world.agencies[0], email)
    env = {"MARAC_DATABASE_URL": url, "MARAC_JWT_SECRET": secrets.token_urlsafe(48),
           "MARAC_AUDIT_KEY": secrets.token_urlsafe(48), "MARAC_ENVIRONMENT": "production",
           "MARAC_LOG_LEVEL": "WARNING", "MARAC_API_KEY_RATE": "1000000/minute"}
    work = Path(tempfile.mkdtemp(prefix="marac-bench-actions-"))
    with uvicorn_server(env, args.port, 2, work / "server.log") as master:
        token = match.login(args.port, email, password)
        results["load_average"]["before"] = os.getloadavg()
        results["runs"] = measure(args, world, key, token, work, master)
        results["load_average"]["after"] = os.getloadavg()


STATE_KEY = "actions"


def _keep(url: str, world: "World", email: str, password: str, results: dict) -> None:
    """What a --reuse-db run needs, kept in the database's bench_state table."""
    state = {"panel": str(world.panel), "agencies": [str(a) for a in world.agencies],
             "today": world.today.isoformat(), "meeting_today": str(world.meeting_today),
             "listed_cases": [str(c) for c in world.listed_cases], "email": email,
             "password": password, "actions": results["config"]["actions"],
             "loaded": results["loaded"], "load_seconds": results["load_seconds"]}
    database.keep_state(url, STATE_KEY, state)


def _reloaded(url: str, results: dict) -> tuple["World", str, str, int]:
    state = database.kept_state(url, STATE_KEY)
    world = World(uuid.UUID(state["panel"]), [uuid.UUID(a) for a in state["agencies"]],
                  date.fromisoformat(state["today"]),
                  random.Random(SEED))  # noqa: S311 - reproducible bench data, not secrets
    world.meeting_today = uuid.UUID(state["meeting_today"])
    world.listed_cases = [uuid.UUID(c) for c in state["listed_cases"]]
    results |= {"loaded": state["loaded"], "load_seconds": state["load_seconds"],
                "reused_db": True}
    return world, state["email"], state["password"], int(state["actions"])


class World:
    """The bench panel (real rows) and every other panel (ids only) with their actions."""

    def __init__(self, panel: uuid.UUID, agencies: list[uuid.UUID], today: date,
                 rng: random.Random) -> None:
        self.panel, self.agencies, self.today, self.rng = panel, agencies, today, rng
        self.meeting_today = uuid.uuid4()
        self.listed_cases: list[uuid.UUID] = []

    def load(self, conn: psycopg.Connection, args: argparse.Namespace) -> dict[str, int]:
        conn.execute("SET session_replication_role = replica")  # no FK triggers while COPYing
        conn.execute("SET maintenance_work_mem = '512MB'")
        indexes = database.secondary_indexes(conn, ("actions",))
        database.drop_indexes(conn, indexes)
        own = max(args.actions // args.panels, PER_CASE)
        counts = {"bench_panel_actions": self._bench_panel(conn, own)}
        counts["other_actions"] = self._others(conn, args.actions - own, args.panels - 1)
        conn.commit()
        database.build_indexes(conn, indexes)
        conn.commit()
        conn.autocommit = True
        for table in ("actions", "cases", "meetings", "hearings", "meeting_attendance"):
            conn.execute(f"VACUUM (ANALYZE) {table}")
        conn.autocommit = False
        return counts

    def _meetings(self) -> list[date]:
        return [self.today - timedelta(days=28 * m) for m in range(MONTHS, 0, -1)]

    def _bench_panel(self, conn: psycopg.Connection, actions: int) -> int:
        """Real meetings and cases; today's meeting with every agency present and 500 cases
        listed on it (recording needs both)."""
        now, by = datetime.now(UTC), uuid.uuid4()
        days = self._meetings()
        meetings = [(uuid.uuid4(), d) for d in days] + [(self.meeting_today, self.today)]
        cases = [uuid.uuid4() for _ in range(actions // PER_CASE)]
        self.listed_cases = [uuid.uuid4() for _ in range(500)]
        with conn.cursor() as cur:
            _copy(cur, "meetings", MEETING_COLUMNS, (
                (m, self.panel, d, "regular", "started", d, d, d, by, now, 1)
                for m, d in meetings))
            _copy(cur, "cases", CASE_COLUMNS, ((c, self.panel, self.today, self.today, None,
                                                 now, 1) for c in cases + self.listed_cases))
            _copy(cur, "hearings", HEARING_COLUMNS, (
                (uuid.uuid4(), self.panel, c, uuid.uuid4(), self.today, self.today, "listed",
                 self.meeting_today, False, now, 1) for c in self.listed_cases))
            _copy(cur, "meeting_attendance", ATTENDANCE_COLUMNS, (
                (uuid.uuid4(), self.meeting_today, a, "Bench lead", "lead", False, now, now, by)
                for a in self.agencies))
            return _copy(cur, "actions", ACTION_COLUMNS, (
                row for n, case in enumerate(cases)
                for row in self._plan(case, self.panel, *meetings[n % (len(meetings) - 1)],
                                      self.agencies)))

    def _others(self, conn: psycopg.Connection, actions: int, panels: int) -> int:
        loaded = 0
        with conn.cursor() as cur:
            for n in range(panels):
                share = actions // panels + (1 if n < actions % panels else 0)
                panel = uuid.uuid4()
                agencies = [uuid.uuid4() for _ in range(AGENCIES_PER_PANEL)]
                meetings = [(uuid.uuid4(), d) for d in self._meetings()]
                loaded += _copy(cur, "actions", ACTION_COLUMNS, (
                    row for c in range(share // PER_CASE)
                    for row in self._plan(uuid.uuid4(), panel, *meetings[c % len(meetings)],
                                          agencies)))
                if n % 25 == 0:
                    conn.commit()
                    print(f"  {loaded:,} actions of other panels", flush=True)
        return loaded

    def _plan(self, case: uuid.UUID, panel: uuid.UUID, meeting: uuid.UUID, held: date,
              agencies: list[uuid.UUID]) -> list[tuple]:
        """Five actions for a heard case: due two to eight weeks on; recent ones mostly open,
        older ones closed but for a few left open (the overdue ones)."""
        rng, rows = self.rng, []
        at = datetime.combine(held, datetime.min.time(), UTC)
        for _ in range(PER_CASE):
            due = held + timedelta(days=rng.randint(14, 56))
            recent = due >= self.today - timedelta(days=30)
            state = "open" if rng.random() < (0.8 if recent else 0.03) else \
                rng.choice(("done", "done", "done", "not_done"))
            rows.append((uuid.uuid4(), uuid.uuid4(), panel, case, meeting, rng.choice(agencies),
                         rng.choice(CATEGORIES), "Bench action: a specific, timed step", due,
                         state, "Done" if state == "done" else None,
                         "Not possible" if state == "not_done" else None, None, "user",
                         meeting, at, at, None if state == "open" else due, 1))
        return rows


def _copy(cur: psycopg.Cursor, table: str, columns: tuple[str, ...], rows) -> int:  # noqa: ANN001
    n = 0
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def issue_key(url: str, agency: uuid.UUID, by_email: str) -> str:
    """The agency's partner system: a key with actions:read."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from api.db import utcnow
    from api.identity import api_keys
    from api.identity.models import User
    from api.security.principal import Scope
    engine = create_engine(url)
    with Session(engine) as s:
        by = s.scalars(select(User.id).where(User.email == by_email)).one()
        _, plaintext = api_keys.issue(s, agency_id=agency, name="bench partner",
                                      scopes=[Scope.actions_read], created_by=by,
                                      expires_at=utcnow() + timedelta(days=1))
        s.commit()
    engine.dispose()
    return plaintext


def explain(conn: psycopg.Connection, world: World) -> dict[str, list[str]]:
    """EXPLAIN (ANALYZE, BUFFERS) of the two lists' first pages, as the repository builds them."""
    from sqlalchemy.dialects.postgresql import psycopg as psycopg_dialect

    from api.actions import access, repository
    from api.security.principal import Principal, Role, Scope
    key = Principal(kind="api_key", subject_id=uuid.uuid4(), agency_id=world.agencies[0],
                    scopes=frozenset({Scope.actions_read}))
    runner = Principal(kind="user", subject_id=uuid.uuid4(), agency_id=world.agencies[0],
                       panel_roles={world.panel: frozenset({Role.coordinator})})
    queries = {
        "agency open actions (API key, first page of 50)": repository.open_statement(
            access.visible(key), None, None, None, 50),
        "panel overdue actions (coordinator, first page of 50)": repository.overdue_statement(
            access.visible(runner), world.panel, world.today, None, 50),
    }
    out = {}
    for label, (query, params) in queries.items():
        # The statement as the app sends it, its values bound as parameters (not rendered
        # into the text, where a date would read as text).
        compiled = query.params(params).compile(dialect=psycopg_dialect.dialect(),
                                                compile_kwargs={"render_postcompile": True})
        out[label] = [r[0] for r in conn.execute(
            "EXPLAIN (ANALYZE, BUFFERS) " + compiled.string, compiled.params)]
    conn.rollback()
    return out


def measure(args: argparse.Namespace, world: World, key: str, token: str,
            work: Path, master: int) -> dict[str, dict]:
    """Each target at one connection (a request's own latency) and at --connections (two
    workers kept busy), with the workers' CPU per request, which the machine's load from
    other processes does not change."""
    base = f"http://127.0.0.1:{args.port}"
    key_auth, user_auth, empty = (work / "key.txt", work / "user.txt", work / "empty.jsonl")
    key_auth.write_text(f"Authorization: Bearer {key}\n")
    user_auth.write_text(f"Authorization: Bearer {token}\n")
    empty.write_text("{}\n")
    bodies = work / "actions.jsonl"
    due = (world.today + timedelta(days=28)).isoformat()
    bodies.write_text("".join(json.dumps({
        "meeting_id": str(world.meeting_today), "case_id": str(c),
        "owner_agency_ids": [str(world.rng.choice(world.agencies))],
        "category": world.rng.choice(CATEGORIES), "due_on": due,
        "description": "Bench: fit a door chain and window locks"}) + "\n"
        for c in world.listed_cases))
    plan = (("agency_open_actions", f"{base}/api/v1/actions?limit=50", empty, key_auth, False,
             GET_LUA),
            ("panel_overdue_actions",
             f"{base}/api/v1/panels/{world.panel}/actions/overdue?limit=50", empty, user_auth,
             False, GET_LUA),
            ("record_action", f"{base}/api/v1/actions", bodies, user_auth, True, loadgen.LUA))
    runs = {}
    for name, target, body_file, auth, idem, script in plan:
        if name not in args.targets:
            continue
        for clients in (1, args.connections):
            common = dict(bodies=body_file, auth=auth, idempotency=idem, connections=clients,
                          threads=min(2, clients), script=script)
            loadgen.run_wrk(target, duration=args.warmup, nonce=clients * 10 + 1, **common)
            before = cpu.snapshot(master)
            run = loadgen.run_wrk(target, duration=args.duration, nonce=clients * 10 + 2,
                                  **common)
            run["cpu"] = cpu.per_request(before, cpu.snapshot(master), run["ok"],
                                         run["seconds"])
            runs[f"{name} (c={clients})"] = run | {"target": name}
            print(f"  {name} c={clients}: {run['throughput_rps']} req/s, "
                  f"p95 {run['latency_ms']['p95']} ms, statuses {run['statuses']}, "
                  f"cpu {run['cpu']}", flush=True)
    return runs


GOALS = {"agency_open_actions": 50, "panel_overdue_actions": 50, "record_action": 30}


def write(r: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC)
    suffix = "-quick" if r["config"]["quick"] else ""
    (RESULTS / f"actions-{stamp:%Y-%m-%d}{suffix}.json").write_text(
        json.dumps(r, indent=2, default=str) + "\n")
    note = report.load_note(r["load_average"], r["busy_at_start_percent"])
    lines = [f"# Actions benchmark ({stamp:%Y-%m-%d %H:%M} UTC)", "",
             f"Machine: {r['machine']['nproc']} cores, {r['machine']['memory_mb']} MB, "
             f"{r['machine']['cpu']}; {r['machine']['postgresql'].split(',')[0]}. "
             f"{note}", "",
             f"Data: {r['config']['actions']:,} actions over {r['config']['panels']} panels, "
             f"five per heard case ({r['loaded']}); loaded in {r['load_seconds']} s. Server: "
             f"uvicorn, 2 workers, PostgreSQL; client {r['client']}, "
             f"{r['config']['duration']:.0f} s per run after {r['config']['warmup']:.0f} s "
             "warm-up.", "",
             "| run | goal p95 | p50 | p95 | p99 | req/s | statuses | worker CPU ms/req "
             "| machine busy | connections per worker | pass |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, run in r["runs"].items():
        lat, goal = run["latency_ms"], GOALS[run["target"]]
        lines.append(f"| {name} | < {goal} ms | {lat['p50']} | {lat['p95']} | "
                     f"{lat['p99']} | {run['throughput_rps']} | {run['statuses']} | "
                     f"{run['cpu']['workers_ms']} | {run['cpu']['machine_busy_percent']}% | "
                     f"{loadgen.split_text(run)} | {'yes' if lat['p95'] < goal else 'NO'} |")
    lines += ["", loadgen.SPLIT_NOTE]
    lines += ["", "## EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL", ""]
    for label, plan in r["explain"].items():
        lines += [f"### {label}", "", "```", *plan, "```", ""]
    md = RESULTS / f"actions-latest{suffix}.md"
    md.write_text("\n".join(lines) + "\n")
    return md


if __name__ == "__main__":
    raise SystemExit(main())
