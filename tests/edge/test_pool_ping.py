"""A pooled PostgreSQL connection dropped while it sat idle is replaced before a request uses it;
one handed straight back by a busy pool is not pinged (api/db.py, _ping_when_idle)."""

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, text

from api import db
from api.config import Settings


@pytest.fixture
def make_engine(database_url: str,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[float], Engine]]:
    """The app's engine (one pooled connection) pinging after `idle` seconds unused."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite's file needs no pool of connections")
    made: list[Engine] = []

    def make(idle: float) -> Engine:
        monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", idle)
        settings = Settings(database_url=database_url, environment="test")
        made.append(db.make_engine(database_url, pool_size=1, max_overflow=0,
                                   timeouts=db.timeouts(settings)))
        return made[-1]

    yield make
    for engine in made:
        engine.dispose()


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(database_url: str, pid: int) -> None:
    other = db.make_engine(database_url)
    try:
        with other.begin() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    finally:
        other.dispose()


def test_an_idle_connection_dropped_meanwhile_is_replaced(
        make_engine: Callable[[float], Engine], database_url: str) -> None:
    engine = make_engine(0.0)  # every checkout counts as after an idle spell
    first = _backend_pid(engine)
    _terminate(database_url, first)  # the server drops it while it sits in the pool
    second = _backend_pid(engine)  # pinged on checkout, found dead, replaced: no error
    assert second != first


def test_a_connection_handed_straight_back_is_not_pinged(
        make_engine: Callable[[float], Engine]) -> None:
    engine = make_engine(60.0)
    pings: list[object] = []
    original = engine.dialect.do_ping

    def counted(connection: object) -> bool:
        pings.append(connection)
        return original(connection)

    engine.dialect.do_ping = counted  # type: ignore[method-assign]
    pids = {_backend_pid(engine) for _ in range(5)}
    assert pings == []
    assert len(pids) == 1  # the same pooled connection each time, never re-checked


def test_without_the_ping_a_dropped_connection_fails_its_request(
        make_engine: Callable[[float], Engine], database_url: str) -> None:
    """What the idle ping is for: a connection dropped within the threshold is found dead only
    by the request using it (which answers 503), and the pool then replaces it."""
    engine = make_engine(60.0)
    first = _backend_pid(engine)
    _terminate(database_url, first)
    with pytest.raises(Exception, match="terminat|closed|connection"):
        _backend_pid(engine)
    assert _backend_pid(engine) != first
