"""Repeat candidates: earlier cases of this victim (and perpetrator) in the panel, with the
12-month window from domain/windows. The coordinator confirms a link at triage."""

import uuid
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.people.keys import Probe
from api.people.matching import Who, rank
from api.people.models import PersonRole
from api.people.similarity import WEIGHTS, Certainty, certainty, score
from domain.windows import is_repeat, repeat_window_end

# A victim match strong enough to count toward the verdict's repeat criterion: the same
# matching as people search; a conflicting date of birth is never strong.
STRONG: set[Certainty] = {"certain", "probable"}


class RepeatCandidate(BaseModel):
    case_id: uuid.UUID
    last_referral_date: date
    repeat_window_end: date
    within_window: bool
    perpetrator_matched: bool
    score: int
    certainty: Certainty
    reasons: list[str]
    conflicts: list[str]


@dataclass(frozen=True)
class RepeatEvidence:
    candidates: list[RepeatCandidate]
    last_referral_date: date | None  # of the best in-window victim+perpetrator case
    previously_referred: bool


def find_repeats(session: Session, panel_id: uuid.UUID, victim: Probe,
                 perpetrators: list[Probe], referral_date: date) -> RepeatEvidence:
    victims = rank(session, panel_id, victim, _VICTIMS_ON_CASES).candidates
    if not victims:
        return RepeatEvidence([], None, False)
    case_ids = tuple(sorted({c.case_id for c in victims if c.case_id is not None}))
    last_referral = _last_referral_dates(session, case_ids)
    # A perpetrator counts only on the victim's candidate cases: look only at those.
    on_those = Who(_PERPETRATOR, within_cases=case_ids)
    perp_cases = {c.case_id for p in perpetrators
                  for c in rank(session, panel_id, p, on_those).candidates}
    found: dict[uuid.UUID, RepeatCandidate] = {}
    for c in victims:
        if c.case_id is None or c.case_id in found or c.case_id not in last_referral:
            continue
        last = last_referral[c.case_id]
        found[c.case_id] = RepeatCandidate(
            case_id=c.case_id, last_referral_date=last, repeat_window_end=repeat_window_end(last),
            within_window=last <= referral_date and is_repeat(last, referral_date),
            perpetrator_matched=c.case_id in perp_cases, score=score(c.reasons, c.conflicts),
            certainty=certainty(c.reasons, c.conflicts),
            reasons=sorted(c.reasons, key=lambda r: -WEIGHTS[r]), conflicts=sorted(c.conflicts))
    ranked = sorted(found.values(), key=lambda c: (-c.within_window, -c.score))
    confirmed = [c for c in ranked if c.perpetrator_matched and c.certainty in STRONG
                 and c.last_referral_date <= referral_date]
    last_date = max((c.last_referral_date for c in confirmed), default=None)
    strong = any(c.certainty in STRONG for c in ranked)
    return RepeatEvidence(ranked, last_date, strong)


_VICTIMS_ON_CASES = Who((PersonRole.victim,), on_a_case=True)
_PERPETRATOR = (PersonRole.perpetrator,)
_LAST_REFERRAL = select(Case.id, Case.last_referral_date).where(
    Case.id.in_(bindparam("ids", expanding=True)))


def _last_referral_dates(session: Session,
                         case_ids: tuple[uuid.UUID, ...]) -> dict[uuid.UUID, date]:
    """Each case's last referral date."""
    rows = session.connection().execute(_LAST_REFERRAL, {"ids": list(case_ids)})
    return {case_id: last for case_id, last in rows}
