"""Bounded text for request bodies: a length limit, no NUL bytes, valid UTF-8."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from annotated_types import GroupedMetadata
from pydantic import AfterValidator, BeforeValidator, Field, Strict, StringConstraints

# PostgreSQL cannot store NUL in text; lone surrogates cannot be encoded as UTF-8.
NO_NUL = r"^[^\x00]*$"


def _encodable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    return value


@dataclass(frozen=True, slots=True)
class Text(GroupedMetadata):
    """A string of at most `max_length` characters that every database can store:
    `Annotated[str, Text(200, 1)]` (pydantic unpacks the group; type checkers see a str)."""

    max_length: int
    min_length: int = 0

    def __iter__(self) -> Iterator[object]:
        yield from StringConstraints(min_length=self.min_length, max_length=self.max_length,
                                     pattern=NO_NUL)
        yield AfterValidator(_encodable)


# Bidirectional controls reorder how a name is shown, so one name can read as another: a name
# at intake may not hold them (a search strips them instead). The schema states it too.
_BIDI = r"\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
NAME_PATTERN = rf"^[^\x00{_BIDI}]*$"


def _no_bidi(value: str) -> str:
    if re.search(f"[{_BIDI}]", value):
        raise ValueError("a name may not hold bidirectional control characters")
    return value


Name = Annotated[
    str, Text(200, 1), AfterValidator(_no_bidi),
    Field(json_schema_extra={"pattern": NAME_PATTERN})]
Short = Annotated[str, Text(100)]
Long = Annotated[str, Text(10_000)]

# Months 01-12 and days 01-31 in the pattern itself: generated and hand-written dates then
# fail only on days a month lacks (30 February), which "format": "date" states.
_ISO_DAY = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD text is a date here; pydantic would read 0 as 1 January 1970."""
    if isinstance(value, str) and re.fullmatch(_ISO_DAY, value):
        return value
    if isinstance(value, date):
        return value
    raise ValueError("a date must be written YYYY-MM-DD, 1900 to 2099")


# Dates the rules can do 12-month arithmetic on: the pattern states the range (1900 to 2099),
# "format": "date" that it is a real calendar day; nothing else is read as a date (not 0).
Day = Annotated[date, BeforeValidator(_iso_day), Field(json_schema_extra={"pattern": _ISO_DAY})]
def _whole_number(value: object) -> object:
    """JSON Schema's integer admits 30.0, so this does; not true, "30" or 30.5."""
    if isinstance(value, bool | str):
        raise ValueError("must be a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# A whole number in a JSON body: Annotated[int, Field(ge=.., le=..), WholeNumber] (the Field
# first, so the schema says minimum and maximum). Pydantic alone would read false as 0.
WholeNumber = BeforeValidator(_whole_number)
# true or false only: not "true", not 1.
Flag = Annotated[bool, Strict()]
