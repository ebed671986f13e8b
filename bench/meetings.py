"""Meeting-cycle benchmark: the national referrals dataset plus a year of meetings for 50
panels, then a published agenda (40 cases), minutes of a held 40-case meeting and a panel's
meeting list, each under wrk against two uvicorn workers.

    .venv/bin/python bench/meetings.py [--referrals 1000000] [--panels 50] [--duration 20]
    .venv/bin/python bench/meetings.py --quick      # small and fast: checks that it works
    .venv/bin/python bench/meetings.py --referrals 100000 --db marac_bench_x --keep-db
    .venv/bin/python bench/meetings.py --referrals 100000 --db marac_bench_x --reuse-db

Only talks to 127.0.0.1; creates and drops its own database (unless --keep-db); stops its
server on any exit. --reuse-db measures a database an earlier --keep-db run loaded (its ids
and login are kept in the bench_state table), without reloading it; it needs --db other than
the default, so a fresh run cannot pick up a stale database by accident.
"""

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402

from bench import cpu, database, loader, loadgen, match, meeting_data, report  # noqa: E402
from bench import referrals as national  # noqa: E402
from bench.dataset import History  # noqa: E402
from bench.meeting_explain import explain_documents, time_documents  # noqa: E402
from bench.server import uvicorn_server  # noqa: E402

DB_NAME = "marac_bench_meetings"
RESULTS = Path(__file__).resolve().parent / "results"
STATE_KEY = "meetings"
TARGETS = {"agenda": 100.0, "minutes": 150.0, "meeting list": 20.0}


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--referrals", type=int, default=1_000_000, help="national dataset scale")
    p.add_argument("--panels", type=int, default=50, help="panels with a year of meetings")
    p.add_argument("--cases", type=int, default=40, help="cases on each meeting")
    p.add_argument("--duration", type=float, default=20, help="seconds per measured run")
    p.add_argument("--warmup", type=float, default=3)
    p.add_argument("--connections", type=int, default=4, help="wrk connections (closed loop)")
    p.add_argument("--port", type=int, default=8723)
    p.add_argument("--keep-db", action="store_true", help="leave the database for EXPLAIN")
    p.add_argument("--db", default=DB_NAME, help="database name (127.0.0.1, user postgres)")
    p.add_argument("--reuse-db", action="store_true",
                   help="measure the database a --keep-db run loaded; no reload, kept after")
    p.add_argument("--load-only", action="store_true",
                   help="load --db and keep it (for --reuse-db or bench/meeting_profile.py)")
    p.add_argument("--quick", action="store_true", help="20,000 referrals, 5 panels, 5 s runs")
    p.add_argument("--targets", nargs="*", choices=TARGETS, default=list(TARGETS),
                   help="measure only these (default: all three); a partial run is printed, "
                        "not written to bench/results/")
    args = p.parse_args(argv)
    if args.quick:
        args.referrals, args.panels, args.duration, args.warmup = 20_000, 5, 5, 1
    if args.reuse_db:
        if args.db == DB_NAME:
            p.error("--reuse-db needs --db NAME (a database a --keep-db run loaded)")
        args.keep_db = True
    if args.load_only:
        if args.db == DB_NAME or args.reuse_db:
            p.error("--load-only needs --db NAME and no --reuse-db")
        args.keep_db = True
    return args


def main(argv: list[str] | None = None) -> int:
    if not loadgen.wrk_available():
        print("wrk is needed: apt-get install -y wrk", file=sys.stderr)
        return 2
    args = parse(argv)
    results: dict = {"config": vars(args), "machine": report.machine(),
                     "client": f"{loadgen.wrk_version()} (-t2, lua/get.lua), "
                               f"{args.connections} connections, closed loop",
                     "started": datetime.now(UTC).isoformat(timespec="seconds"),
                     "load_average": {"start": os.getloadavg()},
                     "busy_at_start_percent": cpu.busy_percent()}
    try:
        if args.reuse_db:
            url = database.url_for(args.db)
            state = load_state(url)
            if state["config"]["referrals"] != args.referrals or \
                    state["config"]["panels"] != args.panels or \
                    state["config"]["cases"] != args.cases:
                raise SystemExit(f"{args.db} holds {state['config']}, not the scale asked for")
        else:
            url = database.recreate(args.db)
            state = load(args, url)
        print(f"loaded: {state['rows']} in {state['load_seconds']} s", flush=True)
        results |= {"rows": state["rows"], "load_seconds": state["load_seconds"],
                    "reused_db": args.reuse_db}
        if args.load_only:
            return 0
        run(args, url, state, results)
    finally:
        if not args.keep_db:
            database.drop(args.db)
    if set(args.targets) != set(TARGETS):  # a partial run: printed, not filed as the result
        print(json.dumps(results["runs"], indent=2, default=str))
        return 0
    md = write(results)
    print(md.read_text())
    return 0


