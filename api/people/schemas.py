"""People on a referral form, in and out, and the person search."""

import uuid
from datetime import date
from typing import Annotated, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from api.common.fields import Day, Flag, Name, Short, Text
from api.people.models import PersonRole

Postcode = Annotated[str, Text(16)]
# A searched name may hold bidi controls pasted from elsewhere: they are stripped, not refused.
SearchName = Annotated[str, Text(200, 1)]



def _whole_number(value: object) -> object:
    """JSON Schema's integer admits 77.0 (a number with no fraction); strings and booleans
    stay refused by the strict integer check that follows."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value

class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    given_names: Name
    family_name: Name
    aliases: list[Name] = Field(default_factory=list, max_length=20)
    date_of_birth: Day | None = None
    gender: Short | None = None
    ethnicity: Short | None = None
    disability: Short | None = None
    sexuality: Short | None = None
    address: Annotated[str, Text(500)] | None = None
    postcode: Postcode | None = None
    phone: Annotated[str, Text(32)] | None = None
    relationship_to_victim: Short | None = None


class VictimIn(PersonIn):
    date_of_birth: Day  # the age floor needs it
    accommodation: Short | None = None
    safe_to_call: Flag | None = None
    safe_times: Annotated[str, Text(200)] | None = None
    preferred_contact: Literal["email", "phone", "letter", "text", "in_person"] | None = None
    gp: Annotated[str, Text(500)] | None = None
    pregnant: Flag | None = None
    pregnancy_details: Annotated[str, Text(1000)] | None = None


class ChildIn(PersonIn):
    school: Annotated[str, Text(200)] | None = None


class PersonRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    role: PersonRole
    given_names: str
    family_name: str
    aliases: list[str]
    date_of_birth: date | None
    gender: str | None
    ethnicity: str | None
    disability: str | None
    sexuality: str | None
    address: str | None
    postcode: str | None
    accommodation: str | None
    phone: str | None
    safe_to_call: bool | None
    safe_times: str | None
    preferred_contact: str | None
    gp: str | None
    pregnant: bool | None
    pregnancy_details: str | None
    school: str | None
    relationship_to_victim: str | None


class PersonBrief(BaseModel):
    """Who a list row is about, as a reader scans it."""

    given_names: str
    family_name: str
    date_of_birth: date | None


TERMS = ("name", "date_of_birth", "postcode")
Certainty = Literal["certain", "probable", "possible"]
_CERTAINTY = ("certain: the name as given (or an alias) and the same date of birth; probable: "
              "a name (exact, sounding alike or one letter off) with the same date of birth or "
              "postcode; possible: anything else. A conflicting date of birth is never more "
              "than possible.")
_REASONS = ("Why it matched: full_name, alias, sounds_like (spelling variant), one_letter_off "
            "(a typo), surname+dob, dob, postcode, surname, outward_code")
_CONFLICTS = "Where it disagrees with the search: date_of_birth, postcode"


class PersonSearch(BaseModel):
    """Search terms travel in the body, never in a URL; at least one term, not null."""

    # "At least one term" is part of the contract, not only of the validator below.
    model_config = ConfigDict(extra="forbid", json_schema_extra={"anyOf": [
        {"required": [term], "properties": {term: {"not": {"type": "null"}}}}
        for term in TERMS]})

    panel_id: uuid.UUID
    name: SearchName | None = None
    date_of_birth: Day | None = None
    postcode: Postcode | None = None
    limit: Annotated[int, BeforeValidator(_whole_number)] = Field(default=20, ge=1, le=100,
                                                                  strict=True)

    @model_validator(mode="after")
    def _something_to_search(self) -> Self:
        if all(getattr(self, term) is None for term in TERMS):
            raise ValueError("give a name, a date of birth or a postcode")
        return self


class MatchCandidate(BaseModel):
    person_id: uuid.UUID
    referral_id: uuid.UUID
    case_id: uuid.UUID | None
    role: PersonRole
    given_names: str
    family_name: str
    date_of_birth: date | None
    postcode: str | None
    score: int = Field(description="0-100; higher is a closer match")
    certainty: Certainty = Field(description=_CERTAINTY)
    reasons: list[str] = Field(description=_REASONS)
    conflicts: list[str] = Field(description=_CONFLICTS)


class MatchCandidates(BaseModel):
    items: list[MatchCandidate]
    truncated: bool = Field(description=(
        "True when more people may match than are listed: more candidates ranked than the "
        "limit, or a lookup stopped at its bound (200 rows; 500 for a typo scan; 50 for a "
        "surname alone). Narrow "
        "the search with a date of birth or a postcode."))




class PersonReferral(BaseModel):
    """One referral naming the person found."""

    referral_id: uuid.UUID
    person_id: uuid.UUID
    case_id: uuid.UUID | None
    role: PersonRole
    score: int
    certainty: Certainty
    reasons: list[str]
    conflicts: list[str]


class PersonFound(BaseModel):
    """One person (the same name and date of birth across referrals), best match first."""

    given_names: str
    family_name: str
    date_of_birth: date | None
    postcode: str | None = Field(description="As on the best-matching referral")
    score: int = Field(description="0-100: the best of the person's referrals")
    certainty: Certainty = Field(description=_CERTAINTY)
    reasons: list[str] = Field(description=_REASONS)
    conflicts: list[str] = Field(description=_CONFLICTS)
    referrals: list[PersonReferral] = Field(description="Every matching referral, best first")


class PeopleFound(BaseModel):
    items: list[PersonFound]
    truncated: bool = Field(description=(
        "True when more people may match than are listed: narrow the search with a date of "
        "birth or a postcode."))
