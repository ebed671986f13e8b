"""What one request costs the app in CPU, route by route, measured in-process (no server, no
client, no other process's load in the figure): the app on a PostgreSQL database seeded like
the actions bench, requests sent through httpx's ASGITransport, `time.process_time()` around
each request (the whole process: the event loop and the thread the route runs on).

    .venv/bin/python bench/request_cost.py [--requests 300] [--actions 100000] [--reuse]
    .venv/bin/python bench/request_cost.py --reuse --profile agency_open_actions

Wall-clock time on a machine shared with other work says little; CPU per request is what the
two uvicorn workers of bench/actions.py can serve. `--reuse` keeps its own database
(marac_bench_speed_core) between runs instead of loading it again; `--profile ROUTE` prints
cProfile's top 40 functions for that route (by own time; --sort cumulative for time including
callees). Only talks to 127.0.0.1.
"""

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402

from bench import database, report  # noqa: E402
from bench.actions import SEED, World, issue_key, today_uk  # noqa: E402

DB_NAME = "marac_bench_speed_core"
STATE = Path(tempfile.gettempdir()) / f"{DB_NAME}.json"
ROUTES = ("health", "me", "meeting_list", "agency_open_actions", "panel_overdue_actions",
          "record_action", "referral_list", "case_list")


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=300, help="measured requests per route")
    p.add_argument("--warmup", type=int, default=50, help="unmeasured requests per route first")
    p.add_argument("--actions", type=int, default=100_000, help="actions in all panels")
    p.add_argument("--panels", type=int, default=276)
    p.add_argument("--reuse", action="store_true",
                   help=f"keep {DB_NAME} and reuse it when it is already loaded")
    p.add_argument("--profile", choices=ROUTES, help="cProfile top 30 for this route")
    p.add_argument("--sort", choices=("tottime", "cumulative"), default="tottime",
                   help="order of the --profile table (own time or time including callees)")
    p.add_argument("--callers", metavar="FUNCTION",
                   help="under --profile, also who calls functions matching this name")
    p.add_argument("--top", type=int, default=40, help="rows of the --profile table")
    p.add_argument("--sql", choices=ROUTES, help="print the SQL of one request of this route")
    p.add_argument("--routes", nargs="*", choices=ROUTES, default=list(ROUTES))
    return p.parse_args(argv)


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    """The database and what the requests need (ids, credentials); loaded once with --reuse."""
    if args.reuse and STATE.exists():
        state = json.loads(STATE.read_text())
        if state.get("actions") == args.actions:
            return state
    url = database.recreate(DB_NAME)
    seeded = database.seed(url, 0)
    world = World(seeded.panel_id, seeded.agency_ids, today_uk(),
                  random.Random(SEED))  # noqa: S311 - reproducible bench data, not secrets
    load = argparse.Namespace(actions=args.actions, panels=args.panels)
    with psycopg.connect(database.pg_url(url)) as conn:
        world.load(conn, load)
    state = {"url": url, "actions": args.actions, "panel": str(world.panel),
             "agencies": [str(a) for a in world.agencies],
             "meeting": str(world.meeting_today),
             "cases": [str(c) for c in world.listed_cases],
             "key": issue_key(url, world.agencies[0], seeded.email),
             "email": seeded.email, "password": seeded.password,
             "jwt_secret": secrets.token_urlsafe(48), "audit_key": secrets.token_urlsafe(48)}
    if args.reuse:
        STATE.parent.mkdir(exist_ok=True)
        STATE.write_text(json.dumps(state))
    return state


def configure(state: dict[str, Any]) -> None:
    os.environ.update({
        "MARAC_DATABASE_URL": state["url"], "MARAC_JWT_SECRET": state["jwt_secret"],
        "MARAC_AUDIT_KEY": state["audit_key"], "MARAC_ENVIRONMENT": "production",
        "MARAC_LOG_LEVEL": "WARNING", "MARAC_API_KEY_RATE": "1000000/minute"})


