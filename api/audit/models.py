"""One audit entry per audited event. Never personal data: ids, routes and outcomes only.

Entries form LANES independent hash chains, so concurrent appends do not queue behind one lock;
each lane's head (its last seq and hash) is also kept in audit_chain_heads, outside the entries,
so removing a lane's newest entries is detected too.
"""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base

# BIGINT on PostgreSQL; SQLite only autoincrements an INTEGER PRIMARY KEY.
SEQUENCE_TYPE = BigInteger().with_variant(Integer(), "sqlite")
GENESIS_HASH = "0" * 64
LANES = 16  # migration 0003 creates one head row per lane; verify expects exactly these


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (UniqueConstraint("lane", "lane_seq"),)

    # Global order (newest first when reading); the chain itself is (lane, lane_seq).
    seq: Mapped[int] = mapped_column(SEQUENCE_TYPE, primary_key=True, autoincrement=True)
    lane: Mapped[int] = mapped_column(SmallInteger)
    lane_seq: Mapped[int] = mapped_column(BigInteger)
    occurred_at: Mapped[datetime]
    request_id: Mapped[str | None] = mapped_column(String(64))
    actor_kind: Mapped[str | None] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    agency_id: Mapped[uuid.UUID | None]
    roles: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(8))
    route: Mapped[str] = mapped_column(String(200))
    resource_type: Mapped[str | None] = mapped_column(String(64))
    resource_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # The case a request concerned when the route names it (request.state.audit_case_id).
    case_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    status: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    # Keyed hash (HMAC) of an attempted login identity, to correlate attempts without storing it.
    subject_hash: Mapped[str | None] = mapped_column(String(64))
    # The key this entry's hash was made with (api/audit/keys.py); NULL on entries written before
    # the chain was keyed (migration 0005), which verify accepts only when told to.
    key_id: Mapped[str | None] = mapped_column(String(16))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditChainHead(Base):
    """The newest entry of each lane; appends lock this row, so each lane stays linear."""

    __tablename__ = "audit_chain_heads"

    lane: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)  # the lane_seq of the lane's newest entry
    hash: Mapped[str] = mapped_column(String(64))
