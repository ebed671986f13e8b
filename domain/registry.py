"""Looking instruments up by key and version; a referral names the version it was scored on."""

from dataclasses import dataclass

from domain.asb_matrix_data import ASB_MATRIX_V1
from domain.errors import InvalidInstrumentError, UnknownInstrumentError
from domain.instrument_data import DASH_2009_V1
from domain.instruments import Instrument


@dataclass(frozen=True)
class InstrumentRegistry:
    """An immutable set of instruments; each (key, version) names exactly one."""

    instruments: tuple[Instrument, ...] = ()

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        for instrument in self.instruments:
            if (instrument.key, instrument.version) in seen:
                raise InvalidInstrumentError(f"{instrument.label} is registered twice")
            seen.add((instrument.key, instrument.version))

    def get(self, key: str, version: str) -> Instrument:
        """Risk instruments: a referral is scored on one named version, never a guess."""
        versions = self.versions(key)
        if not versions:
            known = ", ".join(sorted({i.key for i in self.instruments})) or "none"
            raise UnknownInstrumentError(f"unknown instrument key (known keys: {known})")
        for instrument in self.instruments:
            if (instrument.key, instrument.version) == (key, version):
                return instrument
        raise UnknownInstrumentError(
            f"unknown version of instrument '{key}' (known versions: {', '.join(versions)})"
        )

    def versions(self, key: str) -> tuple[str, ...]:
        """The versions registered for one instrument key, in registration order."""
        return tuple(i.version for i in self.instruments if i.key == key)

    def with_instrument(self, instrument: Instrument) -> "InstrumentRegistry":
        """A new registry that also holds `instrument` (a panel's own matrix, say)."""
        return InstrumentRegistry((*self.instruments, instrument))


DEFAULT_REGISTRY = InstrumentRegistry((DASH_2009_V1, ASB_MATRIX_V1))
