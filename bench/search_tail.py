"""Which searches make the tail: each of the bench's queries timed (wall and this process's
CPU), then its statement run again under EXPLAIN (ANALYZE, BUFFERS) on the same warm
connection, for the server's planning and execution time, the buffers and the rows each lookup
read; the slowest queries' shapes and plans printed. Generated data only. Each search ends as
the route ends it (commit_read in api/audit/unit_of_work.py, with its audit entry), so psycopg
keeps the statements it prepares: the wall and CPU times are those of a search on a cached
plan, while each EXPLAIN plans afresh.

    .venv/bin/python bench/search.py --reuse --db NAME --slowest 10
"""

import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import Session

from api.people.keys import probe
from api.people.matching import lookups_of
from api.people.normalise import strip_invisible
from api.people.search import find_people
from bench import typos
from bench.search_measure import LIMIT


@dataclass
class Timed:
    query: typos.Query
    lookups: tuple[str, ...]
    wall_ms: float
    cpu_ms: float
    statement: str = ""
    parameters: Any = None
    plan: dict[str, Any] = field(default_factory=dict)

    @property
    def planning(self) -> float:
        return float(self.plan.get("Planning Time", 0.0))

    @property
    def execution(self) -> float:
        return float(self.plan.get("Execution Time", 0.0))

    @property
    def buffers(self) -> int:
        top = self.plan.get("Plan", {})
        return int(top.get("Shared Hit Blocks", 0)) + int(top.get("Shared Read Blocks", 0))

    def rows_by_lookup(self) -> list[int]:
        """Rows each lookup's Limit returned, in statement order."""
        out: list[int] = []

        def walk(node: dict[str, Any]) -> None:
            if node.get("Node Type") == "Limit":
                out.append(int(node.get("Actual Rows", 0)))
                return
            for child in node.get("Plans", ()):
                walk(child)
        walk(self.plan.get("Plan", {}))
        return out


def _shape(t: Timed) -> str:
    words = len(t.query.name.split())
    return f"{words}w {t.query.shape} {len(t.lookups)} lookups"


def _timed(session: Session, panel: Any, q: typos.Query, seen: list[Any]) -> Timed:
    terms = probe(strip_invisible(q.name), date_of_birth=q.date_of_birth, postcode=q.postcode)
    seen.clear()
    start, start_cpu = time.perf_counter(), time.process_time()
    find_people(session, panel, terms, LIMIT)
    session.commit()  # as the route ends
    wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000
    lookups = lookups_of(terms) + (("surname",) if terms.surnames and not q.date_of_birth
                                   else ())
    statement, parameters = seen[-1] if seen else ("", None)
    return Timed(q, lookups, wall, cpu, statement, parameters)


def _explain(session: Session, t: Timed) -> None:
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + t.statement, t.parameters,
                   prepare=False)
    [plan] = cursor.fetchone()[0]
    t.plan = plan


def measure(url: str, panel: Any, uniform: list[Any], count: int, seed: int) -> list[Timed]:
    engine = create_engine(url, pool_size=1)
    seen: list[Any] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    out = []
    with Session(engine) as session:
        qs = typos.queries(uniform, count, seed)
        for q in qs[:50]:  # warm the caches, as the bench does
            _timed(session, panel, q, seen)
        for q in qs:
            t = _timed(session, panel, q, seen)
            _explain(session, t)
            session.commit()
            out.append(t)
        prepared = session.execute(text(
            "SELECT count(*), sum(generic_plans), sum(custom_plans) FROM pg_prepared_statements"
        )).one()
        print(f"statements psycopg prepared on the connection: {prepared[0]}, their runs on a "
              f"generic plan {prepared[1]}, on a custom plan {prepared[2]} (the EXPLAINs below "
              "are planned afresh, as custom plans)", flush=True)
    engine.dispose()
    return out


def _pcts(values: list[float]) -> str:
    ordered = sorted(values)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]
    return (f"p50 {pct(50):.2f} / p95 {pct(95):.2f} / p99 {pct(99):.2f} / "
            f"mean {statistics.fmean(values):.2f}")


def report(timed: list[Timed]) -> str:
    lines = [f"{len(timed)} queries (each timed, then run again under EXPLAIN ANALYZE)",
             f"  wall ms:             {_pcts([t.wall_ms for t in timed])}",
             f"  CPU ms (Python):     {_pcts([t.cpu_ms for t in timed])}",
             f"  planning ms:         {_pcts([t.planning for t in timed])}",
             f"  execution ms:        {_pcts([t.execution for t in timed])}",
             f"  planning+execution:  {_pcts([t.planning + t.execution for t in timed])}",
             f"  buffers:             {_pcts([float(t.buffers) for t in timed])}",
             f"  rows returned:       {_pcts([float(sum(t.rows_by_lookup())) for t in timed])}",
             f"  lookups:             {_pcts([float(len(t.lookups)) for t in timed])}", "",
             "By shape (count: mean planning / execution / CPU ms, mean rows):"]
    shapes: dict[str, list[Timed]] = {}
    for t in timed:
        shapes.setdefault(_shape(t), []).append(t)
    for name, ts in sorted(shapes.items()):
        lines.append(f"  {name:40} {len(ts):4}: {statistics.fmean(x.planning for x in ts):.2f}"
                     f" / {statistics.fmean(x.execution for x in ts):.2f}"
                     f" / {statistics.fmean(x.cpu_ms for x in ts):.2f} ms, "
                     f"{statistics.fmean(sum(x.rows_by_lookup()) for x in ts):.0f} rows")
    tail = slowest_first(timed)[:max(1, len(timed) // 20)]
    lines += ["", f"Slowest 5% by planning + execution + CPU ({len(tail)}):"]
    for t in tail:
        lines.append(f"  {t.query.name!r:28} {_shape(t):34} plan {t.planning:5.2f} exec "
                     f"{t.execution:5.2f} cpu {t.cpu_ms:5.2f} buffers {t.buffers:5} rows "
                     f"{t.rows_by_lookup()}")
    return "\n".join(lines)


def slowest_first(timed: list[Timed]) -> list[Timed]:
    return sorted(timed, key=lambda t: -(t.planning + t.execution + t.cpu_ms))


def plans(url: str, timed: list[Timed]) -> str:
    """The text plans of these queries' statements, each run once before (warm)."""
    engine = create_engine(url, pool_size=1)
    lines = []
    with engine.connect() as conn:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        for t in timed:
            cursor.execute(t.statement, t.parameters)
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + t.statement, t.parameters)
            lines += ["", f"### {t.query.name!r} ({_shape(t)}: {', '.join(t.lookups)})", "```",
                      *(r[0] for r in cursor.fetchall()), "```"]
        conn.rollback()
    engine.dispose()
    return "\n".join(lines)


def run(url: str, panel: Any, uniform: list[Any], count: int, seed: int, slowest: int) -> None:
    timed = measure(url, panel, uniform, count, seed)
    print(report(timed), flush=True)
    print(plans(url, slowest_first(timed)[:slowest]))
