"""Repeat candidates: earlier cases of this victim (and perpetrator) in the panel, with the
12-month window from domain/windows. The coordinator confirms a link at triage."""

import uuid
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.people.keys import Probe
from api.people.matching import find_candidates
from api.people.models import PersonRole
from domain.windows import is_repeat, repeat_window_end

# A victim match strong enough to count toward the verdict's repeat criterion.
STRONG = {"full_name", "alias", "surname+dob"}


class RepeatCandidate(BaseModel):
    case_id: uuid.UUID
    last_referral_date: date
    repeat_window_end: date
    within_window: bool
    perpetrator_matched: bool
    score: int
    reasons: list[str]


@dataclass(frozen=True)
class RepeatEvidence:
    candidates: list[RepeatCandidate]
    last_referral_date: date | None  # of the best in-window victim+perpetrator case
    previously_referred: bool


def find_repeats(session: Session, panel_id: uuid.UUID, victim: Probe,
                 perpetrators: list[Probe], referral_date: date) -> RepeatEvidence:
    victims = [c for c in find_candidates(session, panel_id, victim, roles=[PersonRole.victim])
               if c.case_id is not None]
    if not victims:
        return RepeatEvidence([], None, False)
    case_ids = {c.case_id for c in victims}
    cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(case_ids)))}
    perp_cases = {c.case_id for p in perpetrators for c in find_candidates(
        session, panel_id, p, roles=[PersonRole.perpetrator]) if c.case_id in case_ids}
    found: dict[uuid.UUID, RepeatCandidate] = {}
    for match in victims:
        case = cases[match.case_id]  # type: ignore[index]
        if case.id in found:
            continue
        last = case.last_referral_date
        within = last <= referral_date and is_repeat(last, referral_date)
        found[case.id] = RepeatCandidate(
            case_id=case.id, last_referral_date=last, repeat_window_end=repeat_window_end(last),
            within_window=within, perpetrator_matched=case.id in perp_cases,
            score=match.score, reasons=match.reasons)
    ranked = sorted(found.values(), key=lambda c: (-c.within_window, -c.score))
    confirmed = [c for c in ranked if c.perpetrator_matched and STRONG & set(c.reasons)
                 and c.last_referral_date <= referral_date]
    last_date = max((c.last_referral_date for c in confirmed), default=None)
    strong = any(STRONG & set(c.reasons) for c in ranked)
    return RepeatEvidence(ranked, last_date, strong)
