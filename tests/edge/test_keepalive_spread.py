"""Against a real Uvicorn process: a worker holding more keep-alive connections than its share
asks some clients to reconnect (Connection: close), so connections that all landed on one
worker spread over the others; at or under its share it never closes one."""

from collections.abc import Iterator

import httpx
import pytest

from tests.support.served import served

REQUESTS = 200  # at 1 in 8, the chance that none of them is asked to reconnect is 2.6e-12


@pytest.fixture
def database_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield f"sqlite:///{tmp_path_factory.mktemp('spread') / 'served.db'}"


def _closes(base: str, clients: int) -> int:
    """Requests answered with Connection: close over `clients` keep-alive clients at once."""
    sessions = [httpx.Client(base_url=base) for _ in range(clients)]
    try:
        for session in sessions:  # every client's connection open before any is counted
            assert session.get("/health").status_code == 200
        closes = 0
        for n in range(REQUESTS):
            answer = sessions[n % clients].get("/health")
            assert answer.status_code == 200
            closes += answer.headers.get("connection", "").lower() == "close"
        return closes
    finally:
        for session in sessions:
            session.close()


def test_a_worker_over_its_share_asks_some_clients_to_reconnect(database_file: str) -> None:
    with served(database_file, MARAC_KEEPALIVE_CONNECTIONS_PER_WORKER="1") as (base, _):
        closes = _closes(base, clients=2)
    assert 0 < closes < REQUESTS / 2  # about one in eight


def test_a_worker_within_its_share_keeps_every_connection(database_file: str) -> None:
    with served(database_file, MARAC_KEEPALIVE_CONNECTIONS_PER_WORKER="2") as (base, _):
        assert _closes(base, clients=2) == 0
