"""Altering, forging, deleting, re-ordering or truncating audit rows is detected by verify, also
by someone who can write the tables (triggers bypassed) but does not hold the audit key."""

import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import insert, text

from api.audit.chain import append, columns
from api.audit.keys import AuditKey, audit_key
from api.audit.models import LANES, AuditEntry
from api.audit.verify import verify_chain
from tests.audit.chains import (
    LANE,
    OTHER_LANE,
    Chain,
    cli,
    entries,
    forged_hash,
    make_record,
    relink,
    tamper,
)

ATTACKERS_KEY = audit_key(secrets.token_urlsafe(48))


def test_intact_chain_verifies(chain: Chain) -> None:
    report = verify_chain(chain.engine, chain.ring)
    assert report.intact and report.checked == 7
    result = cli(chain, "api.audit.verify")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "intact: 7 entries" in result.stdout


def test_verify_needs_the_key(chain: Chain) -> None:
    wrong = cli(chain, "api.audit.verify", MARAC_AUDIT_KEY=secrets.token_urlsafe(48))
    assert wrong.returncode == 1 and "names a key that is not configured" in wrong.stdout
    missing = cli(chain, "api.audit.verify", MARAC_AUDIT_KEY="")
    assert missing.returncode == 2 and "MARAC_AUDIT_KEY" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_altered_row_is_named(chain: Chain) -> None:
    tamper(chain.engine, "UPDATE audit_entries SET status = 404 WHERE seq = 3")
    report = verify_chain(chain.engine, chain.ring)
    assert (report.lane, report.lane_seq, report.first_broken_seq, report.checked) == (3, 3, 3, 2)
    result = cli(chain, "api.audit.verify")
    assert result.returncode == 1
    assert "lane=3 lane_seq=3 seq=3" in result.stdout and "altered" in result.stdout


@pytest.mark.parametrize("guess", [ATTACKERS_KEY, None], ids=["own-key", "unkeyed"])
def test_a_rewritten_row_with_its_lane_recomputed_is_detected(chain: Chain,
                                                              guess: AuditKey | None) -> None:
    """Issue 8: the old, unkeyed chain verified intact after this; the key makes it show."""
    relink(chain.engine, LANE, guess, start=3, status=404)
    report = verify_chain(chain.engine, chain.ring)
    assert (report.intact, report.lane, report.lane_seq, report.first_broken_seq) == (
        False, LANE, 3, 3)
    assert ("altered" if guess else "not keyed") in (report.reason or "")


@pytest.mark.parametrize("guess", [ATTACKERS_KEY, None], ids=["own-key", "unkeyed"])
def test_a_forged_entry_with_its_head_moved_is_detected(chain: Chain,
                                                        guess: AuditKey | None) -> None:
    """Issue 8: a new entry at the end of a lane, linked to the last one, head moved onto it."""
    last = entries(chain.engine, LANE)[-1]
    record = make_record(action="deleteCase", method="DELETE", status=204)
    digest = forged_hash(guess, last.hash, LANE, last.lane_seq + 1, record)
    tamper(chain.engine, insert(AuditEntry.__table__).values(
        **columns(record), lane=LANE, lane_seq=last.lane_seq + 1, prev_hash=last.hash,
        hash=digest, key_id=last.key_id if guess else None))
    tamper(chain.engine, "UPDATE audit_chain_heads SET seq = seq + 1, hash = :hash "
           "WHERE lane = :lane", {"hash": digest, "lane": LANE})
    report = verify_chain(chain.engine, chain.ring)
    assert (report.intact, report.lane, report.lane_seq, report.checked) == (False, LANE, 6, 5)


def test_a_deleted_lane_with_its_head_is_detected(chain: Chain) -> None:
    """Issue 8: every entry of a lane and its head row removed."""
    tamper(chain.engine, "DELETE FROM audit_entries WHERE lane = :lane", {"lane": OTHER_LANE})
    tamper(chain.engine, "DELETE FROM audit_chain_heads WHERE lane = :lane", {"lane": OTHER_LANE})
    report = verify_chain(chain.engine, chain.ring)
    assert (report.intact, report.lane, report.lane_seq) == (False, OTHER_LANE, 0)
    assert "no head row" in (report.reason or "")
    result = cli(chain, "api.audit.verify")
    assert result.returncode == 1 and f"lane={OTHER_LANE}" in result.stdout


