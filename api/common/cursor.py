"""Keyset pagination: an opaque cursor naming the last row seen (newest first)."""

import base64
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Query
from pydantic import BeforeValidator
from sqlalchemy import Select, literal, tuple_
from sqlalchemy.orm import InstrumentedAttribute

# 8 bytes of microseconds since 1970 (big-endian, unsigned) and the row's 16-byte id, base64url
# without padding: 24 bytes are always 32 characters, and every 32-character string over the
# alphabet decodes to some position (times past the year 9999 are clamped), so the schema's
# pattern states exactly which cursors the API accepts.
CURSOR_PATTERN = r"^[A-Za-z0-9_-]{32}$"
Cursor = Annotated[str | None, Query(
    min_length=32, max_length=32, pattern=CURSOR_PATTERN,
    description="next_cursor from the previous page (32 characters, base64url)")]


def _whole_number(value: object) -> object:
    """JSON Schema's integer admits 48.0 (a number with no fraction), so the query does too."""
    if isinstance(value, str) and value.endswith(".0") and value[:-2].isdigit():
        return value[:-2]
    return value


Limit = Annotated[int, Query(ge=1, le=100, description="Page size, at most 100"),
                  BeforeValidator(_whole_number)]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LAST = datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
_LAST_MICROS = (_LAST - _EPOCH) // timedelta(microseconds=1)


def encode(at: datetime, row_id: uuid.UUID) -> str:
    micros = max(0, (at - _EPOCH) // timedelta(microseconds=1))
    raw = micros.to_bytes(8, "big") + row_id.bytes
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The position a cursor names; any string matching CURSOR_PATTERN names one."""
    raw = base64.urlsafe_b64decode(cursor.encode())
    micros = min(int.from_bytes(raw[:8], "big"), _LAST_MICROS)
    return _EPOCH + timedelta(microseconds=micros), uuid.UUID(bytes=raw[8:24])


def page(query: Select[Any], at_col: InstrumentedAttribute[Any],
         id_col: InstrumentedAttribute[Any], cursor: str | None, limit: int) -> Select[Any]:
    """Newest first; after the cursor's row; one extra row tells whether a next page exists."""
    if cursor:
        at, row_id = decode(cursor)
        # A row-value comparison: PostgreSQL reads it as one index range on (.., at, id),
        # where the OR form is a filter over every row before the cursor.
        query = query.where(tuple_(at_col, id_col) < tuple_(literal(at), literal(row_id)))
    return query.order_by(at_col.desc(), id_col.desc()).limit(limit + 1)


def split(rows: list[Any], limit: int, key: Any) -> tuple[list[Any], str | None]:
    """The page's rows and the cursor for the next page (None on the last page)."""
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode(*key(last))