def load(args: argparse.Namespace, url: str) -> dict:
    """Loads the national dataset and the meetings; returns (and keeps in the database) the
    state a later --reuse-db run measures from."""
    seeded = database.seed(url, 1)
    started = time.monotonic()
    with psycopg.connect(database.pg_url(url)) as conn:
        _load_national(conn, seeded, args)
        seconds = {"national": round(time.monotonic() - started, 1)}
        started = time.monotonic()
        others = meeting_data.extra_panels(conn, seeded.panel_id, args.panels - 1)
        built = meeting_data.build(conn, seeded.panel_id, others, datetime.now(UTC).date(),
                                   args.cases, national.SEED)
        conn.commit()
        conn.autocommit = True
        for table in meeting_data.TABLES:
            conn.execute(f"VACUUM (ANALYZE) {table}")
        seconds["meetings"] = round(time.monotonic() - started, 1)
    state = {"config": {k: getattr(args, k) for k in ("referrals", "panels", "cases")},
             "panel_id": str(seeded.panel_id), "email": seeded.email,
             "password": seeded.password, "ahead": [str(m) for m in built.ahead],
             "held": [str(m) for m in built.held], "rows": built.rows | {
                 "referrals": args.referrals}, "load_seconds": seconds}
    database.keep_state(url, STATE_KEY, state)
    return state


def load_state(url: str) -> dict:
    """What a --keep-db run loaded into the database at `url` (see load)."""
    return database.kept_state(url, STATE_KEY)


def run(args: argparse.Namespace, url: str, state: dict, results: dict) -> None:
    panel_id = uuid.UUID(state["panel_id"])
    ahead = [uuid.UUID(m) for m in state["ahead"]]
    held = [uuid.UUID(m) for m in state["held"]]
    paths = {"agenda": [f"/api/v1/meetings/{m}/agenda" for m in ahead],
             "minutes": [f"/api/v1/meetings/{m}/minutes" for m in held],
             "meeting list": [f"/api/v1/meetings?panel_id={panel_id}"]}
    paths = {name: urls for name, urls in paths.items() if name in args.targets}
    ids = (panel_id, ahead[0], held[-1])
    results["explain"] = explain_documents(url, *ids)
    results["in_process"] = time_documents(url, *ids)
    env = {"MARAC_DATABASE_URL": url, "MARAC_JWT_SECRET": secrets.token_urlsafe(48),
           "MARAC_AUDIT_KEY": secrets.token_urlsafe(48), "MARAC_ENVIRONMENT": "production",
           "MARAC_LOG_LEVEL": "WARNING"}
    work = Path(tempfile.mkdtemp(prefix="marac-bench-meetings-"))
    with uvicorn_server(env, args.port, 2, work / "server.log") as master:
        results["load_average"]["before"] = os.getloadavg()
        results["runs"] = measure(args, state, paths, work, master)
        results["load_average"]["after"] = os.getloadavg()


def _load_national(conn: psycopg.Connection, seeded: database.Seeded,
                   args: argparse.Namespace) -> None:
    """The referrals bench's dataset (same generator and seed), loaded in one stage."""
    conn.execute("SET session_replication_role = replica")
    conn.execute("SET maintenance_work_mem = '512MB'")
    conn.commit()
    indexes = database.secondary_indexes(conn, loader.TABLES)
    history = History(national.SEED, args.referrals)
    national._load_until(conn, seeded, history, indexes, 0, None, args.referrals)
    conn.execute("SET session_replication_role = DEFAULT")
    conn.commit()