async def measure(args: argparse.Namespace, state: dict[str, Any]) -> dict[str, Any]:
    import httpx
    from sqlalchemy import event

    from api import memory
    from api.main import create_app
    app = create_app()
    memory.settle()  # as a served worker's start-up does (httpx runs no lifespan)
    statements: list[str] = []
    event.listen(app.state.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_: statements.append(sql))
    transport = httpx.ASGITransport(app=app)
    rng = random.Random(SEED)  # noqa: S311 - bench bodies
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=transport, base_url="http://127.0.0.1") as client:
        login = await client.post("/api/v1/auth/login", json={
            "email": state["email"], "password": state["password"]})
        login.raise_for_status()
        user = {"Authorization": f"Bearer {login.json()['access_token']}"}
        key = {"Authorization": f"Bearer {state['key']}"}
        due = (today_uk() + timedelta(days=28)).isoformat()

        def record() -> dict[str, Any]:
            return {"meeting_id": state["meeting"], "case_id": rng.choice(state["cases"]),
                    "owner_agency_ids": [rng.choice(state["agencies"])],
                    "category": "victim_update", "due_on": due,
                    "description": "Bench: fit a door chain and window locks"}

        calls: dict[str, tuple[int, Callable[[], Any]]] = {
            # The fixed cost layer by layer: no caller nor database; a caller and its audit
            # entry with a one-row read; a small list of the panel's.
            "health": (200, lambda: client.get("/health")),
            "me": (200, lambda: client.get("/api/v1/auth/me", headers=user)),
            "meeting_list": (200, lambda: client.get(
                f"/api/v1/meetings?panel_id={state['panel']}&limit=50", headers=user)),
            "agency_open_actions": (200, lambda: client.get("/api/v1/actions?limit=50",
                                                            headers=key)),
            "panel_overdue_actions": (200, lambda: client.get(
                f"/api/v1/panels/{state['panel']}/actions/overdue?limit=50", headers=user)),
            "record_action": (201, lambda: client.post("/api/v1/actions", json=record(),
                                                       headers=user)),
            "referral_list": (200, lambda: client.get("/api/v1/referrals?limit=50",
                                                      headers=user)),
            "case_list": (200, lambda: client.get("/api/v1/cases?limit=50", headers=user)),
        }
        out: dict[str, Any] = {}
        for name in args.routes:
            expected, call = calls[name]
            for _ in range(args.warmup):
                _check(name, await call(), expected)
            statements.clear()
            profiler = cProfile.Profile(time.process_time) if args.profile == name else None
            costs, answers = await timed(call, args.requests, profiler)
            for response in answers:
                _check(name, response, expected)
            out[name] = _summary(costs) | {"sql": round(len(statements) / len(costs), 1)}
            if args.sql == name:
                out[name]["statements"] = statements[-int(out[name]["sql"]):]
            if profiler:
                text = io.StringIO()
                stats = pstats.Stats(profiler, stream=text).sort_stats(args.sort)
                stats.print_stats(args.top)
                if args.callers:
                    stats.print_callers(args.callers)
                out[name]["profile"] = text.getvalue()
    app.state.engine.dispose()
    return out


async def timed(call: Callable[[], Any], requests: int,
                profiler: cProfile.Profile | None) -> tuple[list[float], list[Any]]:
    """`requests` calls, each timed in this process's CPU ms (and profiled when asked); the
    responses, for the caller to check."""
    costs: list[float] = []
    answers: list[Any] = []
    for _ in range(requests):
        if profiler:
            profiler.enable()
        started = time.process_time()
        answers.append(await call())
        costs.append((time.process_time() - started) * 1000)
        if profiler:
            profiler.disable()
    return costs, answers


def _check(name: str, response: Any, expected: int) -> None:
    if response.status_code != expected:
        raise RuntimeError(f"{name}: {response.status_code} {response.text[:300]}")


def _summary(costs: list[float]) -> dict[str, Any]:
    ordered = sorted(costs)
    return {"n": len(costs), "mean": round(statistics.fmean(costs), 2),
            "p50": round(ordered[len(ordered) // 2], 2),
            "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2)}


def _inline_threads() -> None:
    """cProfile sees one thread: under --profile, sync routes and dependencies run on the event
    loop's thread instead of the thread pool (the same work, in one profile)."""
    import anyio.to_thread

    async def run_sync(func: Callable[..., Any], *args: Any, **_: Any) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = run_sync  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.profile:
        _inline_threads()
    state = prepare(args)
    configure(state)
    try:
        results = asyncio.run(measure(args, state))
    finally:
        if not args.reuse:
            database.drop(DB_NAME)
    report.print_request_costs(
        f"CPU ms per request, in-process ({args.requests} requests after {args.warmup} "
        f"warm-up; {state['actions']:,} actions", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
