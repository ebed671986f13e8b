"""Fixtures: `world`, `act_as` and `clock`, as the meeting tests have them."""

from tests.meetings.conftest import act_as, clock, world

__all__ = ["act_as", "clock", "world"]
