"""Fixtures: `world` (a panel and its coordinator) and `act_as` (the caller)."""

from tests.support.principals import act_as
from tests.support.world import world

__all__ = ["act_as", "world"]
