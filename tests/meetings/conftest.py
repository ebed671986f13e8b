"""Fixtures: `world`, `act_as`, and `clock` (today as the meeting cycle sees it, held still)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from fastapi import FastAPI

from api.clock import today
from tests.support.principals import act_as
from tests.support.world import world

__all__ = ["act_as", "clock", "world"]


@dataclass
class Clock:
    today: date


@pytest.fixture
def clock(app: FastAPI) -> Iterator[Clock]:
    """Today is Wednesday 25 November 2026 until a test moves it; the override always goes."""
    held = Clock(date(2026, 11, 25))
    app.dependency_overrides[today] = lambda: held.today
    yield held
    app.dependency_overrides.pop(today, None)
