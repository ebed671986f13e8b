"""Fault campaign: a retry storm and killed database connections against the served app, then a
count of what was submitted, stored, duplicated and lost, and of every 5xx by problem type.

    .venv/bin/python scripts/fault_campaign.py [--storm-keys 200] [--kill-keys 300]

Loopback only: it serves the app (Uvicorn, two workers, as scripts/run.sh serves it) on
127.0.0.1 with a PostgreSQL database of its own, created and dropped here. Every loop is bounded
in count and time. Figures go to bench/results/fault-campaign-latest.{json,md}. Not part of
`make test`.
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psycopg  # noqa: E402

from bench import database  # noqa: E402
from bench.bodies import referral_body  # noqa: E402
from bench.names import PersonFactory  # noqa: E402

RESULTS = ROOT / "bench" / "results"
TAG = re.compile(r"fault-[a-z]+-\d+")
ME = "fault-campaign"  # application_name of this script's own connections: never killed


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--storm-keys", type=int, default=200, help="keys in the retry storm")
    p.add_argument("--storm-copies", type=int, default=4, help="concurrent senders per key")
    p.add_argument("--kill-keys", type=int, default=300, help="submissions under killing")
    p.add_argument("--kill-every-ms", type=int, default=100)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--attempts", type=int, default=10, help="tries per sender before giving up")
    p.add_argument("--port", type=int, default=8741)
    p.add_argument("--time-limit", type=float, default=240, help="seconds per experiment, at most")
    return p.parse_args(argv)


class Tally:
    """Every answer the senders got, and which keys were acknowledged with which Location."""

    def __init__(self) -> None:
        self.answers: Counter[str] = Counter()
        self.acknowledged: dict[str, set[str]] = {}
        self.gave_up: set[str] = set()
        self.requests = 0

    def note(self, tag: str, response: httpx.Response | None, error: str | None) -> None:
        self.requests += 1
        if response is None:
            self.answers[f"no answer: {error}"] += 1
            return
        label = str(response.status_code)
        if response.status_code >= 400:
            kind = _problem_type(response)
            label = f"{response.status_code} {kind}"
        if response.headers.get("idempotent-replayed"):
            label += " (replayed)"
        self.answers[label] += 1
        if response.status_code == 201:
            self.acknowledged.setdefault(tag, set()).add(response.headers.get("location", ""))


def _problem_type(response: httpx.Response) -> str:
    try:
        return str(response.json().get("type", "untyped"))
    except ValueError:
        return "not a problem document"


async def send(client: httpx.AsyncClient, tally: Tally, tag: str, body: dict[str, Any],
               headers: dict[str, str], attempts: int, deadline: float) -> None:
    """One sender: retries until 201, a final refusal, `attempts` tries or the deadline."""
    for _ in range(attempts):
        if time.monotonic() > deadline:
            break
        try:
            response = await client.post("/api/v1/referrals", json=body, headers=headers)
        except httpx.HTTPError as exc:
            tally.note(tag, None, type(exc).__name__)
            await asyncio.sleep(0.2 + random.random() * 0.3)  # noqa: S311 - jitter only
            continue
        tally.note(tag, response, None)
        if response.status_code == 201:
            return
        if response.status_code not in (409, 429) and response.status_code < 500:
            break  # refused for good: retrying cannot help
        # Honour Retry-After, capped so a bounded campaign still retries several times.
        wait = min(float(response.headers.get("retry-after", "0.5")), 0.5)
        await asyncio.sleep(wait + random.random() * 0.2)  # noqa: S311 - jitter only
    tally.gave_up.add(tag)


def bodies(panel: str, prefix: str, count: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    rng, people, today = random.Random(seed), PersonFactory(seed), date.today()  # noqa: S311
    out = []
    for n in range(count):
        tag = f"fault-{prefix}-{n}"
        body = referral_body(rng, panel, people.person(), people.person(), [], today)  # type: ignore[arg-type]
        body["reason"] = f"Fault campaign {tag}: {body['reason']}"
        out.append((tag, body))
    return out


async def retry_storm(base: str, seeded: Any, args: argparse.Namespace) -> Tally:
    """Every key sent by several senders at once, each retrying: one referral per key."""
    tally = Tally()
    deadline = time.monotonic() + args.time_limit
    work = bodies(str(seeded.panel_id), "storm", args.storm_keys, 1)
    limits = httpx.Limits(max_connections=args.concurrency * args.storm_copies)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        gate = asyncio.Semaphore(args.concurrency)

        async def one_key(n: int, tag: str, body: dict[str, Any]) -> None:
            headers = {"Authorization": f"Bearer {seeded.api_keys[n % len(seeded.api_keys)]}",
                       "Idempotency-Key": f"storm-{n}-{secrets.token_hex(4)}"}
            async with gate:
                await asyncio.gather(*(send(client, tally, tag, body, headers, args.attempts,
                                            deadline) for _ in range(args.storm_copies)))

        await asyncio.gather(*(one_key(n, tag, body) for n, (tag, body) in enumerate(work)))
    return tally


async def killed_connections(base: str, url: str, seeded: Any, args: argparse.Namespace,
                             ) -> tuple[Tally, dict[str, Any]]:
    """Submissions (each retried with its key) while the app's connections are killed."""
    tally = Tally()
    deadline = time.monotonic() + args.time_limit
    work = bodies(str(seeded.panel_id), "killed", args.kill_keys, 2)
    stop = threading.Event()
    killer = Killer(url, args.kill_every_ms / 1000, stop)
    killer.start()
    ready: Counter[str] = Counter()
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        gate = asyncio.Semaphore(args.concurrency)

        async def one(n: int, tag: str, body: dict[str, Any]) -> None:
            headers = {"Authorization": f"Bearer {seeded.api_keys[n % len(seeded.api_keys)]}",
                       "Idempotency-Key": f"killed-{n}-{secrets.token_hex(4)}"}
            async with gate:
                await send(client, tally, tag, body, headers, args.attempts, deadline)

        async def probe_ready() -> None:
            while not stop.is_set():
                try:
                    ready[str((await client.get("/ready")).status_code)] += 1
                except httpx.HTTPError as exc:
                    ready[type(exc).__name__] += 1
                await asyncio.sleep(0.25)

        prober = asyncio.create_task(probe_ready())
        await asyncio.gather(*(one(n, tag, body) for n, (tag, body) in enumerate(work)))
        stop.set()
        await prober
    killer.join()
    return tally, {"kills": killer.kills, "rounds": killer.rounds, "ready": dict(ready)}


