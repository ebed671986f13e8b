"""Fixtures shared with the meeting tests: `world`, `act_as`, `clock`."""

from tests.meetings.conftest import act_as, clock, world

__all__ = ["act_as", "clock", "world"]
