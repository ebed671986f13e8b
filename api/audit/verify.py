"""Verifies the audit chains: `python -m api.audit.verify [--checkpoint FILE]`; exits 1 naming
the first broken entry (2 when the key is missing or the checkpoint cannot be trusted).

Every one of the LANES lanes must have its head row and every head its lane. Each lane is walked
from its first entry; each entry must follow the one before it (lane_seq one higher, prev_hash
equal to its hash) and match its own keyed hash (MARAC_AUDIT_KEY, which the database does not
hold), and the lane's newest entry must be the one its head row names. Without the key, no one
who can write the tables can recompute a lane after altering, forging or deleting an entry.

What the tables alone cannot show is a lane emptied and its head reset to the start, or a
whole lane replaced by an older copy: a signed checkpoint of the heads kept elsewhere
(`python -m api.audit.checkpoint`) can, so `--checkpoint FILE` also requires every lane to
still hold the entry the checkpoint names, at its place, and to go on from it.
"""

import argparse
import hmac
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select

from api.audit import keys
from api.audit.chain import AuditRecord, entry_hash, unkeyed_hash
from api.audit.checkpoint import InvalidCheckpoint, read_checkpoint
from api.audit.keys import AuditKey, Keyring
from api.audit.models import GENESIS_HASH, LANES, AuditChainHead, AuditEntry
from api.config import get_settings
from api.db import make_engine

Heads = Mapping[int, tuple[int, str]]  # lane -> (lane_seq, hash) of its newest entry

_NO_HEAD = "belongs to a lane that has no head (its head row was removed)"
_MISLINKED = "does not follow the entry before it (an entry was deleted, inserted or moved)"
_UNKEYED = "is not keyed (written before migration 0005, or rewritten without the key)"
_UNKNOWN_KEY = "names a key that is not configured (MARAC_AUDIT_KEY, MARAC_AUDIT_RETIRED_KEYS)"
_ALTERED = "its fields do not match its keyed hash (altered or forged)"
_TRUNCATED = "is not the newest entry its lane's head names (entries were removed or forged)"
_HEAD_MISSING = "has no head row (the lane and its head were removed)"
_HEAD_EXTRA = f"has a head row but lanes are 0..{LANES - 1} (a lane was added)"
_UNLIKE_CHECKPOINT = "differs from the entry the checkpoint names (history was replaced)"
_SHORT_OF_CHECKPOINT = "ends before the entry the checkpoint names (entries were removed)"


@dataclass(frozen=True)
class ChainReport:
    checked: int
    lane: int | None = None
    lane_seq: int | None = None
    first_broken_seq: int | None = None
    reason: str | None = None
    heads: Heads = field(default_factory=dict)  # the heads verified, when intact

    @property
    def intact(self) -> bool:
        return self.reason is None


@dataclass
class _Walk:
    """Where each lane's walk has got to: (lane_seq, hash) of its last good entry."""

    keys: Keyring
    heads: Heads
    pins: Heads  # from a checkpoint: lane -> the entry it must still hold
    allow_unkeyed: bool
    tails: dict[int, tuple[int, str]] = field(default_factory=dict)
    keyed: set[int] = field(default_factory=set)

    def fault(self, entry: Any) -> str | None:
        prev_seq, prev_hash = self.tails.get(entry.lane, (0, GENESIS_HASH))
        if entry.lane not in self.heads:
            return _NO_HEAD
        if entry.lane_seq != prev_seq + 1 or entry.prev_hash != prev_hash:
            return _MISLINKED
        # Unkeyed links are old ones: never after a keyed entry of their lane, and only if allowed.
        if entry.key_id is None and (not self.allow_unkeyed or entry.lane in self.keyed):
            return _UNKEYED
        key = None if entry.key_id is None else self.keys.find(entry.key_id)
        if entry.key_id is not None and key is None:
            return _UNKNOWN_KEY
        if not hmac.compare_digest(entry.hash, self._link(key, entry, prev_hash)):
            return _ALTERED
        pin = self.pins.get(entry.lane)
        if pin is not None and pin[0] == entry.lane_seq and pin[1] != entry.hash:
            return _UNLIKE_CHECKPOINT
        return None

    def _link(self, key: AuditKey | None, entry: Any, prev_hash: str) -> str:
        if key is None:
            return unkeyed_hash(prev_hash, entry.lane, entry.lane_seq, record_of(entry))
        self.keyed.add(entry.lane)
        return entry_hash(key, prev_hash, entry.lane, entry.lane_seq, record_of(entry))


