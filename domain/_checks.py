"""Small guards shared by the rules; each raises a DomainError instead of defaulting."""

from datetime import date

from domain.errors import InvalidConfigError, InvalidDateOrderError


def at_least(value: int, minimum: int, setting: str) -> int:
    """Panel settings: a number below its minimum is a configuration error."""
    if value < minimum:
        raise InvalidConfigError(f"{setting} must be at least {minimum}, got {value}")
    return value


def not_before(later: date, earlier: date, message: str) -> None:
    """Dates: `later` may equal `earlier` but never precede it."""
    if later < earlier:
        raise InvalidDateOrderError(message)
