"""The migration stairway: every revision upgrades, downgrades and upgrades again, on both
databases, and the migrated schema matches the models."""

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, Table, create_engine

from api.models import Base
from tests.support.databases import BACKENDS, alembic_config, fresh_database


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


@pytest.mark.parametrize("backend", BACKENDS)
def test_stairway(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        config = alembic_config(url)
        previous = "base"
        for revision in _revisions():
            command.upgrade(config, revision)
            command.downgrade(config, previous)
            command.upgrade(config, revision)
            previous = revision


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrated_schema_matches_the_models(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        command.upgrade(alembic_config(url), "head")
        engine = create_engine(url)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        engine.dispose()
    assert diff == []


def test_history_is_linear() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1


def _filled(table: Table, **values: object) -> dict[str, object]:
    """A row for `table` as it stands at this revision: `values`, plus a plain value for every
    other required column (so the test needs no copy of the old schema)."""
    plain = {sa.Uuid: uuid.uuid4, sa.String: lambda: "x", sa.Text: lambda: "x",
             sa.Integer: lambda: 1, sa.Boolean: lambda: False, sa.Date: date.today,
             sa.DateTime: lambda: datetime.now(UTC), sa.JSON: dict}
    row = dict(values)
    for column in table.columns:
        if column.name not in row and column.primary_key:
            row[column.name] = uuid.uuid4()
        elif column.name not in row and not column.nullable:
            make = next(f for t, f in plain.items() if isinstance(column.type, t))
            row[column.name] = make()
        if isinstance(row.get(column.name), uuid.UUID) and not isinstance(column.type, sa.Uuid):
            row[column.name] = row[column.name].hex  # type: ignore[union-attr]  # SQLite
    return row


def _uuid(value: object) -> uuid.UUID | None:
    return value if isinstance(value, uuid.UUID) or value is None else uuid.UUID(str(value))


@pytest.mark.parametrize("backend", BACKENDS)
def test_match_keys_learn_their_referrals_case(backend: str, tmp_path: Path) -> None:
    """0004 copies each accepted referral's case onto its people's match keys."""
    with fresh_database(backend, tmp_path) as url:
        command.upgrade(alembic_config(url), "0003")
        engine = create_engine(url)
        old = MetaData()
        old.reflect(engine)
        t = old.tables
        panel, agency, case, accepted, waiting = (uuid.uuid4() for _ in range(5))
        with engine.begin() as conn:
            conn.execute(t["agencies"].insert(), _filled(t["agencies"], id=agency))
            conn.execute(t["panels"].insert(), _filled(t["panels"], id=panel))
            conn.execute(t["cases"].insert(), _filled(t["cases"], id=case, panel_id=panel))
            for referral, case_id in ((accepted, case), (waiting, None)):
                conn.execute(t["referrals"].insert(), _filled(
                    t["referrals"], id=referral, panel_id=panel, agency_id=agency,
                    case_id=case_id, status="accepted", consent_status="given"))
                person = uuid.uuid4()
                conn.execute(t["people"].insert(), _filled(
                    t["people"], id=person, referral_id=referral, panel_id=panel,
                    role="victim"))
                conn.execute(t["person_name_keys"].insert(), _filled(
                    t["person_name_keys"], panel_id=panel, person_id=person,
                    referral_id=referral, role="victim"))
        command.upgrade(alembic_config(url), "0004")
        keys = Table("person_name_keys", MetaData(), autoload_with=engine)
        with engine.connect() as conn:
            rows = conn.execute(sa.select(keys.c.referral_id, keys.c.case_id))
            found = {_uuid(referral): _uuid(case_id) for referral, case_id in rows}
        engine.dispose()
    assert found == {accepted: case, waiting: None}
