"""On PostgreSQL the service runs as a role that can append to and read the audit trail but not
rewrite it (`python -m api.db_roles`); migrations run as the owner."""

import os
import secrets
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, make_url, select, text
from sqlalchemy.exc import DBAPIError

from api.audit import keys
from api.audit.chain import append
from api.audit.keys import Keyring, audit_key
from api.audit.models import AuditEntry
from api.audit.verify import verify_chain
from api.config import Settings
from api.db import make_engine
from api.db_roles import RoleRefused, grant_app_role
from api.main import create_app
from api.security.principal import Role
from tests.audit.chains import make_record
from tests.referrals.factories import referral_body
from tests.support.auth import login_headers, make_agency, make_panel
from tests.support.databases import PG_ADMIN_URL, ROOT, fresh_database, migrate

INSUFFICIENT_PRIVILEGE = "42501"
REFUSED = (
    "UPDATE audit_entries SET status = 500",
    "DELETE FROM audit_entries",
    "TRUNCATE audit_entries",
    "ALTER TABLE audit_entries DISABLE TRIGGER ALL",
    "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only",
    "DROP TRIGGER audit_entries_append_only ON audit_entries",
    "ALTER TABLE audit_entries ADD COLUMN note text",
    "DROP TABLE audit_entries",
    "SET session_replication_role = replica",
    "SELECT setval('audit_entries_seq_seq', 1)",
    "DELETE FROM audit_chain_heads",
    "TRUNCATE audit_chain_heads",
    "INSERT INTO audit_chain_heads (lane, seq, hash) VALUES (99, 0, 'x')",
    "UPDATE audit_chain_heads SET lane = 99 WHERE lane = 0",
    "ALTER TABLE audit_chain_heads DISABLE TRIGGER audit_chain_heads_forward",
    "UPDATE alembic_version SET version_num = '0001'",
)


@pytest.fixture
def app_role(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(owner's URL, service role's URL) of a fresh, migrated database with the role granted."""
    role = f"marac_app_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with fresh_database("postgresql", tmp_path) as url:
            migrate(url)
            env = {**os.environ, "MARAC_DATABASE_URL": url, "MARAC_APP_ROLE": role}
            granted = subprocess.run([sys.executable, "-m", "api.db_roles"], cwd=ROOT, env=env,
                                     capture_output=True, text=True, timeout=120, check=False)
            assert granted.returncode == 0, granted.stdout + granted.stderr
            app_url = make_url(url).set(username=role).render_as_string(hide_password=False)
            yield url, app_url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def test_the_service_role_appends_and_reads_but_cannot_rewrite_the_trail(
        app_role: tuple[str, str]) -> None:
    _, app_url = app_role
    engine = make_engine(app_url)
    ring = keys.bind(engine, Keyring(audit_key(secrets.token_urlsafe(48))))
    try:
        append(engine, make_record(), lane=3)
        for statement in REFUSED:
            with pytest.raises(DBAPIError) as refused, engine.begin() as conn:
                conn.execute(text(statement))
            assert getattr(refused.value.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE, (
                statement, refused.value.orig)
        # Moving a head is granted (every append does), but only onto its lane's next entry.
        with pytest.raises(DBAPIError, match="only move forward"), engine.begin() as conn:
            conn.execute(text("UPDATE audit_chain_heads SET seq = 0 WHERE lane = 3"))
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(AuditEntry)).scalar() == 1
        assert verify_chain(engine, ring).intact
    finally:
        engine.dispose()


def test_the_service_works_as_its_role(app_role: tuple[str, str]) -> None:
    """Logging in, submitting and triaging a referral, all audited, need nothing more."""
    _, app_url = app_role
    migrate(app_url)  # at head already: the service role may check, not change, the schema
    settings = Settings(database_url=app_url, environment="test",
                        jwt_secret=secrets.token_urlsafe(48), housekeeping_interval_seconds=0)
    app = create_app(settings)
    try:
        with TestClient(app) as client, app.state.sessionmaker() as session:
            agency = make_agency(session)
            panel = make_panel(session, agency)
            headers = login_headers(client, session, Role.coordinator, panel, agency=agency)
            submitted = client.post("/api/v1/referrals", json=referral_body(panel.id),
                                    headers=headers)
            assert submitted.status_code == 201, submitted.text
            triaged = client.post(f"/api/v1/referrals/{submitted.json()['id']}/triage",
                                  json={"outcome": "accept_new_case"},
                                  headers={**headers, "If-Match": submitted.headers["ETag"]})
            assert triaged.status_code == 200, triaged.text
        report = verify_chain(app.state.engine, app.state.audit_keys)
        assert report.intact and report.checked >= 3
    finally:
        app.state.engine.dispose()


def test_the_grant_refuses_the_owner_and_odd_names(app_role: tuple[str, str]) -> None:
    owner_url, _ = app_role
    engine = make_engine(owner_url)
    try:
        for role in ("postgres", 'x"; DROP TABLE audit_entries; --', "Upper"):
            with pytest.raises(RoleRefused), engine.begin() as conn:
                grant_app_role(conn, role)
    finally:
        engine.dispose()
