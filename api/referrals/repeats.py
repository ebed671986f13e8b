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
from api.people.matching import WEIGHTS, Who, rank, score
from api.people.models import PersonRole
from api.referrals.models import Referral
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
    victims = rank(session, panel_id, victim, _VICTIMS)
    cases = _cases_of(session, {ref for _, ref, _ in victims}) if victims else {}
    if not cases:
        return RepeatEvidence([], None, False)
    # A perpetrator counts only on the victim's candidate cases: look only at their referrals.
    in_cases = Who(_PERPETRATOR, within_cases=tuple(sorted({c for c, _ in cases.values()})))
    perp_referrals = {ref for p in perpetrators
                      for _, ref, _ in rank(session, panel_id, p, in_cases)}
    perp_cases = {case for case, _ in _cases_of(session, perp_referrals).values()} \
        if perp_referrals else set()
    found: dict[uuid.UUID, RepeatCandidate] = {}
    for _, ref, reasons in victims:
        if ref not in cases or cases[ref][0] in found:
            continue
        case_id, last = cases[ref]
        found[case_id] = RepeatCandidate(
            case_id=case_id, last_referral_date=last, repeat_window_end=repeat_window_end(last),
            within_window=last <= referral_date and is_repeat(last, referral_date),
            perpetrator_matched=case_id in perp_cases, score=score(reasons),
            reasons=sorted(reasons, key=lambda r: -WEIGHTS[r]))
    ranked = sorted(found.values(), key=lambda c: (-c.within_window, -c.score))
    confirmed = [c for c in ranked if c.perpetrator_matched and STRONG & set(c.reasons)
                 and c.last_referral_date <= referral_date]
    last_date = max((c.last_referral_date for c in confirmed), default=None)
    strong = any(STRONG & set(c.reasons) for c in ranked)
    return RepeatEvidence(ranked, last_date, strong)


_VICTIMS = Who((PersonRole.victim,))
_PERPETRATOR = (PersonRole.perpetrator,)
_CASES_OF = select(Referral.id, Case.id, Case.last_referral_date).join(
    Case, Case.id == Referral.case_id).where(Referral.id.in_(bindparam("ids", expanding=True)))


def _cases_of(session: Session,
              referral_ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[uuid.UUID, date]]:
    """referral -> (its case, the case's last referral date), for referrals that have a case."""
    rows = session.connection().execute(_CASES_OF, {"ids": list(referral_ids)})
    return {ref: (case_id, last) for ref, case_id, last in rows}
