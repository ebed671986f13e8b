"""Against a real Uvicorn process: an oversized request head is refused at once with 431."""

import contextlib
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.support.served import rss_bytes, served

MB = 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('served') / 'served.db'}"
    with served(url) as (base, process):
        yield base, process.pid


def _send_head(base: str, head_start: bytes, filler_bytes: int) -> bytes:
    """Sends a request head with a header of `filler_bytes`, stopping when the server hangs up;
    returns whatever the server answered."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=15) as conn:
        conn.sendall(head_start)
        sent = 0
        # The server answers 431 and closes as soon as the head is too large: the rest of the
        # sending, and a read after its close, may meet a closed socket.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            while sent < filler_bytes:
                conn.sendall(b"a" * MB)
                sent += MB
            conn.sendall(b"\r\n\r\n")
        answer = b""
        with contextlib.suppress(ConnectionResetError):
            while chunk := conn.recv(65536):
                answer += chunk
        return answer


def test_a_30_mb_header_is_refused_with_431_without_growing_the_worker(
        server: tuple[str, int]) -> None:
    base, pid = server
    before = rss_bytes(pid)
    started = time.monotonic()
    for _ in range(4):
        answer = _send_head(base, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ",
                            30 * MB)
        assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
        assert b"/problems/request-header-fields-too-large" in answer
    assert time.monotonic() - started < 15
    assert rss_bytes(pid) - before < 20 * MB
    assert httpx.get(f"{base}/health").status_code == 200


def test_too_many_headers_are_refused_with_431(server: tuple[str, int]) -> None:
    base, _ = server
    headers = {f"X-Filler-{n}": "1" for n in range(150)}
    response = httpx.get(f"{base}/health", headers=headers)
    assert response.status_code == 431
    assert response.json()["type"] == "/problems/request-header-fields-too-large"


def test_ordinary_headers_pass(server: tuple[str, int]) -> None:
    base, _ = server
    headers = {f"X-Filler-{n}": "v" * 100 for n in range(40)}
    response = httpx.get(f"{base}/health", headers=headers)
    assert response.status_code == 200
