"""The bench database: created fresh, migrated with Alembic, seeded with the demo panels, a
coordinator and partner API keys; secondary indexes dropped while COPY runs, then rebuilt."""

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

import psycopg
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from api.db import utcnow
from bench.tables import bench_rows, bench_state

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PANEL_SLUG = "demo-north-marac"


def url_for(name: str) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def recreate(name: str) -> str:
    """Drops and creates database `name`, migrates it to head; returns its URL."""
    from tests.support.databases import migrate
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = url_for(name)
    migrate(url)
    engine = create_engine(url)
    bench_rows.create(engine)
    engine.dispose()
    return url


def drop(name: str) -> None:
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@dataclass(frozen=True)
class Seeded:
    panel_id: uuid.UUID
    agency_ids: list[uuid.UUID]
    api_keys: list[str]          # presented form, mk_...
    api_key_ids: list[uuid.UUID]
    email: str
    password: str


def seed(url: str, keys: int) -> Seeded:
    """The demo panels and agencies, one coordinator on the bench panel, `keys` API keys
    with referrals:submit spread over the panel's member agencies."""
    from api.demo import load_demo
    from api.identity import api_keys
    from api.identity.models import PanelRole, User
    from api.panels.models import Panel, PanelAgency
    from api.security.passwords import hash_password
    from api.security.principal import Role, Scope

    engine = create_engine(url)
    password = secrets.token_urlsafe(16)
    with Session(engine) as s:
        load_demo(s)
        panel = s.scalars(select(Panel).where(Panel.slug == PANEL_SLUG)).one()
        agencies = list(s.scalars(select(PanelAgency.agency_id).where(
            PanelAgency.panel_id == panel.id)))
        user = User(id=uuid.uuid4(), email="bench-coordinator@example.org",
                    agency_id=agencies[0], password_hash=hash_password(password))
        s.add(user)
        s.flush()
        s.add(PanelRole(user_id=user.id, panel_id=panel.id, role=Role.coordinator))
        issued = [api_keys.issue(s, agency_id=agencies[n % len(agencies)], name=f"bench-{n}",
                                 scopes=[Scope.referrals_submit], created_by=user.id,
                                 expires_at=utcnow() + timedelta(days=1)) for n in range(keys)]
        s.commit()
        seeded = Seeded(panel.id, agencies, [p for _, p in issued], [k.id for k, _ in issued],
                        user.email, password)
    engine.dispose()
    return seeded


def pg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def secondary_indexes(conn: psycopg.Connection, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, definition) of indexes that back no constraint: safe to drop and rebuild."""
    return conn.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
        "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conname = i.indexname)", (list(tables),)).fetchall()


def drop_indexes(conn: psycopg.Connection, indexes: list[tuple[str, str]]) -> None:
    for name, _ in indexes:
        conn.execute(f'DROP INDEX IF EXISTS "{name}"')


def build_indexes(conn: psycopg.Connection, indexes: list[tuple[str, str]]) -> None:
    for _, definition in indexes:
        conn.execute(definition)


def keep_state(url: str, key: str, state: dict) -> None:
    """What a later --reuse-db run of a bench needs, kept under `key` in the database itself."""
    engine = create_engine(url)
    bench_state.create(engine, checkfirst=True)
    with engine.begin() as conn:
        conn.execute(bench_state.delete().where(bench_state.c.key == key))
        conn.execute(bench_state.insert().values(key=key, value=json.dumps(state)))
    engine.dispose()


def kept_state(url: str, key: str) -> dict:
    """What keep_state kept under `key` in the database at `url`."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            value = conn.execute(select(bench_state.c.value).where(
                bench_state.c.key == key)).scalar_one()
    finally:
        engine.dispose()
    return dict(json.loads(value))
