"""The case list as a person scans it: each case's victim (from its latest referral), repeat
count and flag, read for the whole page in one statement through ix_referrals_case_id."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Uuid, and_, bindparam, select
from sqlalchemy.orm import Session

from api.cases.views import CaseListItem, CaseSummary
from api.people.models import Person, PersonRole
from api.people.schemas import PersonBrief
from api.referrals.models import Referral
from api.sharing.disclosure import MissingBasis, bases_of
from domain.windows import is_flagged

_HISTORY = (select(Referral.case_id, Referral.is_repeat, Person.given_names,
                   Person.family_name, Person.date_of_birth)
            .join(Person, and_(Person.referral_id == Referral.id,
                               Person.role == PersonRole.victim))
            .where(Referral.case_id.in_(bindparam("ids", expanding=True, type_=Uuid)))
            .order_by(Referral.case_id, Referral.referral_date, Referral.submitted_at))


def items(session: Session, cases: Sequence[CaseSummary], today: date) -> list[CaseListItem]:
    """The page's cases with their victim, repeat count and whether they are flagged `today`
    (the app's clock, as the flagged filter reads it)."""
    victims: dict[uuid.UUID, Any] = {}
    repeats: dict[uuid.UUID, int] = {}
    if cases:
        for row in session.execute(_HISTORY, {"ids": [c.id for c in cases]}):
            victims[row.case_id] = row  # ordered by date: the latest referral's victim wins
            repeats[row.case_id] = repeats.get(row.case_id, 0) + row.is_repeat
    bases = bases_of(session, [c.id for c in cases])
    return [CaseListItem(
        **case.model_dump(), victim=_brief(victims.get(case.id)),
        repeat_count=repeats.get(case.id, 0),
        awaiting_sharing_basis=isinstance(bases.get(case.id), MissingBasis),
        flagged=case.last_heard_on is not None and is_flagged(case.last_heard_on, today))
        for case in cases]


def _brief(row: Any) -> PersonBrief | None:
    if row is None:
        return None
    return PersonBrief(given_names=row.given_names, family_name=row.family_name,
                       date_of_birth=row.date_of_birth)
