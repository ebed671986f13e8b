"""Referral benchmark: bulk-load national-scale referrals and people, then measure person-match
latency at each scale, referral submission against a bare insert, and worker memory.

    .venv/bin/python bench/referrals.py [--people 1000000] [--referrals 1000000] [--duration 30]
    .venv/bin/python bench/referrals.py --quick      # small and fast: checks that it works

Only talks to 127.0.0.1; creates and drops its own database; stops its server on any exit.
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402

from bench import bodies, cpu, database, loader, loadgen, match, report  # noqa: E402
from bench.dataset import History  # noqa: E402
from bench.names import PersonFactory  # noqa: E402
from bench.server import MemorySampler, uvicorn_server  # noqa: E402

DB_NAME = "marac_bench"
SEED = 20261123
BATCH = 20_000


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--people", type=int, default=1_000_000, help="largest match stage")
    p.add_argument("--referrals", type=int, default=1_000_000, help="referrals loaded in all")
    p.add_argument("--duration", type=float, default=30, help="seconds per submission load")
    p.add_argument("--warmup", type=float, default=5)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--match-queries", type=int, default=2000)
    p.add_argument("--api-keys", type=int, default=128)
    p.add_argument("--port", type=int, default=8719)
    p.add_argument("--keep-db", action="store_true", help="leave marac_bench for EXPLAIN")
    p.add_argument("--quick", action="store_true", help="20,000 people, 5 s loads")
    args = p.parse_args(argv)
    if args.quick:
        args.people, args.referrals, args.duration, args.warmup = 20_000, 10_000, 5, 2
        args.match_queries = min(args.match_queries, 400)
    return args


def stages(args: argparse.Namespace) -> list[int]:
    """People counts at which matching is measured: 10k, 100k, 1M (up to --people)."""
    marks = [n for n in (10_000, 100_000, 1_000_000) if n <= args.people]
    if args.quick:
        marks = [2_000, 20_000]
    return marks


def main(argv: list[str] | None = None) -> int:
    if not loadgen.wrk_available():
        print("wrk is needed: apt-get install -y wrk", file=sys.stderr)
        return 2
    args = parse(argv)
    results: dict = {"config": vars(args), "machine": report.machine(),
                     "client": f"{loadgen.wrk_version()} (-t2, lua/post.lua) for load; "
                               "python http.client (1 connection) for match latency"}
    url = database.recreate(DB_NAME)
    try:
        run(args, url, results)
    finally:
        if not args.keep_db:
            database.drop(DB_NAME)
    json_path, md_path = report.write(results)
    print(md_path.read_text())
    print(f"wrote {json_path} and {md_path}")
    return 0


def run(args: argparse.Namespace, url: str, results: dict) -> None:
    seeded = database.seed(url, args.api_keys)
    auth_override = os.environ.get("MARAC_BENCH_AUTH") == "override"
    results["auth_mode"] = ("dependency override (MARAC_BENCH_AUTH=override)" if auth_override
                            else f"real: {args.api_keys} API keys (referrals:submit) for the "
                                 "panel's agencies; a coordinator's access token for search")
    env = {"MARAC_DATABASE_URL": url, "MARAC_JWT_SECRET": secrets.token_urlsafe(48),
           "MARAC_AUDIT_KEY": secrets.token_urlsafe(48),
           "MARAC_ENVIRONMENT": "production", "MARAC_LOG_LEVEL": "WARNING",
           # The limiter runs (its cost is measured) but must not throttle the load itself.
           "MARAC_API_KEY_RATE": "1000000/minute",
           "MARAC_BENCH_PANEL_ID": str(seeded.panel_id),
           "MARAC_BENCH_AGENCY_ID": str(seeded.agency_ids[0])}
    # Bodies, API keys and the server log stay outside the repository.
    work = Path(tempfile.mkdtemp(prefix="marac-bench-"))
    results["server_log"] = str(work / "server.log")
    history = History(SEED, args.referrals)
    with uvicorn_server(env, args.port, 2, work / "server.log") as master:
        results["match"], results["load_seconds_total"] = load_and_match(
            args, url, seeded, history, master, results)
        results["submission"] = submission(args, seeded, history, work, master, results)
    results["memory"] = _merge_memory(results.pop("_memory"))


def load_and_match(args, url, seeded, history, master, results) -> tuple[list[dict], float]:
    loader.check_keys([PersonFactory(5).person() for _ in range(300)])
    out, people, total_load = [], 0, 0.0
    marks = stages(args) + [None]
    with psycopg.connect(database.pg_url(url)) as conn:
        conn.execute("SET session_replication_role = replica")  # no FK triggers while COPYing
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.commit()
        indexes = database.secondary_indexes(conn, loader.TABLES)
        for mark in marks:
            if mark is None and history.count >= args.referrals:
                break
            started = time.monotonic()
            people = _load_until(conn, seeded, history, indexes, people, mark, args.referrals)
            seconds = round(time.monotonic() - started, 1)
            total_load += seconds
            print(f"loaded {people:,} people, {history.count:,} referrals in {seconds} s",
                  flush=True)
            out.append(_match_stage(args, url, seeded, history, master, results, people, seconds))
            if history.count >= args.referrals:
                break
        results["table_sizes"] = _sizes(conn)
        results["explain"] = _explain(conn, seeded.panel_id, history)
    return out, round(total_load, 1)


def _load_until(conn, seeded, history, indexes, people, mark, total) -> int:
    rebuild = (mark or 10**9) - people > 50_000
    if rebuild:
        database.drop_indexes(conn, indexes)
    while history.count < total and (mark is None or people < mark):
        batch, room = [], (mark or 10**12) - people
        while len(batch) < BATCH and history.count < total and room > 0:
            batch.append(history.next())
            room -= len(batch[-1].people)
        counts = loader.load_batch(conn, seeded.panel_id, seeded.agency_ids,
                                   seeded.api_key_ids[0], batch)
        people += counts["people"]
        conn.commit()
    loader.flush_cases(conn, seeded.panel_id, history)
    if rebuild:
        database.build_indexes(conn, indexes)
    conn.commit()
    # What autovacuum does to tables filled over years: statistics, and the visibility map
    # that lets a lookup answer from its index alone.
    conn.autocommit = True
    for table in loader.TABLES:
        conn.execute(f"VACUUM (ANALYZE) {table}")
    conn.autocommit = False
    return people


def _match_stage(args, url, seeded, history, master, results, people, seconds) -> dict:
    qs = match.queries(history.sample, args.match_queries, SEED + people)
    inproc = match.in_process(url, seeded.panel_id, qs)
    token = match.login(args.port, seeded.email, seeded.password)
    with MemorySampler(master) as mem:
        http = match.over_http(args.port, token, seeded.panel_id, qs)
    results.setdefault("_memory", []).append(("match", people, mem.report()))
    print(f"  match at {people:,} people: http p95 {http['p95']} ms, "
          f"in-process p95 {inproc['p95']} ms", flush=True)
    return {"people": people, "referrals": history.count, "load_seconds": seconds,
            "queries": len(qs), "http": http, "in_process": inproc}


def submission(args, seeded, history, work: Path, master, results) -> dict:
    """Referral submissions and bare inserts: same server, concurrency and duration."""
    referral_bodies, bare_bodies, auth = (work / "referrals.jsonl", work / "bare.jsonl",
                                          work / "auth.txt")
    bodies.write_bodies(referral_bodies, seeded.panel_id, history.sample, 2000, SEED)
    bodies.write_bare_bodies(bare_bodies, 200)
    auth.write_text("".join(f"Authorization: Bearer {k}\n" for k in seeded.api_keys))
    base = f"http://127.0.0.1:{args.port}"
    runs = {}
    for name, path, body_file, authed, idem in (
            ("referral", "/api/v1/referrals", referral_bodies, True, True),
            ("bare", "/bench/bare", bare_bodies, False, False),
            ("audited_row", "/api/v1/bench/audited-row", bare_bodies, True, False)):
        common = dict(bodies=body_file, auth=auth if authed else None, idempotency=idem,
                      connections=args.connections)
        loadgen.run_wrk(base + path, duration=args.warmup, nonce=1, **common)
        _checkpoint(results)
        before = cpu.snapshot(master)
        with MemorySampler(master) as mem:
            runs[name] = loadgen.run_wrk(base + path, duration=args.duration, nonce=2, **common)
        runs[name]["cpu"] = cpu.per_request(before, cpu.snapshot(master), runs[name]["ok"],
                                            runs[name]["seconds"])
        results.setdefault("_memory", []).append((name, history.count, mem.report()))
        print(f"  {name}: {runs[name]['throughput_rps']} req/s, "
              f"p95 {runs[name]['latency_ms']['p95']} ms, statuses {runs[name]['statuses']}, "
              f"cpu/request {runs[name]['cpu']}",
              flush=True)
    return runs


def _checkpoint(results: dict) -> None:
    """Each measured run starts with no dirty pages left over from the previous one."""
    with psycopg.connect(database.pg_url(database.url_for(DB_NAME)), autocommit=True) as c:
        c.execute("CHECKPOINT")


def _sizes(conn) -> dict:
    rows = conn.execute(
        "SELECT relname, n_live_tup, pg_total_relation_size(relid) FROM pg_stat_user_tables "
        "WHERE relname = ANY(%s) ORDER BY relname", (list(loader.TABLES),)).fetchall()
    return {name: {"rows": n, "mb": round(size / 2**20)} for name, n, size in rows}


def _explain(conn, panel, history) -> dict:
    """EXPLAIN ANALYZE of each lookup the search runs, for the commonest surname."""
    from sqlalchemy.dialects import postgresql

    from api.people.keys import probe
    from api.people.matching import explained
    p = history.sample[0]
    cases = {"name only (commonest surname)": probe("John Smith"),
             "name + dob": probe(f"{p.given_name} {p.family_name}", date_of_birth=p.date_of_birth),
             "dob + postcode": probe(None, date_of_birth=p.date_of_birth, postcode=p.postcode)}
    out = {}
    for label, terms in cases.items():
        plans = []
        for q in explained(panel, terms):
            sql = str(q.compile(dialect=postgresql.dialect(),
                                compile_kwargs={"literal_binds": True}))
            plan = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql).fetchall()
            plans.append({"sql": sql, "plan": [row[0] for row in plan]})
        out[label] = plans
    conn.rollback()
    return out


def _merge_memory(samples: list) -> dict:
    peak: dict[str, float] = {}
    for _, _, rep in samples:
        for pid, mb in {**rep["peak_rss_mb_per_worker"], **rep["vm_hwm_mb_per_worker"]}.items():
            peak[pid] = max(mb, peak.get(pid, 0.0))
    return {"peak_rss_mb_per_worker": peak, "peak_mb": max(peak.values(), default=0.0),
            "by_phase": [{"phase": n, "at": at, **rep} for n, at, rep in samples],
            "method": "VmRSS sampled every 0.2 s from /proc, and VmHWM at the end of each phase"}


if __name__ == "__main__":
    raise SystemExit(main())
