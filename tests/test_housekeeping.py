"""Housekeeping deletes expired idempotency records and quiet failed-login counters, and only
those: at start-up and on its interval inside the app, or once from the command line."""

import os
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.config import Settings
from api.db import utcnow
from api.housekeeping import purge
from api.idempotency import IdempotencyRecord
from api.identity.models import LoginThrottle
from api.main import create_app
from tests.support.databases import ROOT


def _record(session: Session, expires_at: datetime) -> str:
    key = f"hk-{uuid.uuid4()}"
    session.add(IdempotencyRecord(
        caller="api_key:test", key=key, request_hash="0" * 64, status_code=201,
        response_body={"victim": "a name that must not outlive its 24 hours"},
        created_at=expires_at - timedelta(hours=24), expires_at=expires_at))
    return key


def _throttle(session: Session, **values: object) -> str:
    key = uuid.uuid4().hex
    session.add(LoginThrottle(key_hash=key, identity_hash=key, **{"failures": 1, **values}))
    return key


def _keys_left(session: Session, keys: list[str]) -> set[str]:
    return set(session.scalars(select(IdempotencyRecord.key)
                               .where(IdempotencyRecord.key.in_(keys))))


def _throttles_left(session: Session, identities: list[str]) -> set[str]:
    return set(session.scalars(select(LoginThrottle.key_hash)
                               .where(LoginThrottle.key_hash.in_(identities))))


def test_purge_deletes_only_what_is_past_its_time(session: Session, settings: Settings) -> None:
    now = utcnow()
    expired = _record(session, now - timedelta(seconds=1))
    live = _record(session, now + timedelta(hours=23))
    quiet = _throttle(session, last_failure_at=now - timedelta(hours=25))
    recent = _throttle(session, last_failure_at=now - timedelta(hours=23))
    # A client that logged in lately stays known (exempt from the identity's delay) for days.
    known = _throttle(session, failures=0, last_failure_at=None,
                      last_success_at=now - timedelta(days=29))
    forgotten = _throttle(session, failures=0, last_failure_at=None,
                          last_success_at=now - timedelta(days=31))
    in_progress = _throttle(session, failures=0, last_failure_at=None)
    session.commit()

    purged = purge(session, settings, now)

    assert purged.idempotency_keys >= 1 and purged.login_throttles >= 1
    assert _keys_left(session, [expired, live]) == {live}
    assert _throttles_left(session, [quiet, recent, known, forgotten, in_progress]) == {
        recent, known, in_progress}


def test_the_app_purges_at_start_up(settings: Settings, session: Session) -> None:
    expired = _record(session, utcnow() - timedelta(minutes=1))
    session.commit()
    app = create_app(settings.model_copy(update={"housekeeping_interval_seconds": 3600}))
    try:
        with TestClient(app):
            deadline = time.monotonic() + 10
            while _keys_left(session, [expired]) and time.monotonic() < deadline:
                session.rollback()  # see other transactions' commits
                time.sleep(0.05)
            session.rollback()
            assert _keys_left(session, [expired]) == set()
    finally:
        app.state.engine.dispose()


def test_the_command_purges_once(settings: Settings, session: Session) -> None:
    expired = _record(session, utcnow() - timedelta(minutes=1))
    session.commit()
    env = {**os.environ, "MARAC_DATABASE_URL": settings.database_url}
    done = subprocess.run([sys.executable, "-m", "api.housekeeping"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "expired idempotency record(s)" in done.stdout
    session.rollback()
    assert _keys_left(session, [expired]) == set()
