"""What one agenda, minutes or meeting-list request costs the app in CPU, through the whole app
(token check, audit entry, the route, serialisation), in process: httpx's ASGITransport against
a database `bench/meetings.py --load-only` loaded, `time.process_time()` around each request,
the statements each sends counted. As bench/request_cost.py does for the actions routes.

    .venv/bin/python bench/meeting_request_cost.py --db marac_bench_x [--requests 200]
    .venv/bin/python bench/meeting_request_cost.py --db marac_bench_x --profile agenda

Prints CPU ms per request (mean, p50, p95), statements per request, response bytes and the
SHA-256 of each document's body (the same before and after a change that must not alter it).
Only talks to 127.0.0.1.
"""

import argparse
import asyncio
import cProfile
import hashlib
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import database, report  # noqa: E402
from bench.meetings import DB_NAME, load_state  # noqa: E402
from bench.request_cost import _inline_threads, _summary, timed  # noqa: E402

ROUTES = ("agenda", "minutes", "meeting list")


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True, help="a database bench/meetings.py loaded and kept")
    p.add_argument("--requests", type=int, default=200, help="measured requests per route")
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--routes", nargs="*", choices=ROUTES, default=list(ROUTES))
    p.add_argument("--profile", choices=ROUTES, help="cProfile top 40 for this route")
    p.add_argument("--sql", choices=ROUTES, help="print the SQL of one request of this route")
    args = p.parse_args(argv)
    if args.db == DB_NAME:
        p.error("name a kept database of your own, not the default (which a run drops)")
    return args


async def measure(args: argparse.Namespace, url: str, state: dict[str, Any]) -> dict[str, Any]:
    import httpx
    from sqlalchemy import event

    from api import memory
    from api.main import create_app
    app = create_app()
    memory.settle()  # as a served worker's start-up does (httpx runs no lifespan)
    statements: list[str] = []
    event.listen(app.state.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_: statements.append(sql))
    paths = {"agenda": f"/api/v1/meetings/{state['ahead'][0]}/agenda",
             "minutes": f"/api/v1/meetings/{state['held'][-1]}/minutes",
             "meeting list": f"/api/v1/meetings?panel_id={state['panel_id']}"}
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
        login = await client.post("/api/v1/auth/login", json={
            "email": state["email"], "password": state["password"]})
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        out: dict[str, Any] = {}
        for name in args.routes:
            for _ in range(args.warmup):
                _check(name, await client.get(paths[name], headers=headers))
            statements.clear()
            profiler = cProfile.Profile(time.process_time) if args.profile == name else None
            costs, answers = await timed(
                lambda path=paths[name]: client.get(path, headers=headers), args.requests,
                profiler)
            for response in answers:
                _check(name, response)
            digests = {hashlib.sha256(r.content).hexdigest() for r in answers}
            out[name] = _summary(costs) | {
                "sql": round(len(statements) / len(costs), 1), "bytes": len(response.content),
                "sha256": " ".join(sorted(digests))}
            if args.sql == name:
                out[name]["statements"] = statements[-int(out[name]["sql"]):]
            if profiler:
                text = io.StringIO()
                stats = pstats.Stats(profiler, stream=text)
                stats.sort_stats("cumulative").print_stats(40)
                stats.sort_stats("tottime").print_stats(25)
                out[name]["profile"] = text.getvalue()
    app.state.engine.dispose()
    return out


def _check(name: str, response: Any) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"{name}: {response.status_code} {response.text[:300]}")


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.profile:
        _inline_threads()
    url = database.url_for(args.db)
    state = load_state(url)
    os.environ.update({
        "MARAC_DATABASE_URL": url, "MARAC_JWT_SECRET": secrets.token_urlsafe(48),
        "MARAC_AUDIT_KEY": secrets.token_urlsafe(48), "MARAC_ENVIRONMENT": "production",
        "MARAC_LOG_LEVEL": "WARNING"})
    results = asyncio.run(measure(args, url, state))
    for r in results.values():
        r["sha256"] = r["sha256"][:16]
    report.print_request_costs(
        f"CPU ms per request, in-process, whole app ({args.requests} requests after "
        f"{args.warmup} warm-up; {args.db}", results, extra=("bytes", "sha256"), sql_width=300)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
