"""The meeting itself: nobody discusses a case until everyone present has signed."""

from collections.abc import Iterable
from typing import TypeVar

Attendee = TypeVar("Attendee")


def not_yet_declared(present: Iterable[Attendee], declared: Iterable[Attendee]) -> list[Attendee]:
    """Meeting: every attendee present signs the confidentiality declaration before any case
    is discussed; these have not (in the order they arrived)."""
    signed = set(declared)
    return [attendee for attendee in present if attendee not in signed]


def may_discuss(present: Iterable[Attendee], declared: Iterable[Attendee]) -> bool:
    """Meeting: a case may be discussed once someone is present and all present have signed."""
    attending = list(present)
    return bool(attending) and not not_yet_declared(attending, declared)
