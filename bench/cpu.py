"""Where the machine's CPU went during a load: the app's workers, PostgreSQL, the rest.

Read from /proc: utime+stime of each process (PostgreSQL backends that exit during the phase
are counted through the postmaster's reaped-children times), and /proc/stat for the machine.
Divided by the requests served, it says what one request costs on each side.
"""

import os
import time
from pathlib import Path

from bench.server import worker_pids

_HZ = os.sysconf("SC_CLK_TCK")


def _stat(pid: str) -> tuple[str, int, int, int] | None:
    """(command, parent, own ticks, reaped children's ticks) of a process."""
    try:
        raw = (Path("/proc") / pid / "stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return (raw[raw.index("(") + 1:raw.rindex(")")], int(fields[1]),
            int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]))


def snapshot(master: int) -> dict[str, float]:
    """CPU seconds so far: the workers, PostgreSQL, and the whole machine (busy)."""
    procs = {pid: s for pid in os.listdir("/proc") if pid.isdigit() and (s := _stat(pid))}
    workers = {str(p) for p in worker_pids(master)}
    postgres = 0
    for command, parent, own, children in procs.values():
        if command.startswith("postgres"):
            postgres += own
            if procs.get(str(parent), ("",))[0] != "postgres":  # the postmaster
                postgres += children
    return {"workers": sum(procs[p][2] for p in workers if p in procs) / _HZ,
            "postgres": postgres / _HZ,
            "machine": _machine_ticks()[0] / _HZ}


def per_request(before: dict[str, float], after: dict[str, float], requests: int,
                seconds: float) -> dict[str, float]:
    """CPU milliseconds per request on each side, and how busy the machine was (of 100% x
    cores)."""
    spent = {k: after[k] - before[k] for k in before}
    n = max(requests, 1)
    return {"workers_ms": round(spent["workers"] * 1000 / n, 2),
            "postgres_ms": round(spent["postgres"] * 1000 / n, 2),
            "other_ms": round((spent["machine"] - spent["workers"] - spent["postgres"])
                              * 1000 / n, 2),
            "machine_busy_percent": round(spent["machine"] / seconds / (os.cpu_count() or 1)
                                          * 100, 1)}


def _machine_ticks() -> tuple[int, int]:
    """The whole machine's busy ticks (all but idle and I/O wait) and all its ticks."""
    with open("/proc/stat") as stat:
        ticks = [int(x) for x in stat.readline().split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


SAMPLE_SECONDS = 2


def busy_percent() -> float:
    """How busy the machine is now (of 100% x cores), over a short sample: unlike the load
    average, which trails a minute behind, it does not count a run that has just ended."""
    busy, total = _machine_ticks()
    time.sleep(SAMPLE_SECONDS)
    busy_after, total_after = _machine_ticks()
    return round((busy_after - busy) / max(total_after - total, 1) * 100, 1)
