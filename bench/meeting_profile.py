"""CPU cost of one agenda, one minutes document and one meeting list, in process: the route
handlers themselves (no HTTP, token check or audit entry), against a database a
`bench/meetings.py --load-only/--keep-db` run loaded, each document answered N times in its own
session and serialised to the bytes the route sends (FastAPI's own serialisation when the
handler returns a model, the body when it returns a Response).

    .venv/bin/python bench/meetings.py --referrals 100000 --db marac_bench_x --load-only
    .venv/bin/python bench/meeting_profile.py --db marac_bench_x [-n 60] [--profile agenda]

Prints CPU ms (this process: Python, SQLAlchemy, Pydantic; not PostgreSQL's) and wall ms,
p50/p95, per document, and the SHA-256 of each document's body (the same before and after a
change that must not alter the output); --profile NAME adds a cProfile top 30 of that one.
"""

import argparse
import cProfile
import hashlib
import pstats
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.responses import JSONResponse  # noqa: E402
from fastapi.routing import APIRoute, serialize_response  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from api.db import make_engine, make_sessionmaker  # noqa: E402
from bench import database  # noqa: E402
from bench.meetings import DB_NAME, load_state  # noqa: E402

NAMES = ("agenda", "minutes", "meeting list")


def _route(router: Any, operation_id: str) -> APIRoute:
    return next(r for r in router.routes
                if isinstance(r, APIRoute) and r.operation_id == operation_id)


def body(route: APIRoute, answer: Any) -> bytes:
    """The bytes the route would send for what its handler returned."""
    if hasattr(answer, "body") and hasattr(answer, "status_code"):  # a Response
        return bytes(answer.body)
    # is_coroutine=True: validated in line, so the coroutine finishes on its first step (no
    # event loop, whose own cost is no part of the route's).
    step = serialize_response(field=route.response_field, response_content=answer,
                              is_coroutine=True)
    try:
        step.send(None)
    except StopIteration as done:
        return bytes(JSONResponse(done.value).body)
    raise RuntimeError("serialize_response awaited something")


def documents(state: dict) -> dict[str, Callable[[Session], bytes]]:
    """Each measured document as its route answers a coordinator of the measured panel."""
    from api.meetings import agenda_router
    from api.meetings import router as meetings_router
    from api.security.principal import Principal, Role

    panel_id = uuid.UUID(state["panel_id"])
    ahead, held = uuid.UUID(state["ahead"][0]), uuid.UUID(state["held"][-1])
    coordinator = Principal(kind="user", subject_id=uuid.uuid4(), agency_id=uuid.uuid4(),
                            panel_roles={panel_id: frozenset({Role.coordinator})})
    today = datetime.now(UTC).date()
    agenda = _route(agenda_router.router, "getMeetingAgenda")
    minutes = _route(agenda_router.router, "getMeetingMinutes")
    listed = _route(meetings_router.router, "listMeetings")
    return {
        "agenda": lambda s: body(agenda, agenda_router.get_agenda(ahead, s, coordinator)),
        "minutes": lambda s: body(minutes, agenda_router.get_minutes(
            held, s, coordinator, today)),
        "meeting list": lambda s: body(listed, meetings_router.list_meetings(
            panel_id, s, coordinator, None, None, 100, None)),
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, int(len(ordered) * q + 0.5) - 1)], 2)


def measure(make: Any, build: Callable[[Session], bytes], runs: int) -> dict[str, Any]:
    for _ in range(3):  # warm: imports, statement caches, connections
        with make() as session:
            build(session)
    cpu, wall, digests = [], [], set()
    for _ in range(runs):
        with make() as session:
            c0, w0 = time.process_time(), time.perf_counter()
            out = build(session)
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
        digests.add(hashlib.sha256(out).hexdigest())
    return {"cpu": (_percentile(cpu, 0.5), _percentile(cpu, 0.95)),
            "wall": (_percentile(wall, 0.5), _percentile(wall, 0.95)),
            "bytes": len(out), "sha256": sorted(digests)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True, help="a database bench/meetings.py loaded and kept")
    p.add_argument("-n", "--runs", type=int, default=60)
    p.add_argument("--profile", choices=NAMES, help="cProfile top 30 of this document")
    p.add_argument("--only", choices=NAMES, action="append", help="measure only these")
    args = p.parse_args(argv)
    if args.db == DB_NAME:
        p.error("name a kept database of your own, not the default (which a run drops)")
    url = database.url_for(args.db)
    state = load_state(url)
    engine = make_engine(url, pool_size=2, max_overflow=0)
    make = make_sessionmaker(engine)
    built = documents(state)
    print(f"{args.db}: {state['rows']}; {args.runs} runs each, one session per run")
    print(f"{'document':<13} {'CPU p50':>8} {'CPU p95':>8} {'wall p50':>9} {'wall p95':>9} "
          f"{'bytes':>8}  sha256")
    for name in args.only or NAMES:
        r = measure(make, built[name], args.runs)
        print(f"{name:<13} {r['cpu'][0]:>8} {r['cpu'][1]:>8} {r['wall'][0]:>9} "
              f"{r['wall'][1]:>9} {r['bytes']:>8}  {' '.join(r['sha256'])}", flush=True)
    if args.profile:
        profiler = cProfile.Profile(time.process_time)  # CPU, not time spent waiting
        for _ in range(args.runs):
            with make() as session:
                profiler.enable()
                built[args.profile](session)
                profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
