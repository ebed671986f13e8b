"""Signed checkpoints of the heads, kept outside the database, reveal what the tables cannot:
a lane emptied and its head reset, history replaced before the checkpoint, a lane truncated."""

import json
import secrets
from pathlib import Path

import pytest

from api.audit.chain import append
from api.audit.checkpoint import InvalidCheckpoint, make_checkpoint, read_checkpoint
from api.audit.keys import Keyring, audit_key
from api.audit.models import GENESIS_HASH, LANES
from api.audit.verify import verify_chain
from tests.audit.chains import LANE, OTHER_LANE, Chain, cli, entries, make_record, relink, tamper


def _checkpoint(chain: Chain) -> str:
    report = verify_chain(chain.engine, chain.ring)
    assert report.intact
    return make_checkpoint(dict(report.heads), report.checked, chain.ring.current)


def _pins(chain: Chain) -> dict[int, tuple[int, str]]:
    return read_checkpoint(_checkpoint(chain), chain.ring)


def test_the_commands_write_a_checkpoint_and_verify_against_it(chain: Chain,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    written = cli(chain, "api.audit.checkpoint", "--output", str(path))
    assert written.returncode == 0, written.stderr
    document = json.loads(path.read_text())
    assert len(document["lanes"]) == LANES and document["entries"] == 7
    assert {"lane": LANE, "seq": 5, "hash": entries(chain.engine, LANE)[-1].hash} in (
        document["lanes"])
    append(chain.engine, make_record(), lane=LANE)  # the chain goes on past the checkpoint
    result = cli(chain, "api.audit.verify", "--checkpoint", str(path))
    assert result.returncode == 0 and "intact: 8 entries" in result.stdout, result.stdout

    tamper(chain.engine, "DELETE FROM audit_entries WHERE lane = :lane", {"lane": OTHER_LANE})
    tamper(chain.engine, "UPDATE audit_chain_heads SET seq = 0, hash = :genesis WHERE lane = :lane",
           {"genesis": GENESIS_HASH, "lane": OTHER_LANE})
    assert cli(chain, "api.audit.verify").returncode == 0  # the tables alone cannot show it
    result = cli(chain, "api.audit.verify", "--checkpoint", str(path))
    assert result.returncode == 1 and f"lane={OTHER_LANE}" in result.stdout, result.stdout
    assert "ends before the entry the checkpoint names" in result.stdout


def test_a_lane_emptied_with_its_head_reset_is_caught(chain: Chain) -> None:
    pins = _pins(chain)
    tamper(chain.engine, "DELETE FROM audit_entries WHERE lane = :lane", {"lane": OTHER_LANE})
    tamper(chain.engine, "UPDATE audit_chain_heads SET seq = 0, hash = :genesis WHERE lane = :lane",
           {"genesis": GENESIS_HASH, "lane": OTHER_LANE})
    assert verify_chain(chain.engine, chain.ring).intact
    report = verify_chain(chain.engine, chain.ring, pins=pins)
    assert (report.intact, report.lane, report.lane_seq) == (False, OTHER_LANE, 0)


def test_a_lane_rolled_back_to_an_earlier_state_is_caught(chain: Chain) -> None:
    """Truncated to an earlier, genuine state (say from a backup), its head put back with it."""
    pins = _pins(chain)
    third = entries(chain.engine, LANE)[2]
    tamper(chain.engine, "DELETE FROM audit_entries WHERE lane = :lane AND lane_seq > 3",
           {"lane": LANE})
    tamper(chain.engine, "UPDATE audit_chain_heads SET seq = 3, hash = :hash WHERE lane = :lane",
           {"hash": third.hash, "lane": LANE})
    assert verify_chain(chain.engine, chain.ring).intact
    report = verify_chain(chain.engine, chain.ring, pins=pins)
    assert (report.intact, report.lane, report.lane_seq) == (False, LANE, 3)
    assert "ends before" in (report.reason or "")

    for _ in range(3):  # the app appends genuine new entries after the rollback
        append(chain.engine, make_record(), lane=LANE)
    assert verify_chain(chain.engine, chain.ring).intact
    report = verify_chain(chain.engine, chain.ring, pins=pins)
    assert (report.intact, report.lane, report.lane_seq) == (False, LANE, 5)
    assert "history was replaced" in (report.reason or "")


def test_a_lane_rewritten_whole_as_unkeyed_is_caught_even_when_unkeyed_is_allowed(
        chain: Chain) -> None:
    pins = _pins(chain)
    relink(chain.engine, LANE, None, start=1, status=404)
    assert not verify_chain(chain.engine, chain.ring).intact
    assert verify_chain(chain.engine, chain.ring, allow_unkeyed=True).intact
    report = verify_chain(chain.engine, chain.ring, pins=pins, allow_unkeyed=True)
    assert (report.intact, report.lane, report.lane_seq) == (False, LANE, 5)


def test_a_checkpoint_cannot_be_altered_or_forged(chain: Chain) -> None:
    document = json.loads(_checkpoint(chain))
    altered = {**document, "lanes": [{**lane, "seq": 0} if lane["lane"] == LANE else lane
                                     for lane in document["lanes"]]}
    other = Keyring(audit_key(secrets.token_urlsafe(48)))
    forged = make_checkpoint({lane: (0, GENESIS_HASH) for lane in range(LANES)}, 0,
                             other.current)
    cases = {"altered": json.dumps(altered), "another key": forged, "not json": "{",
             "no format": json.dumps({"lanes": []}),
             "truncated lanes": json.dumps({**document, "lanes": document["lanes"][:3]})}
    for name, text in cases.items():
        with pytest.raises(InvalidCheckpoint):
            read_checkpoint(text, chain.ring)
            pytest.fail(f"accepted: {name}")
    assert read_checkpoint(forged, other)[LANE] == (0, GENESIS_HASH)


def test_verify_refuses_an_untrusted_checkpoint_file(chain: Chain, tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    path.write_text(_checkpoint(chain).replace('"seq": 5', '"seq": 4'))
    result = cli(chain, "api.audit.verify", "--checkpoint", str(path))
    assert result.returncode == 2 and "signature does not match" in result.stdout


def test_no_checkpoint_is_written_for_a_broken_chain(chain: Chain, tmp_path: Path) -> None:
    tamper(chain.engine, "UPDATE audit_entries SET status = 404 WHERE seq = 3")
    path = tmp_path / "checkpoint.json"
    result = cli(chain, "api.audit.checkpoint", "--output", str(path))
    assert result.returncode == 1 and "no checkpoint written" in result.stderr
    assert not path.exists()
