"""A database of its own per test with a keyed chain in it, and the tools of someone who can
write the audit tables directly (bypassing the triggers) but does not hold the audit key."""

import os
import secrets
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Executable, select, text

from api.audit import keys
from api.audit.chain import AuditRecord, append, entry_hash, unkeyed_hash
from api.audit.keys import AuditKey, Keyring, audit_key
from api.audit.models import AuditEntry
from api.db import make_engine, utcnow
from tests.support.databases import ROOT, fresh_database, migrate

LANE = 3  # the fixture's five entries, seq 1..5, lane_seq 1..5
OTHER_LANE = 5  # and two more, seq 6..7


@dataclass(frozen=True)
class Chain:
    url: str
    engine: Engine
    secret: str  # MARAC_AUDIT_KEY

    @property
    def ring(self) -> Keyring:
        return keys.bound(self.engine)


def make_record(**overrides: Any) -> AuditRecord:
    fields: dict[str, Any] = {
        "occurred_at": utcnow(), "request_id": uuid.uuid4().hex, "actor_kind": "user",
        "actor_id": uuid.uuid4(), "agency_id": uuid.uuid4(), "roles": "coordinator",
        "action": "getCase", "method": "GET", "route": "/api/v1/cases/{case_id}",
        "resource_type": "cases", "resource_id": str(uuid.uuid4()), "status": 200,
        "outcome": "success", "subject_hash": None, **overrides}
    return AuditRecord(**fields)


@contextmanager
def keyed_chain(backend: str, directory: Path) -> Iterator[Chain]:
    """A database of its own, so tampering never breaks the shared test chain."""
    with fresh_database(backend, directory) as url:
        migrate(url)
        engine = make_engine(url)
        secret = secrets.token_urlsafe(48)
        keys.bind(engine, Keyring(audit_key(secret)))
        for lane, count in ((LANE, 5), (OTHER_LANE, 2)):
            for _ in range(count):
                append(engine, make_record(), lane=lane)
        try:
            yield Chain(url, engine, secret)
        finally:
            engine.dispose()


def tamper(engine: Engine, sql: str | Executable, params: dict[str, Any] | None = None) -> None:
    """Bypasses the append-only triggers, as the tables' owner or a superuser could."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            for trigger in ("audit_entries_no_update", "audit_entries_no_delete",
                            "audit_chain_heads_forward", "audit_chain_heads_no_delete"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        conn.execute(text(sql) if isinstance(sql, str) else sql, params or {})


def entries(engine: Engine, lane: int) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(AuditEntry.__table__).where(AuditEntry.lane == lane)
                                 .order_by(AuditEntry.lane_seq)))


def record_of_row(row: Any) -> AuditRecord:
    return AuditRecord(**{name: getattr(row, name) for name in AuditRecord.__dataclass_fields__})


def forged_hash(guess: AuditKey | None, prev_hash: str, lane: int, lane_seq: int,
                record: AuditRecord) -> str:
    """The best an attacker without the key can do: their own key, or the unkeyed formula."""
    if guess is None:
        return unkeyed_hash(prev_hash, lane, lane_seq, record)
    return entry_hash(guess, prev_hash, lane, lane_seq, record)


def relink(engine: Engine, lane: int, guess: AuditKey | None, start: int = 1,
           status: int | None = None) -> None:
    """Rewrites `lane` from lane_seq `start` on (with `status` in that entry), recomputes
    every later link with `guess` instead of the real key, and moves the head to match."""
    prev_hash = "0" * 64
    for row in entries(engine, lane):
        if row.lane_seq < start:
            prev_hash = row.hash
            continue
        record = record_of_row(row)
        if row.lane_seq == start and status is not None:
            record = replace(record, status=status)
        digest = forged_hash(guess, prev_hash, lane, row.lane_seq, record)
        tamper(engine, "UPDATE audit_entries SET status = :status, prev_hash = :prev, "
               "hash = :hash, key_id = :key_id WHERE seq = :seq",
               {"status": record.status, "prev": prev_hash, "hash": digest, "seq": row.seq,
                "key_id": row.key_id if guess else None})
        prev_hash = digest
    last = entries(engine, lane)[-1]
    tamper(engine, "UPDATE audit_chain_heads SET seq = :seq, hash = :hash WHERE lane = :lane",
           {"seq": last.lane_seq, "hash": last.hash, "lane": lane})


def cli(chain: Chain, module: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "MARAC_DATABASE_URL": chain.url,
                   "MARAC_AUDIT_KEY": chain.secret, "MARAC_ENVIRONMENT": "production", **env}
    command = [sys.executable, "-m", module, *args]  # this project's own commands, no shell
    return subprocess.run(command, cwd=ROOT, env=environment,  # noqa: S603
                          capture_output=True, text=True, timeout=120, check=False)
