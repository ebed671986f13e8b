"""Writes bench/results/referrals-<UTC date>.json and referrals-latest.md."""

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bench import cpu

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    pg = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "SELECT version()"],  # noqa: S607
                        capture_output=True, text=True, check=False).stdout.strip()
    return {"nproc": os.cpu_count(), "memory_mb": mem_kb // 1024, "cpu": cpu,
            "python": platform.python_version(), "postgresql": pg,
            "kernel": platform.release()}


def verdicts(r: dict) -> list[tuple[str, str, str, bool]]:
    """(target, measured, goal, passed) for each target of the issue."""
    sub, bare = r["submission"]["referral"], r["submission"]["bare"]
    ratio = sub["throughput_rps"] / bare["throughput_rps"] if bare["throughput_rps"] else 0.0
    stages = r["match"]
    first = stages[0]["http"]["p95"]
    million = next((s for s in stages if s["people"] >= 1_000_000), stages[-1])
    p95 = million["http"]["p95"]
    peak = r["memory"]["peak_mb"]
    return [
        ("referral throughput vs bare insert",
         f"{sub['throughput_rps']:.0f} vs {bare['throughput_rps']:.0f} req/s ({ratio:.2f}x)",
         ">= 0.50x", ratio >= 0.5),
        (f"person-match p95 at {million['people']:,} people", f"{p95:.2f} ms", "< 10 ms",
         p95 < 10),
        (f"match p95 growth {stages[0]['people']:,} -> {million['people']:,}",
         f"{first:.2f} -> {p95:.2f} ms ({p95 / first:.2f}x)", "<= 2x", p95 <= 2 * first),
        ("peak worker RSS under load", f"{peak:.0f} MB", "< 200 MB", peak < 200),
    ]


def write(r: dict) -> tuple[Path, Path]:
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC)
    suffix = "-quick" if r["config"]["quick"] else ""
    json_path = RESULTS / f"referrals-{stamp:%Y-%m-%d}{suffix}.json"
    r["verdicts"] = [{"target": t, "measured": m, "goal": g, "pass": ok}
                     for t, m, g, ok in verdicts(r)]
    json_path.write_text(json.dumps(r, indent=2, default=str) + "\n")
    md_path = RESULTS / f"referrals-latest{suffix}.md"
    md_path.write_text(_markdown(r, json_path.name, stamp))
    return json_path, md_path


def _markdown(r: dict, json_name: str, stamp: datetime) -> str:
    sub, bare = r["submission"]["referral"], r["submission"]["bare"]
    quick = ", QUICK" if r["config"]["quick"] else ""
    lines = [f"# Referrals benchmark ({stamp:%Y-%m-%d %H:%M} UTC{quick})",
             "", f"Figures: `{json_name}`. Machine: {r['machine']['nproc']} cores, "
             f"{r['machine']['memory_mb']} MB; {r['machine']['postgresql'].split(' on ')[0]}. "
             f"Server: uvicorn --workers 2; client: {r['client']} on the same 2 cores. "
             f"Auth: {r['auth_mode']}.", "",
             "| target | measured | goal | result |", "|---|---|---|---|"]
    lines += [f"| {t} | {m} | {g} | {'PASS' if ok else 'FAIL'} |" for t, m, g, ok in verdicts(r)]
    lines += ["", "| load (32 clients) | req/s | p50 ms | p95 ms | p99 ms | non-2xx | "
              "CPU ms per request: workers / PostgreSQL / rest | machine busy |",
              "|---|---|---|---|---|---|---|---|"]
    loads = [("POST /api/v1/referrals", sub), ("POST /bench/bare", bare)]
    if "audited_row" in r["submission"]:
        loads.append(("POST /api/v1/bench/audited-row (reference)",
                      r["submission"]["audited_row"]))
    for name, x in loads:
        lm, c = x["latency_ms"], x.get("cpu", {})
        lines.append(f"| {name} | {x['throughput_rps']:.0f} | {lm['p50']} | {lm['p95']} | "
                     f"{lm['p99']} | {x['non_2xx_3xx']} | {c.get('workers_ms')} / "
                     f"{c.get('postgres_ms')} / {c.get('other_ms')} | "
                     f"{c.get('machine_busy_percent')}% |")
    lines += ["", "The reference row is the bare insert plus what every /api/v1 write also "
              "does (an API key checked, an audit entry in the same transaction); it is not "
              "a target."]
    if "audited_row" in r["submission"]:
        ratio = r["submission"]["audited_row"]["throughput_rps"] / bare["throughput_rps"]
        lines[-1] += (f" It reaches {ratio:.2f}x the bare insert: a bound on what any "
                      "authenticated, audited write can reach against it on this machine.")
    lines += ["", "| people (referrals) | search over HTTP p50/p95/p99 ms | "
              "in-process p50/p95/p99 ms | load s |", "|---|---|---|---|"]
    for s in r["match"]:
        h, i = s["http"], s["in_process"]
        lines.append(f"| {s['people']:,} ({s['referrals']:,}) | {h['p50']} / {h['p95']} / "
                     f"{h['p99']} | {i['p50']} / {i['p95']} / {i['p99']} | {s['load_seconds']} |")
    lines += ["", f"Peak RSS per worker (MB): {r['memory']['peak_rss_mb_per_worker']}; "
              f"total load time {r['load_seconds_total']} s.", ""]
    return "\n".join(lines)


BUSY = 25  # per cent of the machine's CPU busy as the bench started: others were running


def load_note(load: dict[str, tuple[float, ...]], busy_at_start: float) -> str:
    """The load averages measured (1, 5, 15 min), how busy the machine was as the bench started
    (sampled: the load average still counts a run that has just ended) and, only when other
    work was running then, a warning that the wall-clock figures are pessimistic."""
    def shown(key: str) -> str:
        return " / ".join(f"{x:.2f}" for x in load[key]) if key in load else "n/a"
    text = (f"Load average (1 / 5 / 15 min): {shown('start')} at start, {shown('before')} "
            f"before measuring, {shown('after')} after (this bench's own load counts in the "
            f"last two). CPU busy at start, sampled over {cpu.SAMPLE_SECONDS} s: "
            f"{busy_at_start}%.")
    if busy_at_start >= BUSY:
        text += (" **The machine was busy with other work when the bench started: latencies "
                 "are pessimistic and noisy; worker CPU ms per request is the figure to "
                 "compare.**")
    return text


def print_request_costs(heading: str, results: dict, extra: tuple[str, ...] = (),
                        sql_width: int = 400) -> None:
    """The in-process request-cost table (bench/request_cost.py, bench/meeting_request_cost.py):
    CPU ms per request and statements per route, then any `extra` columns, captured statements
    and profiles."""
    print(f"{heading}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})\n")
    columns = ("route", "mean", "p50", "p95", "SQL statements", *extra)
    print("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns))
    for name, r in results.items():
        cells = [name, r["mean"], r["p50"], r["p95"], r["sql"], *(r[c] for c in extra)]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    for name, r in results.items():
        for sql in r.get("statements", []):
            print(f"\n{name}: {' '.join(sql.split())[:sql_width]}")
    for name, r in results.items():
        if "profile" in r:
            print(f"\n## cProfile: {name}\n\n{r['profile']}")
