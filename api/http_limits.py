"""Uvicorn's HTTP protocol with a ceiling on the request head: `--http api.http_limits:Protocol`.

httptools, which Uvicorn uses by default, buffers a header of any size before the app sees the
request (a 30 MB header was read whole, and four of them took a worker to 449 MB). This counts
the bytes of each request head as they arrive and the header lines as they are parsed; past
MARAC_MAX_HEADER_BYTES or MARAC_MAX_HEADERS it answers 431 and closes the connection, so at
most one socket read more than the limit is ever held. (It subclasses Uvicorn's httptools
protocol: a Uvicorn upgrade is checked by tests/edge/test_served_limits.py.)
"""

import json
from functools import lru_cache
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.config import get_settings
from api.problems import PROBLEM_JSON, HeadersTooLarge


@lru_cache(maxsize=1)
def _limits() -> tuple[int, int]:
    """Read once per worker, when the first client connects."""
    settings = get_settings()
    return settings.max_header_bytes, settings.max_headers


class _TooManyHeaders(Exception):
    """Raised in a parser callback: httptools stops parsing and Uvicorn answers the error."""


class Protocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._max_bytes, self._max_count = _limits()
        self._in_head = True  # a connection starts with a request head
        self._head_bytes = 0
        self._header_count = 0

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_bytes, self._header_count = True, 0, 0

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        if self._header_count > self._max_count:
            raise _TooManyHeaders
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def data_received(self, data: bytes) -> None:
        in_head_before = self._in_head
        super().data_received(data)
        if in_head_before and self._in_head:  # still no end of the head: count what it holds
            self._head_bytes += len(data)
            if self._head_bytes > self._max_bytes:
                self._refuse()

    def send_400_response(self, msg: str) -> None:
        if self._header_count > self._max_count:
            self._refuse()
        else:
            super().send_400_response(msg)

    def _refuse(self) -> None:
        if self.transport.is_closing():
            return
        body = json.dumps(HeadersTooLarge(
            f"Send at most {self._max_count} headers in at most {self._max_bytes} bytes.")
            .document()).encode()
        head = (f"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                f"content-type: {PROBLEM_JSON}\r\ncontent-length: {len(body)}\r\n"
                "cache-control: no-store\r\nconnection: close\r\n\r\n").encode()
        self.transport.write(head + body)
        self.transport.close()