class Killer(threading.Thread):
    """pg_terminate_backend on every app connection to the campaign database, every interval."""

    def __init__(self, url: str, interval: float, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.url, self.interval, self.stop = database.pg_url(url), interval, stop
        self.kills = self.rounds = 0

    def run(self) -> None:
        with psycopg.connect(self.url, autocommit=True, application_name=ME) as conn:
            while not self.stop.wait(self.interval):
                row = conn.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend' AND application_name <> %s",
                    (ME,)).fetchone()
                self.kills += int(row[0]) if row else 0
                self.rounds += 1


def outcome(url: str, prefix: str, tally: Tally, keys: int) -> dict[str, Any]:
    """What the database holds for each key, against what the senders were told."""
    with psycopg.connect(database.pg_url(url), application_name=ME) as conn:
        rows = conn.execute("SELECT reason FROM referrals WHERE reason LIKE %s",
                            (f"Fault campaign fault-{prefix}-%",)).fetchall()
    stored = Counter(m.group(0) for (reason,) in rows if (m := TAG.search(reason)))
    acknowledged = set(tally.acknowledged)
    errors = {k: v for k, v in tally.answers.items() if k.startswith("5") or "no answer" in k}
    return {
        "keys_submitted": keys, "requests_sent": tally.requests,
        "keys_acknowledged": len(acknowledged),
        "keys_stored": len(stored), "rows_stored": sum(stored.values()),
        "duplicated_keys": sum(1 for c in stored.values() if c > 1),
        "duplicate_rows": sum(c - 1 for c in stored.values() if c > 1),
        "lost_keys": len(acknowledged - set(stored)),
        "stored_never_acknowledged": len(set(stored) - acknowledged),
        "keys_given_up": len(tally.gave_up - acknowledged),
        "inconsistent_locations": sum(1 for locs in tally.acknowledged.values() if len(locs) > 1),
        "answers": dict(sorted(tally.answers.items())),
        "errors_5xx_and_no_answer": dict(sorted(errors.items())),
    }


