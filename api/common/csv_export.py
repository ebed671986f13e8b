"""Lists downloadable as CSV (`Accept: text/csv`), safe to open in a spreadsheet.

A cell starting with = + - @ (or a tab or carriage return) would be read as a formula by
Excel or LibreOffice: such a cell is prefixed with an apostrophe (OWASP's CSV-injection advice),
so a description typed as `=HYPERLINK(...)` stays text.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import Request, Response

CSV = "text/csv"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The OpenAPI entry a list route adds to its 200 answer.
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {200: {
    "content": {CSV: {"schema": {"type": "string"}}},
    "description": "The page as JSON, or as CSV with `Accept: text/csv` (next page's cursor "
                   "in the `Next-Cursor` header)"}}


def wants_csv(request: Request) -> bool:
    """CSV when the caller asks for it and not for JSON first."""
    accept = request.headers.get("accept", "").lower()
    return CSV in accept and "application/json" not in accept.split(CSV)[0]


def cell(value: object) -> str:
    """One cell as text, defused when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def render(columns: Sequence[str], rows: Iterable[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()


def response(columns: Sequence[str], rows: Iterable[dict[str, object]], filename: str,
             next_cursor: str | None) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}.csv"'}
    if next_cursor:
        headers["Next-Cursor"] = next_cursor
    return Response(render(columns, rows), media_type=f"{CSV}; charset=utf-8", headers=headers)
