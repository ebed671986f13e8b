"""Housekeeping: rows that have served their purpose are deleted, not kept for ever.

- Idempotency records older than their 24 hours. They hold a copy of the response they replay,
  and a submission's response names the people in it: personal data kept no longer than needed.
- Failed-login counters of identities that have been quiet for `login_throttle_forget_hours`
  (including those of emails that match no account, which nothing else would ever delete).

Every worker runs it every `housekeeping_interval_seconds` (the first time at start-up); the
deletes only touch rows past their time, so workers running it together do no harm. With the
interval at 0, run `python -m api.housekeeping` from a scheduler instead.
"""

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

import anyio.to_thread
import structlog
from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from api.config import Settings, get_settings
from api.db import make_engine, make_sessionmaker, utcnow
from api.idempotency import purge_expired
from api.identity import throttle

log = structlog.get_logger("api.housekeeping")


@dataclass(frozen=True)
class Purged:
    idempotency_keys: int
    login_throttles: int


def purge(session: Session, settings: Settings, now: datetime | None = None) -> Purged:
    """Deletes what is past its time, in one transaction, and says how many rows went."""
    now = now or utcnow()
    purged = Purged(purge_expired(session, now), throttle.forget_quiet(session, settings, now))
    session.commit()
    return purged


def run_once(factory: sessionmaker[Session], settings: Settings) -> Purged:
    with factory() as session:
        purged = purge(session, settings)
    log.info("housekeeping", idempotency_keys=purged.idempotency_keys,
             login_throttles=purged.login_throttles)
    return purged


async def _every(app: FastAPI, seconds: int) -> None:
    while True:
        try:
            await anyio.to_thread.run_sync(run_once, app.state.sessionmaker, app.state.settings)
        except Exception as exc:  # noqa: BLE001 - a failed round must not stop the next one
            log.warning("housekeeping failed", error=type(exc).__name__)
        await asyncio.sleep(seconds)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Runs housekeeping in the background while the app serves, when an interval is set."""
    seconds = app.state.settings.housekeeping_interval_seconds
    task = asyncio.create_task(_every(app, seconds)) if seconds > 0 else None
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def main() -> int:
    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        purged = run_once(make_sessionmaker(engine), settings)
    finally:
        engine.dispose()
    print(f"deleted {purged.idempotency_keys} expired idempotency record(s) and "
          f"{purged.login_throttles} quiet failed-login counter(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
