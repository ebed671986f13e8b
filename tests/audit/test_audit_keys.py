"""The audit key: required to start, rotated without breaking older entries, and entries from
before the chain was keyed accepted only when asked, and never after a keyed one."""

import secrets
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select, text, update

from api.audit import keys
from api.audit.chain import append, columns, unkeyed_hash
from api.audit.keys import Keyring, MissingAuditKey, audit_key
from api.audit.models import AuditChainHead, AuditEntry
from api.audit.verify import verify_chain
from api.config import Settings
from api.db import make_engine
from api.main import create_app
from tests.audit.chains import make_record
from tests.support.databases import BACKENDS, fresh_database, migrate

JWT = secrets.token_urlsafe(48)


@pytest.mark.parametrize("key", [None, "short", JWT], ids=["missing", "short", "jwt-secret"])
def test_refuses_to_start_without_its_own_strong_key(key: str | None) -> None:
    with pytest.raises(MissingAuditKey):
        create_app(Settings(database_url="sqlite://", environment="production",
                            jwt_secret=JWT, audit_key=key))


def test_the_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    current, retired = secrets.token_urlsafe(48), secrets.token_urlsafe(48)
    monkeypatch.setenv("MARAC_AUDIT_KEY", current)
    monkeypatch.setenv("MARAC_AUDIT_RETIRED_KEYS", f'["{retired}"]')
    ring = keys.keyring(Settings())
    assert ring.current == audit_key(current) and ring.retired == (audit_key(retired),)
    assert current not in repr(ring) and ring.current.key_id not in (current, retired)


def test_an_app_keys_the_entries_it_audits(tmp_path: Path) -> None:
    with fresh_database("sqlite", tmp_path) as url:
        migrate(url)
        app = create_app(Settings(database_url=url, environment="test", jwt_secret=JWT))
        with TestClient(app) as client:
            client.get("/api/v1/auth/me")
        with app.state.engine.connect() as conn:
            key_ids = set(conn.execute(text("SELECT key_id FROM audit_entries")).scalars())
        assert key_ids == {app.state.audit_keys.current.key_id}
        assert verify_chain(app.state.engine, app.state.audit_keys).intact
        other = Keyring(audit_key(secrets.token_urlsafe(48)))
        assert not verify_chain(app.state.engine, other).intact
        app.state.engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_rotated_key_still_verifies_the_entries_it_made(backend: str, tmp_path: Path) -> None:
    old, new = audit_key(secrets.token_urlsafe(48)), audit_key(secrets.token_urlsafe(48))
    with fresh_database(backend, tmp_path) as url:
        migrate(url)
        engine = make_engine(url)
        keys.bind(engine, Keyring(old))
        append(engine, make_record(), lane=1)
        keys.bind(engine, Keyring(new, (old,)))
        append(engine, make_record(), lane=1)
        assert verify_chain(engine, Keyring(new, (old,))).checked == 2
        report = verify_chain(engine, Keyring(new))
        assert (report.lane_seq, report.checked) == (1, 0)
        assert "not configured" in (report.reason or "")
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_entries_from_before_the_key_verify_only_when_allowed(backend: str,
                                                              tmp_path: Path) -> None:
    ring = Keyring(audit_key(secrets.token_urlsafe(48)))
    with fresh_database(backend, tmp_path) as url:
        migrate(url, "0004")
        engine = make_engine(url)
        _append_unkeyed(engine, lane=2, count=2)  # as the app did before migration 0005
        migrate(url)
        keys.bind(engine, ring)
        append(engine, make_record(), lane=2)
        report = verify_chain(engine, ring)
        assert (report.intact, report.lane_seq) == (False, 1)
        assert "not keyed" in (report.reason or "")
        assert verify_chain(engine, ring, allow_unkeyed=True).checked == 3

        _append_unkeyed(engine, lane=2, count=1)  # never after a keyed entry
        report = verify_chain(engine, ring, allow_unkeyed=True)
        assert (report.intact, report.lane_seq) == (False, 4)
        engine.dispose()


def _append_unkeyed(engine: Engine, lane: int, count: int) -> None:
    """Appends as the app did before migration 0005: no key id, the unkeyed link. (The insert
    names no key_id, so it also runs on the tables as they were then.)"""
    with engine.begin() as conn:
        seq, prev = conn.execute(select(AuditChainHead.seq, AuditChainHead.hash)
                                 .where(AuditChainHead.lane == lane)).one()
        for lane_seq in range(seq + 1, seq + 1 + count):
            record = make_record()
            digest = unkeyed_hash(prev, lane, lane_seq, record)
            conn.execute(insert(AuditEntry.__table__).values(
                **columns(record), lane=lane, lane_seq=lane_seq, prev_hash=prev, hash=digest))
            conn.execute(update(AuditChainHead).where(AuditChainHead.lane == lane)
                         .values(seq=lane_seq, hash=digest))
            prev = digest
