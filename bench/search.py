"""People-search benchmark: recall, precision and in-process latency of POST /people/search's
work at national scale, the referral list with names, and skew (many people sharing one
postcode and date of birth).

    .venv/bin/python bench/search.py [--people 1000000] [--queries 1000] [--skew 10000]
    .venv/bin/python bench/search.py --quick      # small and fast: checks that it works
    .venv/bin/python bench/search.py --keep-db    # then --reuse measures again, no reload
    .venv/bin/python bench/search.py --reuse --slowest 5   # which queries make the tail

Only talks to 127.0.0.1; creates and drops its own database (marac_bench_search, or --db).
With --keep-db the database stays and what the measurement needs of the load (the seeded ids,
the sampled people) is kept beside it in /tmp; --reuse measures that database again (the
current code, indexes as they are there), skipping the ~10 minute load.
"""

import argparse
import json
import pickle
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402

from bench import database, loader, report, search_measure, search_tail, typos  # noqa: E402
from bench.dataset import History  # noqa: E402
from bench.names import Person, PersonFactory  # noqa: E402

DB_NAME = "marac_bench_search"
SEED = 20261125
BATCH = 20_000
SKEW_DOB = date(1980, 1, 1)
SKEW_POSTCODE = "E8 1AA"


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--people", type=int, default=1_000_000)
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--skew", type=int, default=10_000, help="people sharing postcode and dob")
    p.add_argument("--list-calls", type=int, default=300)
    p.add_argument("--keep-db", action="store_true")
    p.add_argument("--reuse", action="store_true", help="measure a database kept by --keep-db")
    p.add_argument("--db", default=DB_NAME, help="database name (one per worktree)")
    p.add_argument("--quick", action="store_true", help="20,000 people, 200 queries")
    p.add_argument("--slowest", type=int, default=0, metavar="N",
                   help="with --reuse: each query's server timings and buffers, the slowest "
                        "5%% listed and the N slowest's plans (bench/search_tail.py)")
    args = p.parse_args(argv)
    if args.quick:
        args.people, args.queries, args.skew, args.list_calls = 20_000, 200, 2_000, 100
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    results: dict = {"config": vars(args), "machine": report.machine(),
                     "started": datetime.now(UTC).isoformat(timespec="seconds")}
    state = Path(tempfile.gettempdir()) / f"{args.db}.state.pickle"
    if args.reuse:
        url = database.url_for(args.db)
        kept = pickle.loads(state.read_bytes())  # noqa: S301 - our own file, written below
        seeded, skewed = kept["seeded"], kept["skewed"]
        results.update(kept["results"])
        results["_uniform_sample"] = kept["uniform"]
        results["reused"] = True
        if args.slowest:
            search_tail.run(url, seeded.panel_id, kept["uniform"], args.queries, SEED,
                            args.slowest)
            return 0
    else:
        url = database.recreate(args.db)
    try:
        if not args.reuse:
            seeded = database.seed(url, 1)
            history = History(SEED, int(args.people / 2.55) + args.skew)
            started = time.monotonic()
            people, skewed, results["_uniform_sample"] = load(url, seeded, history, args)
            results["load_seconds"] = round(time.monotonic() - started, 1)
            results["people"], results["referrals"] = people, history.count
            print(f"loaded {people:,} people ({args.skew:,} skewed), {history.count:,} "
                  f"referrals in {results['load_seconds']} s", flush=True)
            if args.keep_db:
                state.write_bytes(pickle.dumps({
                    "seeded": seeded, "skewed": skewed, "uniform": results["_uniform_sample"],
                    "results": {k: results[k] for k in ("load_seconds", "people",
                                                        "referrals")}}))
        search_measure.run(url, seeded, skewed, args, results, SEED)
    finally:
        if not (args.keep_db or args.reuse):
            database.drop(args.db)
    write(results)
    return 0


def load(url: str, seeded, history: History, args) -> tuple[int, list[Person], list[Person]]:
    """Uniform people up to --people, then --skew victims sharing one postcode and dob."""
    loader.check_keys([PersonFactory(5).person() for _ in range(300)])
    skewed: list[Person] = []
    people = 0
    with psycopg.connect(database.pg_url(url)) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET maintenance_work_mem = '512MB'")
        indexes = database.secondary_indexes(conn, loader.TABLES)
        database.drop_indexes(conn, indexes)
        conn.commit()
        while people < args.people:
            batch = [history.next() for _ in range(BATCH // 2)]
            people += loader.load_batch(conn, seeded.panel_id, seeded.agency_ids,
                                        seeded.api_key_ids[0], batch)["people"]
            conn.commit()
        uniform_sample = list(history.sample)  # the skewed victims below are not in it
        batch = []
        for _ in range(args.skew):
            record = history.next()
            pid, role, pos, victim = record.people[0]
            victim = Person(victim.given_name, victim.family_name, SKEW_DOB, SKEW_POSTCODE, ())
            record.people[0] = (pid, role, pos, victim)
            skewed.append(victim)
            batch.append(record)
        people += loader.load_batch(conn, seeded.panel_id, seeded.agency_ids,
                                    seeded.api_key_ids[0], batch)["people"]
        loader.flush_cases(conn, seeded.panel_id, history)
        database.build_indexes(conn, indexes)
        conn.commit()
        conn.autocommit = True
        for table in loader.TABLES:
            conn.execute(f"VACUUM (ANALYZE) {table}")
    return people, skewed, uniform_sample


def write(results: dict) -> None:
    out = Path(__file__).resolve().parent / "results"
    day = results["started"][:10]
    name = "search-quick" if results["config"]["quick"] else "search"
    json_path = out / f"{name}-{day}.json"
    json_path.write_text(json.dumps(results, indent=2, default=str))
    md = search_measure.markdown(results, json_path.name)
    (out / f"{name}-latest.md").write_text(md)
    print(md)
    print(f"wrote {json_path} and {out / f'{name}-latest.md'}")


if __name__ == "__main__":
    _ = typos  # the query generator, used by search_measure
    raise SystemExit(main())