def measure(args: argparse.Namespace, state: dict, paths: dict[str, list[str]],
            work: Path, master: int) -> dict:
    base = f"http://127.0.0.1:{args.port}"
    auth = work / "auth.txt"
    out = {}
    for name, urls in paths.items():
        # A fresh token per run: access tokens live 15 minutes.
        token = match.login(args.port, state["email"], state["password"])
        auth.write_text(f"Authorization: Bearer {token}\n")
        listed = work / f"{name.replace(' ', '-')}.txt"
        listed.write_text("".join(u + "\n" for u in urls))
        common = dict(paths=listed, auth=auth, connections=args.connections)
        loadgen.run_wrk_get(base, duration=args.warmup, **common)
        before = cpu.snapshot(master)
        out[name] = loadgen.run_wrk_get(base, duration=args.duration, **common)
        out[name]["cpu"] = cpu.per_request(before, cpu.snapshot(master), out[name]["ok"],
                                           out[name]["seconds"])
        out[name]["documents"] = len(urls)
        print(f"  {name}: {out[name]['throughput_rps']} req/s, "
              f"p95 {out[name]['latency_ms']['p95']} ms, statuses {out[name]['statuses']}",
              flush=True)
    return out


def write(results: dict) -> Path:
    day = datetime.now(UTC).date().isoformat()
    scale = "" if results["config"]["referrals"] >= 1_000_000 and not \
        results["config"]["quick"] else f"-{results['config']['referrals']}"
    json_path = RESULTS / f"meetings{scale}-{day}.json"
    json_path.write_text(json.dumps(results, indent=2, default=str))
    md_path = RESULTS / f"meetings{scale}-latest.md"  # a smaller run keeps off the national
    md_path.write_text(markdown(results, json_path.name))
    return md_path


def markdown(r: dict, source: str) -> str:
    c, m = r["config"], r["machine"]
    note = report.load_note(r["load_average"], r["busy_at_start_percent"])
    lines = [
        "# Meeting-cycle benchmark", "",
        f"Figures: `{source}` ({r['started']}). Machine: {m['nproc']} cores, {m['memory_mb']} "
        f"MB; {m['postgresql'].split(' on ')[0]}. Server: uvicorn --workers 2; client: "
        f"{r['client']}, on the same cores. "
        f"{note}", "",
        f"Data: {c['referrals']:,} national referrals (bench/referrals.py's generator), "
        f"{c['panels']} panels each with a year of monthly meetings of {c['cases']} cases; "
        f"rows: {r['rows']}. Load: {r['load_seconds']} s.", "",
        "| target | documents cycled | req/s | p50 ms | p95 ms | p99 ms | non-2xx | goal | "
        "| in-process build p50 / p95 ms | CPU ms/req: workers / PostgreSQL / other "
        "| connections per worker |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, run in r["runs"].items():
        lat, goal, inproc = run["latency_ms"], TARGETS[name], r["in_process"][name]
        lines.append(
            f"| {name} | {run['documents']} | {run['throughput_rps']} | {lat['p50']} | "
            f"{lat['p95']} | {lat['p99']} | {run['non_2xx_3xx']} | p95 < {goal:.0f} ms | "
            f"{'PASS' if lat['p95'] < goal else 'FAIL'} | {inproc['p50']} / {inproc['p95']} | "
            f"{_cpu_text(run)} | {loadgen.split_text(run)} |")
    lines += ["", "Over HTTP each request also authenticates the caller's token and writes its "
              "audit entry; the in-process column is the document alone (one session each, "
              "same database, no server), measured before the server starts. CPU per request: "
              "the two workers', PostgreSQL's and the rest of the machine's (wrk, the kernel) "
              "during the run, read from /proc (bench/cpu.py).",
              "", loadgen.SPLIT_NOTE]
    lines += ["", "## Query plans (EXPLAIN ANALYZE on PostgreSQL, as the API runs them)", ""]
    for document, plans in r["explain"].items():
        lines += [f"### {document}", ""]
        for plan in plans:
            lines += ["```sql", plan["sql"], "```", "```", *plan["plan"], "```", ""]
    return "\n".join(lines) + "\n"


def _cpu_text(run: dict) -> str:
    spent = run.get("cpu")  # runs filed before it was measured have none
    if not spent:
        return "-"
    return f"{spent['workers_ms']} / {spent['postgres_ms']} / {spent['other_ms']}"


if __name__ == "__main__":
    raise SystemExit(main())
