"""Signed checkpoints of the audit lanes' heads: `python -m api.audit.checkpoint [--output FILE]`.

Verifies the whole chain, then writes every lane's head (lane, seq, hash) as JSON signed with
MARAC_AUDIT_KEY (HMAC-SHA256). An operator keeps the file outside the database (a write-once
bucket, a ticket, a printout): `python -m api.audit.verify --checkpoint FILE` later proves the
chain still holds those entries and extends them, which the tables alone cannot show once a lane
was emptied and its head reset, or history was replaced before them. The file holds hashes and
counts only, no personal data; without the key it can be neither forged nor altered.
"""

import argparse
import hashlib
import hmac
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from api.audit import keys
from api.audit.keys import AuditKey, Keyring
from api.audit.models import LANES
from api.config import get_settings
from api.db import make_engine, utcnow

FORMAT = "marac-audit-checkpoint/1"
_DOMAIN = b"marac-audit-checkpoint:"  # keeps checkpoint signatures apart from entry hashes


class InvalidCheckpoint(ValueError):
    """The checkpoint cannot be trusted: unreadable, altered, or not made with a known key."""


class _Lane(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    lane: int = Field(ge=0, lt=LANES)
    seq: int = Field(ge=0)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class _Checkpoint(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    format: Literal["marac-audit-checkpoint/1"]
    created_at: str
    key_id: str
    entries: int
    lanes: list[_Lane] = Field(min_length=LANES, max_length=LANES)
    signature: str


def _signature(key: AuditKey, payload: dict[str, Any]) -> str:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key.secret, _DOMAIN + body, hashlib.sha256).hexdigest()


def make_checkpoint(heads: dict[int, tuple[int, str]], entries: int, key: AuditKey) -> str:
    """The heads as signed JSON; `heads` must come from a verified chain (ChainReport.heads)."""
    payload: dict[str, Any] = {
        "format": FORMAT, "created_at": utcnow().isoformat(timespec="seconds"),
        "key_id": key.key_id, "entries": entries,
        "lanes": [{"lane": lane, "seq": seq, "hash": digest}
                  for lane, (seq, digest) in sorted(heads.items())]}
    return json.dumps({**payload, "signature": _signature(key, payload)}, indent=1) + "\n"


def read_checkpoint(text: str, ring: Keyring) -> dict[int, tuple[int, str]]:
    """lane -> (seq, hash) from a checkpoint whose signature holds under one of `ring`'s keys."""
    try:
        document = json.loads(text)
    except ValueError:
        raise InvalidCheckpoint("not a JSON checkpoint") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidCheckpoint(f"not a {FORMAT} document")
    key = ring.find(str(document.get("key_id")))
    if key is None:
        raise InvalidCheckpoint("signed with a key that is not configured")
    payload = {name: value for name, value in document.items() if name != "signature"}
    if not hmac.compare_digest(str(document.get("signature")), _signature(key, payload)):
        raise InvalidCheckpoint("its signature does not match (altered, or another key's)")
    try:
        lanes = _Checkpoint.model_validate(document).lanes
    except ValidationError:
        raise InvalidCheckpoint("its lanes are malformed") from None
    pins = {lane.lane: (lane.seq, lane.hash) for lane in lanes}
    if len(pins) != LANES:
        raise InvalidCheckpoint("it does not name every lane once")
    return pins


def main(argv: Sequence[str] | None = None) -> int:
    from api.audit.verify import describe, verify_chain  # verify reads checkpoints: import late

    parser = argparse.ArgumentParser(prog="python -m api.audit.checkpoint", description=__doc__)
    parser.add_argument("--output", type=Path, help="write here instead of to standard output")
    parser.add_argument("--allow-unkeyed", action="store_true",
                        help="accept unkeyed entries written before migration 0005")
    args = parser.parse_args(argv)
    settings = get_settings()
    try:
        ring = keys.keyring(settings)
    except keys.MissingAuditKey as exc:
        print(f"no checkpoint written: {exc}", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    try:
        report = verify_chain(engine, ring, allow_unkeyed=args.allow_unkeyed)
    finally:
        engine.dispose()
    if not report.intact:
        print(f"no checkpoint written: {describe(report)}", file=sys.stderr)
        return 1
    document = make_checkpoint(dict(report.heads), report.checked, ring.current)
    if args.output:
        args.output.write_text(document)
    else:
        sys.stdout.write(document)
    return 0


if __name__ == "__main__":
    sys.exit(main())
