"""Submitting a referral: rules first (nothing is written if they refuse), then the records."""

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from api.db import Base, new_id, table_of, utcnow
from api.panels.instruments import instrument_for
from api.panels.repository import PanelRules, rules_of
from api.people.keys import key_dicts, person_probe
from api.people.models import Person, PersonNameKey, PersonRole
from api.problems import Conflict, FieldError
from api.referrals import access, verdict
from api.referrals.checks import check_form
from api.referrals.models import Referral, ReferralStatus, RiskAssessment
from api.referrals.repeats import RepeatCandidate, find_repeats
from api.referrals.schemas import ReferralCreate
from api.security.principal import Principal
from domain.scoring import ScoredAssessment
from domain.verdicts import Verdict

_DIRECT = ("external_reference", "referral_date", "reason", "risks_identified",
           "actions_taken", "victim_aware", "victim_unaware_reason", "victim_fears",
           "safe_to_talk_to", "unsafe_to_talk_to",
           "referred_to_marac_elsewhere", "other_marac_area", "fire_service_referral_needed",
           "referrer_says_repeat", "last_marac_date", "professional_judgement")


# Plain Core inserts of the rows built here: no unit-of-work flush on the intake path. Rows are
# namespaces of column values (what a mapped object offers a reader, without its bookkeeping).
Row = SimpleNamespace

_INSERT_REFERRAL = insert(table_of(Referral))
_INSERT_ASSESSMENT = insert(table_of(RiskAssessment))
_INSERT_PEOPLE = insert(table_of(Person))
_INSERT_KEYS = insert(table_of(PersonNameKey))


@dataclass(frozen=True)
class Submitted:
    referral: Row
    people: list[Row]
    assessment: Row | None
    repeat_candidates: list[RepeatCandidate]


def submit(session: Session, principal: Principal, body: ReferralCreate,
           today: date) -> Submitted:
    """Records the referral with the rules' verdict; an ineligible one is still recorded."""
    connection = session.connection()
    panel = authorized_panel(session, principal, body.panel_id)
    scored = checked_and_scored(panel, body, today)
    refuse_reused_reference(session, principal.agency_id, body.external_reference)
    referral_id = new_id()
    people = people_rows(body, referral_id)
    outcome, submitted, candidates = verdict_of(session, panel, body, people, scored)
    referral = _referral(body, principal, referral_id, outcome, submitted)
    referral.has_repeat_candidate = bool(candidates)  # shown in lists; confirmed at triage
    connection.execute(_INSERT_REFERRAL, _columns(referral))  # first: the rest refer to it
    assessment = insert_details(connection, referral_id, people, scored)
    return Submitted(referral, people, assessment, candidates)


def authorized_panel(session: Session, principal: Principal,
                     panel_id: uuid.UUID) -> PanelRules:
    """The panel's rules, if the caller may submit to it (a member's submitter, or an API key
    where the panel accepts ad-hoc referrals); refused otherwise."""
    panel = rules_of(session.connection(), panel_id)
    access.require_submitter(principal, panel.id if panel else None,
                             accepts_ad_hoc=bool(panel and panel.accepts_ad_hoc_referrals))
    assert panel is not None  # require_submitter refuses an unknown panel
    return panel


def checked_and_scored(panel: PanelRules, body: ReferralCreate,
                       today: date) -> ScoredAssessment | None:
    """Every rule of the form checked at once (checks.py), then the checklist scored."""
    instrument = instrument_for(panel) if body.risk_assessment is not None else None
    check_form(body, panel, instrument, today)
    return verdict.score_assessment(instrument, body.risk_assessment)


def refuse_reused_reference(session: Session, agency_id: uuid.UUID, reference: str | None,
                            *, except_referral: uuid.UUID | None = None) -> None:
    """An agency's reference names one referral of theirs (the database enforces it too)."""
    if reference is None:
        return
    query = select(Referral.id).where(Referral.agency_id == agency_id,
                                      Referral.external_reference == reference)
    if except_referral is not None:
        query = query.where(Referral.id != except_referral)
    if session.scalar(query) is not None:
        raise Conflict("Your agency already has a referral with this reference; find it with "
                       "GET /api/v1/referrals?external_reference= and amend it.", errors=[
                           FieldError(pointer="/body/external_reference",
                                      detail="already used by another referral of your agency")])


