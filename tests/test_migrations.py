"""The migration stairway: every revision upgrades, downgrades and upgrades again, on both
databases, and the migrated schema matches the models."""

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

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
