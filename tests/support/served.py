"""The app served by a real Uvicorn process on a free loopback port, as scripts/run.sh serves it."""

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
# The protocol options scripts/run.sh and the Dockerfile serve with.
SERVE_ARGS = ["--http", "api.http_limits:Protocol"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(database_url: str, **env: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Yields the base URL and the process; stops it afterwards."""
    port = free_port()
    environ = {**os.environ, "MARAC_DATABASE_URL": database_url, "MARAC_ENVIRONMENT": "test",
               "MARAC_JWT_SECRET": secrets.token_urlsafe(48),
               "MARAC_HOUSEKEEPING_INTERVAL_SECONDS": "0", **env}
    process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-m", "uvicorn", "api.asgi:app", "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", *SERVE_ARGS],
        cwd=ROOT, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Generous: under pytest-xdist on a busy 2-core machine, importing the app alone can take a while.
START_UP_SECONDS = 90


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_UP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"uvicorn did not come up within {START_UP_SECONDS} s")


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")
