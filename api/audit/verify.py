"""Verifies the audit chain: `python -m api.audit.verify`; exits 1 naming the first broken entry."""

import sys

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from api.audit.chain import ChainReport, verify_entries
from api.audit.models import AuditEntry
from api.config import get_settings
from api.db import make_engine


def verify_chain(engine: Engine) -> ChainReport:
    with Session(engine) as session:
        entries = session.scalars(
            select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=1000))
        return verify_entries(entries)


def main() -> int:
    engine = make_engine(get_settings().database_url)
    try:
        report = verify_chain(engine)
    finally:
        engine.dispose()
    if report.intact:
        print(f"audit chain intact: {report.checked} entries verified")
        return 0
    print(f"audit chain BROKEN at entry seq={report.first_broken_seq}: {report.reason} "
          f"({report.checked} entries before it verified)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
