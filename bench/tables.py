"""Bench-only tables (not part of the product's schema): the one the bare endpoint writes to,
and the state a loaded bench database keeps so it can be measured again without reloading."""

from sqlalchemy import Column, DateTime, MetaData, Table, Text, Uuid, func

bench_rows = Table(
    "bench_rows", MetaData(),
    Column("id", Uuid, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("payload", Text, nullable=False),
)

# One JSON document per bench (key): what was loaded, ids measured and the login to use.
bench_state = Table(
    "bench_state", MetaData(),
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
