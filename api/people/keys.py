"""The match keys of a person: one row per name and alias, and the probe a lookup uses."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from api.db import new_id
from api.people.models import PersonNameKey, PersonRole
from api.people.normalise import name_key, outward_code, postcode_key, surname_key


class NamedPerson(Protocol):
    """What keys are made from: a stored Person, or a row about to be inserted."""

    id: uuid.UUID
    panel_id: uuid.UUID
    referral_id: uuid.UUID
    role: PersonRole
    given_names: str
    family_name: str
    aliases: list[str]
    date_of_birth: date | None
    postcode: str | None


@dataclass(frozen=True)
class Probe:
    """What a lookup searches for, already normalised."""

    names: frozenset[str]
    aliases: frozenset[str]
    surnames: frozenset[str]
    date_of_birth: date | None
    postcode: str | None
    outward: str | None


def probe(full_name: str | None, aliases: Sequence[str] = (), surname: str | None = None,
          date_of_birth: date | None = None, postcode: str | None = None) -> Probe:
    names = {name_key(full_name)} if full_name else set()
    alias_keys = {name_key(a) for a in aliases}
    surnames = {surname_key(a) for a in aliases}
    if surname:
        surnames.add(name_key(surname))
    elif full_name:  # a searched name may be a double-barrelled surname alone
        surnames |= {surname_key(full_name), name_key(full_name)}
    return Probe(frozenset(names - {""}), frozenset(alias_keys - names - {""}),
                 frozenset(surnames - {""}), date_of_birth,
                 postcode_key(postcode), outward_code(postcode))


def person_probe(person: NamedPerson) -> Probe:
    return probe(f"{person.given_names} {person.family_name}", list(person.aliases),
                 person.family_name, person.date_of_birth, person.postcode)


def key_dicts(person: NamedPerson) -> list[dict[str, Any]]:
    """The key rows stored for a person, as column values: the name as given, then each alias."""
    common = {"panel_id": person.panel_id, "person_id": person.id,
              "referral_id": person.referral_id, "role": person.role,
              "date_of_birth": person.date_of_birth,
              "postcode_key": postcode_key(person.postcode),
              "outward_code": outward_code(person.postcode)}
    rows = [{"id": new_id(), "is_alias": False,
             "full_key": name_key(f"{person.given_names} {person.family_name}"),
             "surname_key": name_key(person.family_name), **common}]
    rows += [{"id": new_id(), "is_alias": True, "full_key": name_key(alias),
              "surname_key": surname_key(alias), **common}
             for alias in dict.fromkeys(person.aliases) if name_key(alias)]
    return rows


def key_rows(person: NamedPerson) -> list[PersonNameKey]:
    """key_dicts as (unsaved) PersonNameKey objects."""
    return [PersonNameKey(**row) for row in key_dicts(person)]
