"""The load generator: wrk (compiled, two threads) driven by lua/post.lua or lua/get.lua."""

import json
import shutil
import subprocess
from pathlib import Path

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
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False,  # noqa: S603
                         timeout=duration + 60)
    return _summary(out, connections, threads)


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
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False,  # noqa: S603
                         timeout=duration + 60)
    return _summary(out, connections, threads)