def verdict_of(session: Session, panel: PanelRules, body: ReferralCreate, people: list[Row],
             scored: ScoredAssessment | None,
             ) -> tuple[Verdict, Verdict, list[RepeatCandidate]]:
    """The full verdict, the verdict on the form alone, and the repeat candidates."""
    perpetrators = [person_probe(p) for p in people if p.role is PersonRole.perpetrator]
    evidence = find_repeats(session, panel.id, person_probe(people[0]), perpetrators,
                            body.referral_date)
    outcome = verdict.assess(panel, body, scored, evidence.last_referral_date,
                             evidence.previously_referred)
    # What a caller who cannot read the panel's cases may see: the rules on the form alone.
    submitted = verdict.as_submitted(panel, body, scored)
    return outcome, submitted, evidence.candidates


def insert_details(connection: Connection, referral_id: uuid.UUID, people: list[Row],
                   scored: ScoredAssessment | None) -> Row | None:
    """The referral's assessment, people and their match keys (the referral row exists)."""
    assessment = _assessment(referral_id, scored)
    if assessment is not None:
        connection.execute(_INSERT_ASSESSMENT, _columns(assessment))
    connection.execute(_INSERT_PEOPLE, [_columns(p) for p in people])
    connection.execute(_INSERT_KEYS, [row for p in people for row in key_dicts(p)])
    return assessment


def _columns(row: Row) -> dict[str, Any]:
    return vars(row)


@functools.cache
def _empty(model: type[Base]) -> dict[str, None]:
    return dict.fromkeys(c.name for c in table_of(model).columns)


def _row(model: type[Base], **values: Any) -> Row:
    """Every column of `model`'s table: `values`, the rest None (as a new mapped object has)."""
    return Row(**{**_empty(model), **values})


def _referral(body: ReferralCreate, principal: Principal, referral_id: uuid.UUID,
              outcome: Verdict, submitted: Verdict) -> Row:
    return _row(
        Referral, id=referral_id, panel_id=body.panel_id, status=ReferralStatus.submitted,
        submitted_at=utcnow(), version=1, case_id=None, is_repeat=False,
        submitted_by_kind=principal.kind, submitted_by_id=principal.subject_id,
        agency_id=principal.agency_id, **form_columns(body, outcome, submitted))


def form_columns(body: ReferralCreate, outcome: Verdict,
                 submitted: Verdict) -> dict[str, Any]:
    """What the form and the verdict set on the referral row (all an amendment replaces)."""
    return dict(
        {name: getattr(body, name) for name in _DIRECT},
        referrer=body.referrer.model_dump(mode="json"),
        consent=body.consent.model_dump(mode="json"), consent_status=body.consent.status,
        incident_dates=[d.isoformat() for d in body.incident_dates],
        relationships=[r.model_dump() for r in body.relationships],
        community=body.community.model_dump(mode="json") if body.community else None,
        eligible=outcome.eligible, verdict=verdict.verdict_json(outcome, submitted))


def people_rows(body: ReferralCreate, referral_id: uuid.UUID) -> list[Row]:
    """The victim first, then perpetrators, children and household members in form order."""
    groups: list[tuple[PersonRole, Sequence[BaseModel]]] = [
        (PersonRole.victim, [body.victim]), (PersonRole.perpetrator, body.perpetrators),
        (PersonRole.child, body.children), (PersonRole.household_member, body.household_members)]
    return [_row(Person, id=new_id(), referral_id=referral_id, panel_id=body.panel_id,
                 role=role, position=n, **entry.model_dump())
            for role, entries in groups for n, entry in enumerate(entries)]


def _assessment(referral_id: uuid.UUID, scored: ScoredAssessment | None) -> Row | None:
    if scored is None:
        return None
    return _row(
        RiskAssessment, id=new_id(), referral_id=referral_id,
        instrument_key=scored.instrument_key, instrument_version=scored.instrument_version,
        answers=dict(scored.answers), score=scored.score, threshold=scored.threshold,
        threshold_met=scored.threshold_met)