def serve(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MARAC_DATABASE_URL": url, "MARAC_ENVIRONMENT": "production",
           "MARAC_JWT_SECRET": secrets.token_urlsafe(48), "MARAC_API_KEY_RATE": "100000/minute",
           "MARAC_HOUSEKEEPING_INTERVAL_SECONDS": "0"}
    cmd = [str(ROOT / ".venv/bin/uvicorn"), "api.asgi:app", "--host", "127.0.0.1", "--port",
           str(port), "--workers", "2", "--no-access-log", "--http", "api.http_limits:Protocol"]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out,  # noqa: S603 - fixed argv
                                stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn exited: see {log}")
        with contextlib.suppress(httpx.HTTPError):  # not listening yet
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                return proc
        time.sleep(0.3)
    stop(proc)
    raise RuntimeError("the app was not ready within 60 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=wait)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def server_log_summary(log: Path) -> dict[str, int]:
    text = log.read_text(errors="replace")
    return {"unhandled_error": text.count("unhandled_error"),
            "response_already_started": text.count("already started"),
            "tracebacks": text.count("Traceback (most recent call last)"),
            "database_unavailable": text.count("database_unavailable"),
            "database_pool_exhausted": text.count("database_pool_exhausted"),
            "audit_write_failed": text.count("audit_write_failed"),
            "sql_parameters_logged": text.count("[parameters:"),
            "pool_reset_failed": text.count("Exception during reset")}


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    name = f"marac_fault_{secrets.token_hex(4)}"
    started = time.monotonic()
    results: dict[str, Any] = {"when": datetime.now(UTC).isoformat(timespec="seconds"),
                               "config": vars(args)}
    url = database.recreate(name)
    work = Path(tempfile.mkdtemp(prefix="fault-campaign-"))
    log = work / "server.log"
    try:
        seeded = database.seed(url, 8)
        proc = serve(url, args.port, log)
        base = f"http://127.0.0.1:{args.port}"
        try:
            storm = asyncio.run(retry_storm(base, seeded, args))
            results["retry_storm"] = outcome(url, "storm", storm, args.storm_keys)
            killed, faults = asyncio.run(killed_connections(base, url, seeded, args))
            results["killed_connections"] = {**outcome(url, "killed", killed, args.kill_keys),
                                             **faults}
        finally:
            stop(proc)
        results["server_log"] = server_log_summary(log)
    finally:
        database.drop(name)
    results["seconds"] = round(time.monotonic() - started, 1)
    write(results)
    return 0


def write(results: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "fault-campaign-latest.json").write_text(json.dumps(results, indent=2) + "\n")
    md = RESULTS / "fault-campaign-latest.md"
    md.write_text(markdown(results))
    print(md.read_text())


def markdown(r: dict[str, Any]) -> str:
    rows = ["keys_submitted", "requests_sent", "keys_acknowledged", "keys_stored", "rows_stored",
            "duplicated_keys", "duplicate_rows", "lost_keys", "stored_never_acknowledged",
            "keys_given_up", "inconsistent_locations"]
    storm, killed = r["retry_storm"], r["killed_connections"]
    lines = [f"# Fault campaign ({r['when']}, {r['seconds']} s)", "",
             "`scripts/fault_campaign.py`: the app served by Uvicorn (2 workers) on 127.0.0.1 "
             "with its own PostgreSQL database. Retry storm: every Idempotency-Key sent by "
             f"{r['config']['storm_copies']} senders at once, each retrying on 409/429/5xx. "
             f"Killed connections: pg_terminate_backend on every app connection every "
             f"{r['config']['kill_every_ms']} ms while submitting. Lost = acknowledged with 201 "
             "but not stored.", "",
             "| | retry storm | killed connections |", "|---|---:|---:|"]
    lines += [f"| {row.replace('_', ' ')} | {storm[row]} | {killed[row]} |" for row in rows]
    lines += ["", f"Connections killed: {killed['kills']} in {killed['rounds']} rounds; "
              f"/ready answers while killing: {killed['ready']}.", ""]
    for title, part in (("Retry storm", storm), ("Killed connections", killed)):
        lines += [f"## {title}: every answer", "", "| answer | count |", "|---|---:|"]
        lines += [f"| {k} | {v} |" for k, v in part["answers"].items()]
        lines += [""]
    lines += ["## Server log", "", "| event | lines |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in r["server_log"].items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
