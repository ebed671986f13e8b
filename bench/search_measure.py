"""What bench/search.py measures: search recall, precision and latency, skew, the lists, and
their EXPLAIN plans. In process: the route's database work without HTTP, auth or JSON."""

import random
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import create_engine
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from api.cases import repository as cases_repository
from api.clock import uk_today
from api.common import cursor as pagination
from api.people.keys import probe
from api.people.normalise import name_key, strip_invisible
from api.people.search import find_people
from api.referrals import access, listing
from api.referrals import repository as referrals_repository
from api.referrals.repeats import find_repeats
from api.security.principal import Principal, Role
from bench import database, typos
from bench.names import Person

# Results asked for per search: the most the API gives on one page.
LIMIT = 100


def summarise(ms: list[float]) -> dict:
    ordered = sorted(ms)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 2)
    return {"count": len(ms), "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "max": round(ordered[-1], 2), "mean": round(statistics.fmean(ms), 2)}


def _cpu(ms: list[float]) -> dict:
    """This process's CPU time (the Python side: building, ranking, shaping; the database's
    own work and the wait for a core are not in it): less sensitive to a loaded machine."""
    out = summarise(ms)
    return {"p50": out["p50"], "p95": out["p95"]}


def _who(p: Person) -> tuple[str, Any]:
    return name_key(f"{p.given_name} {p.family_name}"), p.date_of_birth


def search(session: Session, panel: uuid.UUID, qs: list[typos.Query]) -> dict:
    """Latency, recall (the planted person listed; top-1) and precision of confident results."""
    ms, cpu, hits, hits20, top1, confident, confident_true, listed = [], [], 0, 0, 0, 0, 0, 0
    by_kind: dict[str, list[int]] = {}
    for q in qs:
        start, start_cpu = time.perf_counter(), time.process_time()
        terms = probe(strip_invisible(q.name), date_of_birth=q.date_of_birth, postcode=q.postcode)
        found = find_people(session, panel, terms, LIMIT)
        ms.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        session.rollback()
        keys = [(name_key(f"{i.given_names} {i.family_name}"), i.date_of_birth)
                for i in found.items]
        truth = _who(q.truth)
        hit = truth in keys
        hits += hit
        hits20 += truth in keys[:20]
        top1 += bool(keys) and keys[0] == truth
        listed += len(keys)
        for item, key in zip(found.items[:20], keys, strict=False):
            if item.certainty != "possible":
                confident += 1
                confident_true += key == truth
        by_kind.setdefault(f"{q.kind}/{q.shape}", []).append(hit)
    n = len(qs)
    return {**summarise(ms[n // 20:]), "cpu": _cpu(cpu[n // 20:]),
            "recall": round(hits / n, 4),
            "recall_at_20": round(hits20 / n, 4),
            "recall_top1": round(top1 / n, 4),
            "precision_confident": round(confident_true / confident, 4) if confident else None,
            "confident_results": confident, "mean_results": round(listed / n, 2),
            "recall_by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())}}


def repeat_checks(session: Session, panel: uuid.UUID, victims: list[Person]) -> dict:
    """The repeat check a submission runs, for these victims (exact name, dob, postcode)."""
    ms = []
    day = datetime.now(UTC).date()
    for p in victims:
        start = time.perf_counter()
        v = probe(f"{p.given_name} {p.family_name}", surname=p.family_name, given=p.given_name,
                  date_of_birth=p.date_of_birth, postcode=p.postcode)
        find_repeats(session, panel, v, [probe("Sam Sample", surname="Sample", given="Sam")], day)
        ms.append((time.perf_counter() - start) * 1000)
        session.rollback()
    return summarise(ms[len(ms) // 20:])


def _coordinator(panel: uuid.UUID, agency: uuid.UUID) -> Principal:
    return Principal(kind="user", subject_id=uuid.uuid4(), agency_id=agency,
                     panel_roles={panel: frozenset({Role.coordinator})})


def lists(session: Session, principal: Principal, panel: uuid.UUID, calls: int,
          seed: int) -> dict:
    """Referral pages (50, newest first; a status filter a third of the time; at a random depth
    half the time) and case pages."""
    rng = random.Random(seed)  # noqa: S311 - deterministic bench data
    out: dict[str, list[float]] = {"referrals": [], "cases": [], "referrals_cpu": []}
    for _ in range(calls):
        status = rng.choice((None, None, "submitted", "accepted", None, None))
        cursor = None
        if rng.random() < 0.5:
            at = datetime(2017, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(3000))
            cursor = pagination.encode(at, uuid.UUID(int=2**128 - 1))
        start, start_cpu = time.perf_counter(), time.process_time()
        referrals_repository.list_visible(session, principal, panel_id=panel, status=status,
                                          submitted_from=None, submitted_to=None,
                                          cursor=cursor, limit=50)
        out["referrals"].append((time.perf_counter() - start) * 1000)
        out["referrals_cpu"].append((time.process_time() - start_cpu) * 1000)
        start = time.perf_counter()
        cases_repository.list_visible(session, principal, panel, cursor, 50, uk_today())
        out["cases"].append((time.perf_counter() - start) * 1000)
        session.rollback()
    cpu = out.pop("referrals_cpu")
    return {**{k: summarise(v[len(v) // 20:]) for k, v in out.items()},
            "referrals_cpu": _cpu(cpu[len(cpu) // 20:])}


def _sql(statement: Any) -> str:
    return str(statement.compile(dialect=postgresql.dialect(),
                                 compile_kwargs={"literal_binds": True}))


def explain(url: str, principal: Principal, panel: uuid.UUID, sample: Person) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of the list statements and of a search's lookups."""
    from sqlalchemy import select

    from api.cases.listing import _HISTORY
    from api.cases.models import Case
    from api.people.matching import explained, explained_search
    from api.referrals.models import Referral, ReferralStatus
    base = listing.items_query(principal).where(access.referral_filter(principal),
                                       Referral.panel_id == panel)
    deep = pagination.encode(datetime(2019, 6, 1, tzinfo=UTC), uuid.UUID(int=2**128 - 1))
    statements = {
        "referral list, first page": pagination.page(
            base, Referral.submitted_at, Referral.id, None, 50),
        "referral list, status=accepted, deep cursor": pagination.page(
            base.where(Referral.status == ReferralStatus.accepted), Referral.submitted_at,
            Referral.id, deep, 50),
        "case list, first page": pagination.page(
            select(Case).where(Case.panel_id == panel), Case.created_at, Case.id, None, 50),
    }
    plans = {label: _plan(url, _sql(s)) for label, s in statements.items()}
    with psycopg.connect(database.pg_url(url)) as conn:
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM cases ORDER BY created_at DESC, id DESC LIMIT 50").fetchall()]
    plans["case list, victims and repeats of the page"] = _plan(
        url, _sql(_HISTORY.params(ids=ids)))
    terms = probe(typos.typo(f"{sample.given_name}", random.Random(1))  # noqa: S311
                  + f" {sample.family_name}", date_of_birth=sample.date_of_birth)
    for n, statement in enumerate(explained(panel, terms)):
        plans[f"search lookup {n + 1} (name with a typo + dob)"] = _plan(url, _sql(statement))
    plans["people search's one statement (name with a typo + dob)"] = _plan(
        url, _sql(explained_search(panel, terms)))
    return plans


def _plan(url: str, sql: str) -> dict:
    with psycopg.connect(database.pg_url(url)) as conn:
        rows = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql).fetchall()
    return {"sql": sql, "plan": [r[0] for r in rows]}


def run(url: str, seeded: Any, skewed: list[Person], args: Any, results: dict,
        seed: int) -> None:
    engine = create_engine(url, pool_size=1)
    panel = seeded.panel_id
    principal = _coordinator(panel, seeded.agency_ids[0])
    uniform = results.pop("_uniform_sample")
    with Session(engine) as session:
        qs = typos.queries(uniform, args.queries, seed)
        search(session, panel, qs[:50])  # warm the caches
        results["search"] = search(session, panel, qs)
        print(f"search: {results['search']}", flush=True)
        n = min(200, len(skewed))
        dob_pc = [typos.Query(q.name, q.truth.date_of_birth, q.truth.postcode, q.kind,
                              "name+dob+postcode", q.truth)
                  for q in typos.queries(uniform, n, seed + 1)]
        skew_q = [typos.Query(q.name, q.truth.date_of_birth, q.truth.postcode, q.kind,
                              "name+dob+postcode", q.truth)
                  for q in typos.queries(skewed, n, seed + 2)]
        results["skew"] = {
            "search_uniform": search(session, panel, dob_pc),
            "search_skewed": search(session, panel, skew_q),
            "repeat_uniform": repeat_checks(session, panel, uniform[:n]),
            "repeat_skewed": repeat_checks(session, panel, skewed[:n]),
        }
        print(f"skew: { {k: v['p95'] for k, v in results['skew'].items()} }", flush=True)
        results["lists"] = lists(session, principal, panel, args.list_calls, seed)
        print(f"lists: {results['lists']}", flush=True)
    engine.dispose()
    try:
        results["explain"] = explain(url, principal, panel, uniform[0])
    except Exception as error:  # noqa: BLE001 - the figures above still count
        results["explain"] = {"failed": {"sql": "", "plan": [repr(error)]}}
    results["loadavg"] = Path("/proc/loadavg").read_text().split()[:3]


def markdown(r: dict, json_name: str) -> str:
    s, k, li = r["search"], r["skew"], r["lists"]
    ratio_search = k["search_skewed"]["p95"] / max(k["search_uniform"]["p95"], 1e-9)
    ratio_repeat = k["repeat_skewed"]["p95"] / max(k["repeat_uniform"]["p95"], 1e-9)
    rows = [
        ("people search p95 (in process)", f"{s['p95']} ms", "< 15 ms", s["p95"] < 15),
        ("recall of the planted person", f"{s['recall']:.2%}", ">= 99%", s["recall"] >= 0.99),
        ("referral list with names p95", f"{li['referrals']['p95']} ms", "< 30 ms",
         li["referrals"]["p95"] < 30),
        ("skew: search p95 skewed / uniform", f"{ratio_search:.2f}x", "<= 2x", ratio_search <= 2),
        ("skew: repeat check p95 skewed / uniform", f"{ratio_repeat:.2f}x", "<= 2x",
         ratio_repeat <= 2),
    ]
    lines = [f"# People search benchmark ({r['started']})", "",
             f"Figures: `{json_name}`. {r['people']:,} people on {r['referrals']:,} referrals "
             f"(of them {r['config']['skew']:,} victims sharing one postcode and date of birth); "
             f"load {r['load_seconds']} s. Machine: {r['machine']['nproc']} cores, load "
             f"average {r['loadavg']} when measuring; "
             f"{r['machine']['postgresql']}.", "",
             "| target | measured | goal | result |", "|---|---|---|---|"]
    lines += [f"| {t} | {m} | {g} | {'PASS' if ok else 'FAIL'} |" for t, m, g, ok in rows]
    lines += ["", f"Search ({s['count']} timed queries, one typo or variant each): p50 "
              f"{s['p50']} / p95 {s['p95']} / p99 {s['p99']} ms (this process's CPU time "
              f"p50 {s.get('cpu', {}).get('p50')} / p95 {s.get('cpu', {}).get('p95')} ms); "
              f"recall in the first "
              f"{LIMIT} {s['recall']:.2%}, in the first 20 {s['recall_at_20']:.2%}, top-1 "
              f"{s['recall_top1']:.2%}; precision of certain/probable results (first 20) "
              f"{s['precision_confident']}; {s['mean_results']} results a query.", "",
              f"Recall by kind and shape: {s['recall_by_kind']}", "",
              "Skew p50/p95 ms (CPU p50/p95 where measured): " + "; ".join(
                  f"{n} {v['p50']}/{v['p95']}" + (f" (CPU {v['cpu']['p50']}/{v['cpu']['p95']})"
                                                  if "cpu" in v else "")
                  for n, v in k.items()), "",
              f"Lists p50/p95 ms: referrals {li['referrals']['p50']}/{li['referrals']['p95']}; "
              f"cases {li['cases']['p50']}/{li['cases']['p95']}; this process's CPU time a "
              f"referral page p50/p95 {li.get('referrals_cpu', {}).get('p50')}/"
              f"{li.get('referrals_cpu', {}).get('p95')} ms", "", "## EXPLAIN", ""]
    for label, plan in r["explain"].items():
        lines += [f"### {label}", "", "```", *plan["plan"], "```", ""]
    return "\n".join(lines)