def test_a_head_for_a_lane_that_does_not_exist_is_detected(chain: Chain) -> None:
    tamper(chain.engine, "INSERT INTO audit_chain_heads (lane, seq, hash) VALUES (:lane, 0, :hash)",
           {"lane": LANES, "hash": "0" * 64})
    report = verify_chain(chain.engine, chain.ring)
    assert (report.intact, report.lane) == (False, LANES)
    assert "a lane was added" in (report.reason or "")


def test_deleted_row_is_detected_at_the_next(chain: Chain) -> None:
    tamper(chain.engine, "DELETE FROM audit_entries WHERE seq = 2")
    assert verify_chain(chain.engine, chain.ring).first_broken_seq == 3
    assert cli(chain, "api.audit.verify").returncode == 1


def test_a_removed_tail_is_detected_by_the_lane_head(chain: Chain) -> None:
    tamper(chain.engine, "DELETE FROM audit_entries WHERE seq IN (4, 5)")
    report = verify_chain(chain.engine, chain.ring)
    assert (report.intact, report.lane, report.lane_seq, report.checked) == (False, 3, 3, 5)
    assert "removed" in (report.reason or "")


def test_a_removed_head_row_is_detected(chain: Chain) -> None:
    tamper(chain.engine, "DELETE FROM audit_chain_heads WHERE lane = :lane", {"lane": LANE})
    report = verify_chain(chain.engine, chain.ring)
    assert (report.lane, report.lane_seq, report.checked) == (LANE, 1, 0)


def test_heads_only_move_forward(chain: Chain) -> None:
    for sql in ("UPDATE audit_chain_heads SET seq = 2 WHERE lane = :lane",
                "DELETE FROM audit_chain_heads WHERE lane = :lane"):
        with pytest.raises(Exception, match="only move forward"), chain.engine.begin() as conn:
            conn.execute(text(sql), {"lane": LANE})
    assert verify_chain(chain.engine, chain.ring).intact


def test_the_database_refuses_updates_and_deletes(chain: Chain) -> None:
    for sql in ("UPDATE audit_entries SET status = 500", "DELETE FROM audit_entries"):
        with pytest.raises(Exception, match="append-only"), chain.engine.begin() as conn:
            conn.execute(text(sql))
    assert verify_chain(chain.engine, chain.ring).checked == 7


def test_concurrent_appends_keep_every_lane_linear(chain: Chain) -> None:
    record = make_record(actor_kind=None, actor_id=None, agency_id=None, status=401)
    with ThreadPoolExecutor(max_workers=8) as pool:  # threads share lanes, some share one
        list(pool.map(lambda n: append(chain.engine, record, lane=n % 3), range(40)))
        list(pool.map(lambda _: append(chain.engine, record), range(40)))
    report = verify_chain(chain.engine, chain.ring)
    assert report.intact and report.checked == 87
    with chain.engine.connect() as conn:
        lanes = conn.execute(text("SELECT DISTINCT lane FROM audit_entries")).scalars().all()
    assert {0, 1, 2, 3} <= set(lanes) and all(0 <= lane < LANES for lane in lanes)


def test_verify_while_appends_go_on_sees_one_moment(chain: Chain) -> None:
    """Heads and entries are read in one snapshot: an append committed between the two reads
    would otherwise look like a forged entry or a removed one."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        appending = pool.submit(lambda: [append(chain.engine, make_record(), lane=n % 2)
                                         for n in range(150)])
        reports = [verify_chain(chain.engine, chain.ring) for _ in range(30)]
        appending.result()
    assert all(report.intact for report in reports), next(r for r in reports if not r.intact)
    assert verify_chain(chain.engine, chain.ring).checked == 157
