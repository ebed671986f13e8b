"""The load generator: wrk (compiled, two threads) driven by lua/post.lua or lua/get.lua."""

import json
import re
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

LUA = Path(__file__).resolve().parent / "lua" / "post.lua"


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk_version() -> str:
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)  # noqa: S607
    return (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else "wrk"


def run_wrk(url: str, *, bodies: Path, auth: Path | None, idempotency: bool,
            connections: int, duration: float, threads: int = 2, nonce: int = 1,
            script: Path = LUA) -> dict:
    """One closed-loop run: `connections` clients each sending the next request on reply."""
    env = {"BENCH_BODIES": str(bodies), "BENCH_AUTH": str(auth) if auth else "",
           "BENCH_IDEMPOTENCY": "1" if idempotency else "", "BENCH_NONCE": str(nonce),
           "PATH": "/usr/bin:/bin"}
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration:.0f}s",
           "--timeout", "10s", "-s", str(script), url]
    return _run(cmd, env, url, connections, threads, duration)


def _run(cmd: list[str], env: dict[str, str], url: str, connections: int, threads: int,
         duration: float) -> dict:
    """Runs wrk and, a second into the run, notes how its connections are spread over the
    server's worker processes: the kernel hands each new connection to whichever worker
    accepts first, so four keep-alive connections often land 3 and 1, or all 4 on one worker,
    and that worker's requests then queue behind each other while the other worker idles."""
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,  # noqa: S603
                          text=True, env=env) as proc:
        time.sleep(min(1.0, duration / 2))
        split = connection_split(urlsplit(url).port or 80)
        stdout, stderr = proc.communicate(timeout=duration + 60)
    out = subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)
    return _summary(out, connections, threads) | {"connections_per_worker": split}


_OWNER = re.compile(r"pid=(\d+),")


def connection_split(port: int) -> list[int]:
    """Established connections to `port` per server process that holds any, most first (from
    `ss`); a worker holding none is not listed."""
    command = ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"]
    listed = subprocess.run(command, capture_output=True, text=True,  # noqa: S603,S607
                            check=False).stdout
    per_process = Counter(m.group(1) for line in listed.splitlines()
                          if (m := _OWNER.search(line)))
    return sorted(per_process.values(), reverse=True)


def _summary(out: subprocess.CompletedProcess[str], connections: int, threads: int) -> dict:
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary: {out.stdout[-500:]} {out.stderr[-500:]}")
    result = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = result["duration_us"] / 1e6
    ok = sum(n for s, n in result["statuses"].items() if 200 <= int(s) < 300)
    result.update(seconds=round(seconds, 2), ok=ok,
                  throughput_rps=round(ok / seconds, 1) if seconds else 0.0,
                  latency_ms={k: round(v / 1000, 2) for k, v in result.pop("latency_us").items()},
                  connections=connections, threads=threads)
    return result


GET_LUA = Path(__file__).resolve().parent / "lua" / "get.lua"


def run_wrk_get(base: str, *, paths: Path, auth: Path, connections: int, duration: float,
                threads: int = 2) -> dict:
    """A closed-loop GET run cycling over the paths in `paths` (one per line)."""
    env = {"BENCH_PATHS": str(paths), "BENCH_AUTH": str(auth), "PATH": "/usr/bin:/bin"}
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration:.0f}s",
           "--timeout", "10s", "-s", str(GET_LUA), base]
    return _run(cmd, env, base, connections, threads, duration)


def split_text(run: dict, workers: int = 2) -> str:
    """The run's connections per worker as '2+2', '3+1' or '4+0'."""
    split = list(run.get("connections_per_worker", []))
    split += [0] * (workers - len(split))
    return "+".join(str(n) for n in split) if any(split) else "?"


SPLIT_NOTE = ("Connections per worker: how wrk's keep-alive connections were spread over the "
              "two uvicorn workers, read with `ss` a second into the run. The kernel gives a "
              "burst of new connections to whichever worker accepts first (3+1 or 4+0 in 6 of "
              "8 tries), and a worker holding 3 or 4 serves their requests one after another "
              "on one core while the other idles; the served protocol (api/http_limits.py) "
              "now asks some clients of a worker over its share to reconnect, which evens "
              "the split out during the warm-up.")
