"""Panels, their member agencies and their risk instrument, as the API answers them."""

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from api.panels.models import Cadence, MembershipKind, PanelKind
from api.referrals.fields import text


class MemberAgency(BaseModel):
    agency_id: uuid.UUID
    name: str
    sector: str
    membership: MembershipKind = Field(
        description="core: attends every meeting; flexible: when invited")


class Deadlines(BaseModel):
    referral_cutoff_working_days: int = Field(
        description="A referral is heard at the first meeting at least this many working days "
                    "after it")
    agenda_working_days: int = Field(description="Agenda circulated this many working days before")
    minutes_working_days: int = Field(description="Minutes within this many working days")
    hearing_deadline_weeks: int = Field(description="Heard within this many weeks of referral")


class InstrumentRef(BaseModel):
    key: str
    version: str
    threshold: int


class PanelRead(BaseModel):
    id: uuid.UUID
    slug: str
    name: str
    kind: PanelKind
    cadence: Cadence
    subdivision: str = Field(description="Bank-holiday calendar: ENG, WLS, SCT or NIR")
    age_floor: int = Field(description="The victim's (community: subject's) minimum age")
    escalation_incidents: int
    accepts_ad_hoc_referrals: bool = Field(
        description="Agencies that are not members may refer to this panel")
    risk_instrument: InstrumentRef = Field(description="What referrals are scored on")
    deadlines: Deadlines
    member_agencies: list[MemberAgency]


class PanelList(BaseModel):
    items: list[PanelRead]


class AgencyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    sector: str


class AgencyList(BaseModel):
    items: list[AgencyRead]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _whole_number(value: object) -> object:
    """JSON Schema's integer admits 30.0, so this does; not true, "30" or 30.5."""
    if isinstance(value, bool | str):
        raise ValueError("must be a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def whole(low: int, high: int, description: str) -> type[int]:
    # Field before the validator, so the schema says minimum and maximum.
    return Annotated[int, Field(ge=low, le=high, description=description),  # type: ignore[return-value]
                     BeforeValidator(_whole_number)]


class AnswerOptionBody(_Strict):
    value: text(64, 1)  # type: ignore[valid-type]
    label: text(200, 1)  # type: ignore[valid-type]
    weight: whole(0, 1000, "What this answer adds")  # type: ignore[valid-type]


class QuestionBody(_Strict):
    id: text(64, 1)  # type: ignore[valid-type]
    order: whole(1, 1000, "Its number on the printed form")  # type: ignore[valid-type]
    text: text(2000, 1)  # type: ignore[valid-type]
    section: text(200) = ""  # type: ignore[valid-type]
    options: list[AnswerOptionBody] = Field(min_length=1, max_length=20)


class InstrumentBody(_Strict):
    """A risk instrument as data: questions, answer options, weights and threshold."""

    key: text(64, 1)  # type: ignore[valid-type]
    version: text(64, 1)  # type: ignore[valid-type]
    title: text(200, 1)  # type: ignore[valid-type]
    scoring: Literal["ticks", "weighted_sum"] = Field(
        description="ticks: count of answers weighing 1 (DASH 'yes'); weighted_sum: sum of weights")
    threshold: whole(1, 100_000, "Score that meets it")  # type: ignore[valid-type]
    questions: list[QuestionBody] = Field(min_length=1, max_length=200)


class InstrumentRead(InstrumentBody):
    max_score: int
