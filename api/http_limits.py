"""Uvicorn's HTTP protocol with a ceiling on the request head: `--http api.http_limits:Protocol`.

httptools, which Uvicorn uses by default, buffers a header of any size before the app sees the
request (a 30 MB header was read whole, and four of them took a worker to 449 MB). This counts
the bytes of each request head as they arrive and the header lines as they are parsed; past
MARAC_MAX_HEADER_BYTES or MARAC_MAX_HEADERS it answers 431 and closes the connection, so at
most one socket read more than the limit is ever held. (It subclasses Uvicorn's httptools
protocol: a Uvicorn upgrade is checked by tests/edge/test_served_limits.py.)

It also spreads keep-alive connections over the workers. The kernel hands each new connection
to whichever worker accepts first, and one that wakes first takes a whole burst: four clients
connecting at once landed 3 and 1, or all 4, on one of two workers in 6 of 8 tries, and that
worker's requests then queued behind each other on one core while the other worker idled, for
as long as the clients kept their connections. A worker holding more than
MARAC_KEEPALIVE_CONNECTIONS_PER_WORKER connections answers one request in eight with
`Connection: close`; the client reconnects, and the worker idle at that moment is the one
likely to accept first. A worker at or under its share never closes a connection.
"""

import json
import random
from functools import lru_cache
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.config import get_settings
from api.problems import PROBLEM_JSON, HeadersTooLarge


@lru_cache(maxsize=1)
def _limits() -> tuple[int, int, int]:
    """Read once per worker, when the first client connects."""
    settings = get_settings()
    return (settings.max_header_bytes, settings.max_headers,
            settings.keepalive_connections_per_worker)


# The share of requests a worker over its share of connections answers with Connection: close.
RECONNECT_CHANCE = 1 / 8


class _TooManyHeaders(Exception):
    """Raised in a parser callback: httptools stops parsing and Uvicorn answers the error."""


class Protocol(HttpToolsProtocol):
    held = 0  # connections this worker holds open (one event loop per worker process)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._max_bytes, self._max_count, self._share = _limits()
        self._counted = False
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

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        Protocol.held += 1
        self._counted = True

    def connection_lost(self, exc: Exception | None) -> None:
        if self._counted:
            Protocol.held -= 1
            self._counted = False
        super().connection_lost(exc)

    def on_headers_complete(self) -> None:
        self._in_head = False
        before = self.cycle
        super().on_headers_complete()
        if self.cycle is before or Protocol.held <= self._share:
            return  # no new request (an upgrade), or this worker holds no more than its share
        if random.random() < RECONNECT_CHANCE:  # noqa: S311 - spreading load, not a secret
            self.cycle.keep_alive = False  # answered with Connection: close, then closed

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
