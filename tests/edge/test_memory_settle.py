"""A worker freezes what start-up built, so the collector's full passes skip it (api/memory.py),
and thaws it at shutdown, leaving the process's collector as it found it."""

import gc

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.memory import YOUNG_COLLECTION_EVERY


class _Marker:
    """A container object the collector tracks."""


def _collected(marker: _Marker) -> bool:
    """Whether the collector's generations hold `marker` (frozen objects are in none)."""
    return any(o is marker for o in gc.get_objects())


def test_startup_is_frozen_while_serving_and_thawed_at_shutdown(app: FastAPI) -> None:
    thresholds = gc.get_threshold()
    gc.unfreeze()
    before = _Marker()  # alive at start-up, as the app's modules and routes are
    assert _collected(before)
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
        after = _Marker()  # made while serving, as a request's objects are
        assert not _collected(before) and _collected(after)
        assert gc.get_freeze_count() > 10_000  # the app, its routes, models and libraries
        assert gc.get_threshold() == (YOUNG_COLLECTION_EVERY, *thresholds[1:])
    assert _collected(before)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds
