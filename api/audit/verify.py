"""Verifies the audit chains: `python -m api.audit.verify`; exits 1 naming the first broken entry.

Every lane is walked from its first entry; each entry must follow the one before it (lane_seq
one higher, prev_hash equal to its hash) and match its own hash, and the lane's newest entry must
be the one its head row names. The heads live in the same database: someone who can rewrite
both tables can still rewrite history consistently, which only a copy of the heads kept
elsewhere (an external checkpoint) would reveal.
"""

import sys
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from api.audit.chain import AuditRecord, entry_hash
from api.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry
from api.config import get_settings
from api.db import make_engine

_MISLINKED = "does not follow the entry before it (an entry was deleted, inserted or moved)"
_ALTERED = "its fields do not match its hash (altered)"
_TRUNCATED = "is not the newest entry its lane's head names (later entries were removed)"


@dataclass(frozen=True)
class ChainReport:
    checked: int
    lane: int | None = None
    lane_seq: int | None = None
    first_broken_seq: int | None = None
    reason: str | None = None

    @property
    def intact(self) -> bool:
        return self.reason is None


def record_of(entry: AuditEntry) -> AuditRecord:
    return AuditRecord(**{name: getattr(entry, name) for name in AuditRecord.__dataclass_fields__})


def verify_entries(entries: Iterable[AuditEntry], heads: dict[int, tuple[int, str]]) -> ChainReport:
    """Walks entries ordered by (lane, lane_seq); names the first one that does not hold."""
    lanes_seen: dict[int, tuple[int, str]] = {}
    checked = 0
    for entry in entries:
        prev_seq, prev_hash = lanes_seen.get(entry.lane, (0, GENESIS_HASH))
        reason = None
        if entry.lane not in heads:
            reason = "belongs to a lane that has no head (its head row was removed)"
        elif entry.lane_seq != prev_seq + 1 or entry.prev_hash != prev_hash:
            reason = _MISLINKED
        elif entry.hash != entry_hash(prev_hash, entry.lane, entry.lane_seq, record_of(entry)):
            reason = _ALTERED
        if reason:
            return ChainReport(checked, entry.lane, entry.lane_seq, entry.seq, reason)
        lanes_seen[entry.lane] = (entry.lane_seq, entry.hash)
        checked += 1
    return _check_heads(checked, heads, lanes_seen)


def _check_heads(checked: int, heads: dict[int, tuple[int, str]],
                 lanes_seen: dict[int, tuple[int, str]]) -> ChainReport:
    for lane in sorted(heads):
        tail = lanes_seen.get(lane, (0, GENESIS_HASH))
        if heads[lane] != tail:
            return ChainReport(checked, lane, tail[0], None, _TRUNCATED)
    return ChainReport(checked)


def verify_chain(engine: Engine) -> ChainReport:
    with Session(engine) as session:
        heads = {h.lane: (h.seq, h.hash) for h in session.scalars(select(AuditChainHead))}
        entries = session.scalars(
            select(AuditEntry).order_by(AuditEntry.lane, AuditEntry.lane_seq)
            .execution_options(yield_per=1000))
        return verify_entries(entries, heads)


def main() -> int:
    engine = make_engine(get_settings().database_url)
    try:
        report = verify_chain(engine)
    finally:
        engine.dispose()
    if report.intact:
        print(f"audit chain intact: {report.checked} entries verified")
        return 0
    print(f"audit chain BROKEN at lane={report.lane} lane_seq={report.lane_seq} "
          f"seq={report.first_broken_seq}: {report.reason} "
          f"({report.checked} entries before it verified)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
