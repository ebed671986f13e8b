"""The bench-only table the bare endpoint writes to (not part of the product's schema)."""

from sqlalchemy import Column, DateTime, MetaData, Table, Text, Uuid, func

bench_rows = Table(
    "bench_rows", MetaData(),
    Column("id", Uuid, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("payload", Text, nullable=False),
)
