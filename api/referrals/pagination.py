"""Keyset pagination: an opaque cursor naming the last row seen (newest first)."""

import base64
import binascii
import json
import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import Query
from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import InstrumentedAttribute

from api.problems import FieldError, ValidationFailed

Cursor = Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_=-]+$",
                                     description="next_cursor from the previous page")]
Limit = Annotated[int, Query(ge=1, le=100, description="Page size, at most 100")]


def encode(at: datetime, row_id: uuid.UUID) -> str:
    raw = json.dumps([at.isoformat(), row_id.hex]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        at, row_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        parsed = datetime.fromisoformat(at), uuid.UUID(hex=row_id)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise ValidationFailed("The cursor is not one this API issued.", errors=[
            FieldError(pointer="/query/cursor", detail="invalid cursor")]) from None
    if parsed[0].tzinfo is None:
        raise ValidationFailed("The cursor is not one this API issued.")
    return parsed


def page(query: Select[Any], at_col: InstrumentedAttribute[Any],
         id_col: InstrumentedAttribute[Any], cursor: str | None, limit: int) -> Select[Any]:
    """Newest first; after the cursor's row; one extra row tells whether a next page exists."""
    if cursor:
        at, row_id = decode(cursor)
        query = query.where(or_(at_col < at, and_(at_col == at, id_col < row_id)))
    return query.order_by(at_col.desc(), id_col.desc()).limit(limit + 1)


def split(rows: list[Any], limit: int, key: Any) -> tuple[list[Any], str | None]:
    """The page's rows and the cursor for the next page (None on the last page)."""
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode(*key(last))
