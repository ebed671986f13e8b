"""Readiness: can this worker do its work? A pooled connection answers, the schema is at the
migrations' head, and requests are not failing on the database right now. The probe's answer is
kept for a moment, so probes every second cost next to nothing.
"""

import threading
import time
from collections import deque
from functools import lru_cache
from pathlib import Path

import structlog
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

log = structlog.get_logger("api.readiness")
# Beside the package in a checkout; in the image, in the working directory (/app/migrations).
_MIGRATIONS = (Path(__file__).resolve().parents[1] / "migrations", Path.cwd() / "migrations")


@lru_cache(maxsize=1)
def migration_heads() -> frozenset[str]:
    """The head revision(s) of the migrations shipped with this code; read once per process."""
    directory = next((path for path in _MIGRATIONS if (path / "versions").is_dir()), None)
    if directory is None:
        return frozenset()
    return frozenset(ScriptDirectory(str(directory)).get_heads())


class Readiness:
    # This many requests answered 503 for the database within the window: not ready, however
    # well a single probe query fares between faults (connections killed every few ms).
    FAILURES = 5
    WINDOW_SECONDS = 5.0

    def __init__(self, engine: Engine, keep_seconds: float = 2.0) -> None:
        self._engine = engine
        self._keep = keep_seconds
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._failure: str | None = None
        self._recent_failures: deque[float] = deque(maxlen=self.FAILURES)

    def note_database_failure(self) -> None:
        """Called when a request failed on the database (api/errors.py answers it 503)."""
        self._recent_failures.append(time.monotonic())

    def failure(self) -> str | None:
        """Why the worker is not ready, or None; probes at most once per `keep_seconds`."""
        failures = list(self._recent_failures)
        if len(failures) == self.FAILURES \
                and time.monotonic() - failures[0] < self.WINDOW_SECONDS:
            return "Requests are failing on the database."
        with self._lock:  # concurrent probes wait for one check rather than each running one
            if time.monotonic() - self._checked_at >= self._keep:
                self._failure = self._probe()
                self._checked_at = time.monotonic()
            return self._failure

    def _probe(self) -> str | None:
        try:  # the app's own pool and timeouts: an exhausted pool or a dead server fails here
            with self._engine.connect() as connection:
                applied = frozenset(connection.scalars(
                    text("SELECT version_num FROM alembic_version")))
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            log.warning("not_ready", reason="database", error_class=type(exc).__name__)
            return "The database is not reachable within the pool's timeout."
        heads = migration_heads()
        if not heads or applied != heads:
            log.warning("not_ready", reason="migrations")
            return "The database schema is not at this version's migration head."
        return None
