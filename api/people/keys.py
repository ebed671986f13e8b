"""The match keys of a person: one row per name and alias, and the probe a lookup uses."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from api.db import new_id
from api.people.models import PersonNameKey, PersonRole
from api.people.normalise import (
    name_key,
    name_tokens,
    outward_code,
    phonetic_key,
    postcode_key,
    surname_key,
)


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
    """What a lookup searches for, already normalised. `given` and `surname` are the searched
    name's words split as a form splits them (the last word the surname)."""

    names: frozenset[str]
    aliases: frozenset[str]
    surnames: frozenset[str]
    date_of_birth: date | None
    postcode: str | None
    outward: str | None
    splits: tuple[tuple[str, str], ...] = ()  # (given, surname) readings, the usual first
    phonetics: frozenset[str] = frozenset()


MAX_SPLITS = 3


def _splits(full_name: str) -> list[tuple[str, str]]:
    """Every way of reading a name as given names + surname ('Maria Da Silva': 'maria' +
    'dasilva', or 'mariada' + 'silva'); the form's usual split (last word) first."""
    tokens = name_tokens(full_name)
    return [("".join(tokens[:n]), "".join(tokens[n:])) for n in range(len(tokens) - 1, 0, -1)]


def probe(full_name: str | None, aliases: Sequence[str] = (), surname: str | None = None,
          date_of_birth: date | None = None, postcode: str | None = None,
          given: str | None = None) -> Probe:
    names = {name_key(full_name)} if full_name else set()
    alias_keys = {name_key(a) for a in aliases}
    surnames = {surname_key(a) for a in aliases}
    splits = _splits(full_name) if full_name else []
    if surname:
        surnames.add(name_key(surname))
        splits = [(name_key(given or ""), name_key(surname))]
    elif full_name:  # a searched name may be a double-barrelled surname alone
        surnames |= {surname_key(full_name), name_key(full_name)}
    readings = tuple((g, s) for g, s in splits[:MAX_SPLITS] if g and s)
    return Probe(frozenset(names - {""}), frozenset(alias_keys - names - {""}),
                 frozenset(surnames - {""}), date_of_birth,
                 postcode_key(postcode), outward_code(postcode), readings,
                 frozenset(phonetic_key(g, s) for g, s in readings))


def person_probe(person: NamedPerson) -> Probe:
    return probe(f"{person.given_names} {person.family_name}", list(person.aliases),
                 person.family_name, person.date_of_birth, person.postcode,
                 given=person.given_names)


def _name_columns(given: str, surname: str, full: str) -> dict[str, Any]:
    return {"full_key": full, "given_key": given, "surname_key": surname,
            "given_rev": given[::-1], "surname_rev": surname[::-1],
            "phonetic_key": phonetic_key(given, surname)}


def key_dicts(person: NamedPerson) -> list[dict[str, Any]]:
    """The key rows stored for a person, as column values: the name as given, then each alias."""
    common = {"panel_id": person.panel_id, "person_id": person.id,
              "referral_id": person.referral_id, "role": person.role,
              "date_of_birth": person.date_of_birth,
              "postcode_key": postcode_key(person.postcode),
              "outward_code": outward_code(person.postcode)}
    full = name_key(f"{person.given_names} {person.family_name}")
    rows = [{"id": new_id(), "is_alias": False, **common, **_name_columns(
        name_key(person.given_names), name_key(person.family_name), full)}]
    for alias in dict.fromkeys(person.aliases):
        tokens = name_tokens(alias)
        if tokens:
            rows.append({"id": new_id(), "is_alias": True, **common, **_name_columns(
                "".join(tokens[:-1])[:200], tokens[-1][:200], name_key(alias))})
    return rows


def key_rows(person: NamedPerson) -> list[PersonNameKey]:
    """key_dicts as (unsaved) PersonNameKey objects."""
    return [PersonNameKey(**row) for row in key_dicts(person)]
