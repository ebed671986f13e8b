"""The instrument a panel scores on: its own loaded copy, or a built-in one (DASH 2009, the
default ASB matrix) when it has loaded none under that key and version."""

import functools
import uuid
from typing import Any

from api.panels.repository import PanelRules
from domain.instrument_io import instrument_from_dict
from domain.instruments import Instrument
from domain.registry import DEFAULT_REGISTRY


def instrument_for(rules: PanelRules) -> Instrument:
    """Risk instruments are versioned data; a loaded version never changes, so it is parsed
    once per process and cached by its row id."""
    if rules.instrument_id is not None and rules.instrument_definition is not None:
        return _parsed(rules.instrument_id, _Frozen(rules.instrument_definition))
    return DEFAULT_REGISTRY.get(rules.risk_instrument_key, rules.risk_instrument_version)


def stored_or_builtin(definition: dict[str, Any] | None, key: str, version: str) -> Instrument:
    if definition is not None:
        return instrument_from_dict(definition)
    return DEFAULT_REGISTRY.get(key, version)


class _Frozen:
    """Carries a definition into the cache without making it part of the key."""

    def __init__(self, definition: dict[str, Any]) -> None:
        self.definition = definition

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Frozen)


@functools.lru_cache(maxsize=256)
def _parsed(row_id: uuid.UUID, definition: _Frozen) -> Instrument:
    return instrument_from_dict(definition.definition)
