"""A worker freezes what start-up built, so the collector's full passes skip it, and collects
its young generation less often (api/memory.py); once per process."""

import gc

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.memory import YOUNG_COLLECTION_EVERY


def test_what_startup_built_is_frozen_while_the_app_serves(app: FastAPI) -> None:
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
        made_while_serving = type("Marker", (), {})()  # a container the collector tracks
        assert gc.get_freeze_count() > 10_000  # the app, its routes, models and libraries
        assert gc.get_threshold()[0] == YOUNG_COLLECTION_EVERY
        assert any(o is made_while_serving for o in gc.get_objects())  # only start-up froze
