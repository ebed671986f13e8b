"""Altering, deleting, re-ordering or truncating audit rows is detected by the verify command."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from api.audit.chain import AuditRecord, append
from api.audit.models import LANES
from api.audit.verify import verify_chain
from api.db import make_engine, utcnow
from tests.support.databases import BACKENDS, ROOT, fresh_database, migrate


@pytest.fixture(params=BACKENDS)
def chain_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A database of its own, so tampering never breaks the shared test chain."""
    with fresh_database(request.param, tmp_path) as url:
        migrate(url)
        engine = make_engine(url)
        for n in range(5):  # seq 1..5 on lane 3, lane_seq 1..5
            append(engine, lane=3, record=AuditRecord(
                occurred_at=utcnow(), request_id=f"req-{n}", actor_kind="user",
                actor_id=uuid.uuid4(), agency_id=uuid.uuid4(), roles="coordinator",
                action="getCase", method="GET", route="/api/v1/cases/{case_id}",
                resource_type="cases", resource_id=str(uuid.uuid4()), status=200,
                outcome="success", subject_hash=None))
        yield url, engine
        engine.dispose()


def _tamper(engine: Engine, sql: str) -> None:
    """Bypasses the append-only triggers, as someone with direct database access could."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_delete"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_chain_heads_forward"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_chain_heads_no_delete"))
        conn.execute(text(sql))


def _cli(url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MARAC_DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "api.audit.verify"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_intact_chain_verifies(chain_db: tuple[str, Engine]) -> None:
    url, engine = chain_db
    assert verify_chain(engine).intact and verify_chain(engine).checked == 5
    result = _cli(url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "intact: 5 entries" in result.stdout


def test_altered_row_is_named(chain_db: tuple[str, Engine]) -> None:
    url, engine = chain_db
    _tamper(engine, "UPDATE audit_entries SET status = 404 WHERE seq = 3")
    report = verify_chain(engine)
    assert (report.lane, report.lane_seq, report.first_broken_seq, report.checked) == (3, 3, 3, 2)
    result = _cli(url)
    assert result.returncode == 1
    assert "lane=3 lane_seq=3 seq=3" in result.stdout and "altered" in result.stdout


def test_deleted_row_is_detected_at_the_next(chain_db: tuple[str, Engine]) -> None:
    url, engine = chain_db
    _tamper(engine, "DELETE FROM audit_entries WHERE seq = 2")
    assert verify_chain(engine).first_broken_seq == 3
    assert _cli(url).returncode == 1


def test_a_removed_tail_is_detected_by_the_lane_head(chain_db: tuple[str, Engine]) -> None:
    url, engine = chain_db
    _tamper(engine, "DELETE FROM audit_entries WHERE seq >= 4")
    report = verify_chain(engine)
    assert (report.intact, report.lane, report.lane_seq, report.checked) == (False, 3, 3, 3)
    assert "removed" in (report.reason or "")
    assert "lane=3" in _cli(url).stdout


def test_a_removed_head_row_is_detected(chain_db: tuple[str, Engine]) -> None:
    _, engine = chain_db
    _tamper(engine, "DELETE FROM audit_chain_heads WHERE lane = 3")
    report = verify_chain(engine)
    assert (report.lane, report.lane_seq, report.checked) == (3, 1, 0)


def test_heads_only_move_forward(chain_db: tuple[str, Engine]) -> None:
    _, engine = chain_db
    for sql in ("UPDATE audit_chain_heads SET seq = 2 WHERE lane = 3",
                "DELETE FROM audit_chain_heads WHERE lane = 3"):
        with pytest.raises(Exception, match="only move forward"), engine.begin() as conn:
            conn.execute(text(sql))
    assert verify_chain(engine).intact


def test_the_database_refuses_updates_and_deletes(chain_db: tuple[str, Engine]) -> None:
    _, engine = chain_db
    for sql in ("UPDATE audit_entries SET status = 500", "DELETE FROM audit_entries"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(sql))
    assert verify_chain(engine).checked == 5


def test_concurrent_appends_keep_every_lane_linear(chain_db: tuple[str, Engine]) -> None:
    from concurrent.futures import ThreadPoolExecutor
    _, engine = chain_db
    record = AuditRecord(occurred_at=utcnow(), request_id=None, actor_kind=None, actor_id=None,
                         agency_id=None, roles="", action="getMe", method="GET",
                         route="/api/v1/auth/me", resource_type="me", resource_id=None,
                         status=401, outcome="refused", subject_hash=None)
    with ThreadPoolExecutor(max_workers=8) as pool:  # threads share lanes, some share one
        list(pool.map(lambda n: append(engine, record, lane=n % 3), range(40)))
        list(pool.map(lambda _: append(engine, record), range(40)))
    report = verify_chain(engine)
    assert report.intact and report.checked == 85
    with engine.connect() as conn:
        lanes = conn.execute(text("SELECT DISTINCT lane FROM audit_entries")).scalars().all()
    assert {0, 1, 2, 3} <= set(lanes) and all(0 <= lane < LANES for lane in lanes)
