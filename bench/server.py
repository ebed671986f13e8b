"""Starts `uvicorn bench.app:app --workers 2` in its own process group and samples its workers'
memory; stops the whole group whatever happens."""

import contextlib
import os
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def uvicorn_server(env: dict[str, str], port: int, workers: int, log: Path) -> Iterator[int]:
    """Yields the master pid once /health answers; kills the process group on exit."""
    cmd = [str(ROOT / ".venv/bin/uvicorn"), "bench.app:app", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--no-access-log",
           "--log-level", "warning", "--loop", "uvloop", "--http", "api.http_limits:Protocol"]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=out,  # noqa: S603
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_ready(proc, port, workers)
        yield proc.pid
    finally:
        _stop(proc)


def _wait_ready(proc: subprocess.Popen[bytes], port: int, workers: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {proc.returncode}: see the server log")
        # Not listening yet (OSError): poll again.
        with contextlib.suppress(OSError), urllib.request.urlopen(
                f"http://127.0.0.1:{port}/health", timeout=2):
            if len(worker_pids(proc.pid)) >= workers:
                return
        time.sleep(0.3)
    raise RuntimeError("uvicorn did not answer /health within 60 s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def worker_pids(master: int) -> list[int]:
    """Uvicorn's worker processes: children of the master that run Python (not the
    multiprocessing resource tracker, which also is a child)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master and b"resource_tracker" not in cmdline:
            pids.append(int(entry.name))
    return sorted(pids)


def _status_kb(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class MemorySampler:
    """Samples VmRSS of every worker every `interval` seconds in a background thread."""

    def __init__(self, master: int, interval: float = 0.2) -> None:
        self.master, self.interval = master, interval
        self.peak_rss_kb: dict[int, int] = {}
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in worker_pids(self.master):
                rss = _status_kb(pid, "VmRSS")
                if rss is not None:
                    self.peak_rss_kb[pid] = max(rss, self.peak_rss_kb.get(pid, 0))
            self.samples += 1
            self._stop.wait(self.interval)

    def report(self) -> dict[str, object]:
        """Peak RSS per worker (sampled) and the kernel's own high-water mark (VmHWM)."""
        hwm = {pid: _status_kb(pid, "VmHWM") for pid in worker_pids(self.master)}
        return {
            "samples": self.samples,
            "peak_rss_mb_per_worker": {str(p): round(kb / 1024, 1)
                                       for p, kb in sorted(self.peak_rss_kb.items())},
            "vm_hwm_mb_per_worker": {str(p): round(kb / 1024, 1)
                                     for p, kb in sorted(hwm.items()) if kb is not None},
            "peak_mb": round(max(list(self.peak_rss_kb.values()) +
                                 [kb for kb in hwm.values() if kb] + [0]) / 1024, 1),
        }
