"""0008 rebuilds every person's match keys (phonetic code, words, reversals, folded letters)
and marks referrals already on file that have a repeat candidate."""

import uuid
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import MetaData, Table, create_engine

from tests.support.databases import BACKENDS, alembic_config, fresh_database
from tests.test_migrations import _filled, _uuid


def _arrange(engine: sa.Engine, panel: uuid.UUID, referrals: list[uuid.UUID],
             case: uuid.UUID) -> None:
    old = MetaData()
    old.reflect(engine)
    t = old.tables
    agency = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(t["agencies"].insert(), _filled(t["agencies"], id=agency))
        conn.execute(t["panels"].insert(), _filled(t["panels"], id=panel))
        conn.execute(t["cases"].insert(), _filled(t["cases"], id=case, panel_id=panel))
        for n, referral in enumerate(referrals):
            conn.execute(t["referrals"].insert(), _filled(
                t["referrals"], id=referral, panel_id=panel, agency_id=agency,
                case_id=case if n == 0 else None, status="accepted", consent_status="given"))
            person = uuid.uuid4()
            # The second spells the surname with a Cyrillic 'о': the same key once folded.
            family = "Moorcroft" if n == 0 else "M\u043eorcroft"
            conn.execute(t["people"].insert(), _filled(
                t["people"], id=person, referral_id=referral, panel_id=panel, role="victim",
                given_names="Catherine", family_name=family, aliases=["Kate Moorcroft"],
                date_of_birth=date(1980, 2, 2)))
            conn.execute(t["person_name_keys"].insert(), _filled(
                t["person_name_keys"], panel_id=panel, person_id=person,
                referral_id=referral, role="victim", full_key="stale", surname_key="stale"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_keys_are_rebuilt_and_repeat_candidates_marked(backend: str, tmp_path: Path) -> None:
    panel, case = uuid.uuid4(), uuid.uuid4()
    first, second = uuid.uuid4(), uuid.uuid4()
    with fresh_database(backend, tmp_path) as url:
        command.upgrade(alembic_config(url), "0004")
        engine = create_engine(url)
        _arrange(engine, panel, [first, second], case)
        command.upgrade(alembic_config(url), "0008")
        keys = Table("person_name_keys", MetaData(), autoload_with=engine)
        referrals = Table("referrals", MetaData(), autoload_with=engine)
        with engine.connect() as conn:
            rows = conn.execute(sa.select(
                keys.c.referral_id, keys.c.case_id, keys.c.is_alias, keys.c.full_key,
                keys.c.given_key, keys.c.surname_rev, keys.c.phonetic_key)).all()
            marked = dict(conn.execute(sa.select(referrals.c.id,
                                                 referrals.c.has_repeat_candidate)).all())
        engine.dispose()
    names = {(_uuid(r.referral_id), r.is_alias): r for r in rows}
    assert len(rows) == 4  # each person's name and alias; the stale rows are gone
    for referral in (first, second):
        row = names[(referral, False)]
        assert (row.full_key, row.given_key, row.surname_rev) == (
            "catherinemoorcroft", "catherine", "tforcroom")
        assert row.phonetic_key == "K0RN MRKRFT"
        assert names[(referral, True)].full_key == "katemoorcroft"
    assert _uuid(names[(first, False)].case_id) == case
    assert names[(second, False)].case_id is None
    assert {_uuid(k): bool(v) for k, v in marked.items()} == {first: False, second: True}
