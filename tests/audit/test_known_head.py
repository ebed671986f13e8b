"""On PostgreSQL an append after the head this process last moved its lane to is one statement
(api/audit/chain.py, _append_after_known); a head that moved elsewhere, or that a rollback
undid, is never chained to: the append reads and locks the lane's real head instead."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, event, text

from api.audit import keys
from api.audit.chain import append, append_to, current_lane
from api.audit.verify import verify_chain
from api.db import make_engine
from tests.audit.chains import Chain, keyed_chain, make_record


@pytest.fixture
def chain(tmp_path) -> Iterator[Chain]:
    with keyed_chain("postgresql", tmp_path) as made:
        yield made


@contextmanager
def _sent(engine: Engine) -> Iterator[list[str]]:
    """The statements `engine` sends inside the block."""
    sent: list[str] = []

    def listen(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        sent.append(sql)

    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", listen)


def _lane_entries(chain: Chain, lane: int) -> int:
    with chain.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM audit_entries WHERE lane = :lane"),
                            {"lane": lane}).scalar_one()


def test_an_append_after_the_known_head_is_one_statement(chain: Chain) -> None:
    lane = current_lane()
    append(chain.engine, make_record())  # reads and locks the head: now known
    before = _lane_entries(chain, lane)
    with _sent(chain.engine) as sent:
        for _ in range(3):
            append(chain.engine, make_record())
    assert len(sent) == 3 and all("claimed_head" in sql for sql in sent)
    assert _lane_entries(chain, lane) == before + 3
    assert verify_chain(chain.engine, chain.ring).intact


def test_a_head_another_process_moved_is_not_chained_to(chain: Chain) -> None:
    lane = current_lane()
    append(chain.engine, make_record())
    other = make_engine(chain.url)  # another worker: its own pool and its own known heads
    keys.bind(other, chain.ring)
    try:
        append(other, make_record(), lane=lane)
    finally:
        other.dispose()
    with _sent(chain.engine) as sent:
        append(chain.engine, make_record())
    assert len(sent) == 3  # the claim finds another head; then lock, read, insert
    assert "claimed_head" in sent[0] and "FOR UPDATE" in sent[1]
    report = verify_chain(chain.engine, chain.ring)
    assert report.intact, report
    with _sent(chain.engine) as sent:
        append(chain.engine, make_record())  # the head it moved is known again
    assert len(sent) == 1 and verify_chain(chain.engine, chain.ring).intact


def test_a_head_a_rollback_undid_is_not_chained_to(chain: Chain) -> None:
    append(chain.engine, make_record())
    with pytest.raises(RuntimeError), chain.engine.begin() as conn:
        append_to(conn, make_record())  # moves the known head, then the work fails
        raise RuntimeError("the route's work failed after its entry")
    checked = verify_chain(chain.engine, chain.ring).checked
    append(chain.engine, make_record())
    report = verify_chain(chain.engine, chain.ring)
    assert report.intact and report.checked == checked + 1


def test_a_head_another_transaction_holds_is_passed_over(chain: Chain) -> None:
    lane = current_lane()
    append(chain.engine, make_record())
    with chain.engine.begin() as holding:  # an append in flight on this lane, not committed
        holding.execute(text("SELECT 1 FROM audit_chain_heads WHERE lane = :lane FOR UPDATE"),
                        {"lane": lane})
        before = _lane_entries(chain, lane)
        append(chain.engine, make_record())  # neither waits nor chains: another lane
        assert _lane_entries(chain, lane) == before
    assert verify_chain(chain.engine, chain.ring).intact
