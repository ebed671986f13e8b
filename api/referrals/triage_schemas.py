"""Triage: accept as a new case, accept as a repeat of a case, return, or redirect."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.common.fields import Day, Long, Text
from api.referrals.models import TriageOutcome


class _Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Long | None = None


_OVERRIDE = ("Why the referral is accepted although its verdict is not eligible; required "
             "then, and shown in the case history")


class AcceptNewCase(_Decision):
    outcome: Literal["accept_new_case"]
    override_reason: Long | None = Field(default=None, description=_OVERRIDE)
    not_repeat_reason: Long | None = Field(default=None, description=(
        "Why this is not a repeat of an earlier case in its 12-month window; required when "
        "such a repeat candidate exists, and shown in the case history"))


class AcceptRepeat(_Decision):
    """The coordinator confirms the link: this referral joins case `case_id`."""

    outcome: Literal["accept_repeat"]
    case_id: uuid.UUID
    override_reason: Long | None = Field(default=None, description=_OVERRIDE)


class ReturnWithRecommendations(_Decision):
    outcome: Literal["return_with_recommendations"]
    recommendations: Annotated[str, Text(10_000, 1)]
    review_date: Day


class Redirect(_Decision):
    """Another forum already manages it (no duplicate forum)."""

    outcome: Literal["redirect"]
    forum: Literal["mappa_level_2", "mappa_level_3", "community_marac", "domestic_abuse_marac",
                   "mash", "adult_safeguarding", "other"]


TriageCreate = Annotated[AcceptNewCase | AcceptRepeat | ReturnWithRecommendations | Redirect,
                         Field(discriminator="outcome")]


class TriageRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    outcome: TriageOutcome
    case_id: uuid.UUID | None
    recommendations: str | None
    review_date: date | None
    forum: str | None
    note: str | None
    override_reason: str | None
    not_repeat_reason: str | None
    decided_by_id: uuid.UUID
    decided_at: datetime