def record_of(entry: Any) -> AuditRecord:
    return AuditRecord(**{name: getattr(entry, name) for name in AuditRecord.__dataclass_fields__})


def verify_entries(entries: Iterable[Any], heads: Heads, ring: Keyring, *,
                   pins: Heads | None = None, allow_unkeyed: bool = False) -> ChainReport:
    """Walks entries ordered by (lane, lane_seq); names the first one that does not hold."""
    walk = _Walk(ring, heads, pins or {}, allow_unkeyed)
    checked = 0
    for entry in entries:
        reason = walk.fault(entry)
        if reason:
            return ChainReport(checked, entry.lane, entry.lane_seq, entry.seq, reason)
        walk.tails[entry.lane] = (entry.lane_seq, entry.hash)
        checked += 1
    return _check_heads(checked, walk)


def _check_heads(checked: int, walk: _Walk) -> ChainReport:
    for lane in range(LANES):
        tail = walk.tails.get(lane, (0, GENESIS_HASH))
        if lane not in walk.heads:
            return ChainReport(checked, lane, tail[0], None, _HEAD_MISSING)
        if walk.heads[lane] != tail:
            return ChainReport(checked, lane, tail[0], None, _TRUNCATED)
        if walk.pins.get(lane, (0, ""))[0] > tail[0]:
            return ChainReport(checked, lane, tail[0], None, _SHORT_OF_CHECKPOINT)
    extra = sorted(set(walk.heads) - set(range(LANES)))
    if extra:
        return ChainReport(checked, extra[0], walk.heads[extra[0]][0], None, _HEAD_EXTRA)
    return ChainReport(checked, heads=dict(walk.heads))


def verify_chain(engine: Engine, ring: Keyring, *, pins: Heads | None = None,
                 allow_unkeyed: bool = False) -> ChainReport:
    """Verifies the heads and every entry as of one moment, while appends go on."""
    with engine.connect() as conn:
        _snapshot(conn)
        heads = {int(h.lane): (int(h.seq), str(h.hash))
                 for h in conn.execute(select(AuditChainHead.__table__))}
        entries = conn.execution_options(yield_per=1000).execute(
            select(AuditEntry.__table__).order_by(AuditEntry.lane, AuditEntry.lane_seq))
        return verify_entries(entries, heads, ring, pins=pins, allow_unkeyed=allow_unkeyed)


def _snapshot(conn: Connection) -> None:
    """One read snapshot for the heads and the entries, so an append committed between the two
    reads is not mistaken for a forged entry or a removed one."""
    if conn.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    else:  # the driver opens no transaction for reads; WAL then fixes the snapshot at first read
        conn.exec_driver_sql("BEGIN")


def describe(report: ChainReport) -> str:
    if report.intact:
        return f"audit chain intact: {report.checked} entries verified"
    return (f"audit chain BROKEN at lane={report.lane} lane_seq={report.lane_seq} "
            f"seq={report.first_broken_seq}: {report.reason} "
            f"({report.checked} entries before it verified)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.audit.verify", description=__doc__)
    parser.add_argument("--checkpoint", type=Path,
                        help="a file written by python -m api.audit.checkpoint")
    parser.add_argument("--allow-unkeyed", action="store_true",
                        help="accept unkeyed entries written before migration 0005")
    args = parser.parse_args(argv)
    settings = get_settings()
    try:
        ring = keys.keyring(settings)
    except keys.MissingAuditKey as exc:
        print(f"cannot verify: {exc}", file=sys.stderr)
        return 2
    try:
        pins = read_checkpoint(args.checkpoint.read_text(), ring) if args.checkpoint else None
    except (OSError, InvalidCheckpoint) as exc:
        print(f"checkpoint not usable: {exc}")
        return 2
    engine = make_engine(settings.database_url)
    try:
        report = verify_chain(engine, ring, pins=pins, allow_unkeyed=args.allow_unkeyed)
    finally:
        engine.dispose()
    print(describe(report))
    return 0 if report.intact else 1


if __name__ == "__main__":
    sys.exit(main())
