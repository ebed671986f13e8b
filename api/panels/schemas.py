"""Panels, their member agencies and their risk instrument, as the API answers them."""

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.common.fields import Text, WholeNumber
from api.panels.models import Cadence, MembershipKind, PanelKind


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


class AnswerOptionBody(_Strict):
    value: Annotated[str, Text(64, 1)]
    label: Annotated[str, Text(200, 1)]
    weight: Annotated[int, Field(ge=0, le=1000, description="What this answer adds"),
                      WholeNumber]


class QuestionBody(_Strict):
    id: Annotated[str, Text(64, 1)]
    order: Annotated[int, Field(ge=1, le=1000, description="Its number on the printed form"),
                     WholeNumber]
    text: Annotated[str, Text(2000, 1)]
    section: Annotated[str, Text(200)] = ""
    options: list[AnswerOptionBody] = Field(min_length=1, max_length=20)


class InstrumentBody(_Strict):
    """A risk instrument as data: questions, answer options, weights and threshold."""

    key: Annotated[str, Text(64, 1)]
    version: Annotated[str, Text(64, 1)]
    title: Annotated[str, Text(200, 1)]
    scoring: Literal["ticks", "weighted_sum"] = Field(
        description="ticks: count of answers weighing 1 (DASH 'yes'); weighted_sum: sum of weights")
    threshold: Annotated[int, Field(ge=1, le=100_000, description="Score that meets it"),
                         WholeNumber]
    questions: list[QuestionBody] = Field(min_length=1, max_length=200)


class InstrumentRead(InstrumentBody):
    max_score: int
