"""What each role may read of a case (domain/need_to_know.py): which cases an agency is invited
to, and the case summary and safety-plan views built from the case's latest referral."""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.cases.models import Case
from api.cases.summary_schemas import CaseSummaryRead, SafetyPlanRead
from api.meetings.models import AgendaPublication, Meeting
from api.panels.models import Agency
from api.people.models import Person, PersonRole
from api.people.schemas import PersonSummary
from api.problems import NotFound
from api.referrals.models import Referral, ReferralStatus, RiskAssessment
from domain import need_to_know as rules
from domain.agenda import minimal_details


def invited_case_ids(session: Session, agency_id: uuid.UUID,
                     panel_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Cases on a meeting the agency is invited to: those the latest published agenda of any of
    the panels' meetings lists and sends to the agency (as research invitations are read)."""
    panels = list(panel_ids)
    if not panels:
        return set()
    rows = session.execute(
        select(AgendaPublication.meeting_id, AgendaPublication.agency_ids,
               AgendaPublication.case_ids)
        .join(Meeting, Meeting.id == AgendaPublication.meeting_id)
        .where(Meeting.panel_id.in_(panels), AgendaPublication.document == "agenda")
        .order_by(AgendaPublication.meeting_id, AgendaPublication.version))
    latest: dict[uuid.UUID, Any] = {row.meeting_id: row for row in rows}  # the last version wins
    agency = str(agency_id)
    return {uuid.UUID(case) for row in latest.values() if agency in row.agency_ids
            for case in row.case_ids}


def case_on(session: Session, case_id: uuid.UUID) -> Case | None:
    return session.get(Case, case_id)


def latest_referral(session: Session, case: Case) -> Referral:
    """The case's latest accepted referral: the victim's situation as last referred."""
    referral = session.scalar(select(Referral).where(
        Referral.case_id == case.id, Referral.status == ReferralStatus.accepted)
        .order_by(Referral.referral_date.desc(), Referral.submitted_at.desc()).limit(1))
    if referral is None:  # a case is opened by accepting a referral; never without one
        raise NotFound("No such case.")
    return referral


def _people(session: Session, referral: Referral) -> dict[PersonRole, list[Person]]:
    found: dict[PersonRole, list[Person]] = {role: [] for role in PersonRole}
    for person in session.scalars(select(Person).where(Person.referral_id == referral.id)
                                  .order_by(Person.role, Person.position)):
        found[person.role].append(person)
    return found


def summary(session: Session, case: Case, referral: Referral) -> CaseSummaryRead:
    """The minimal case summary the agenda carries: names, aliases, dates of birth and addresses
    of victim, perpetrators and children (less what the victim fears disclosed), the referring
    agency, and whether it is a repeat."""
    people = _people(session, referral)

    def brief(role: PersonRole) -> list[PersonSummary]:
        return [PersonSummary.model_validate(minimal_details(vars(p))) for p in people[role]]

    victims = brief(PersonRole.victim)
    return CaseSummaryRead(
        case_id=case.id, panel_id=case.panel_id, referral_date=referral.referral_date,
        repeat=referral.is_repeat, referring_agency=_agency(session, referral.agency_id),
        victim=victims[0] if victims else None, perpetrators=brief(PersonRole.perpetrator),
        children=brief(PersonRole.child))


def safety_plan(session: Session, case: Case, referral: Referral) -> SafetyPlanRead:
    """What the IDVA needs to plan the victim's safety (domain.need_to_know's field lists)."""
    people = _people(session, referral)
    assessment = session.scalar(select(RiskAssessment).where(
        RiskAssessment.referral_id == referral.id))
    victim = people[PersonRole.victim]
    return SafetyPlanRead.model_validate({
        "case_id": case.id, "panel_id": case.panel_id, "referral_id": referral.id,
        "referral_date": referral.referral_date, "repeat": referral.is_repeat,
        "referring_agency": _agency(session, referral.agency_id),
        **rules.only(vars(referral), rules.SAFETY_PLAN_REFERRAL),
        "victim": rules.only(vars(victim[0]), rules.SAFETY_PLAN_VICTIM) if victim else None,
        "perpetrators": [rules.only(vars(p), rules.SAFETY_PLAN_PERPETRATOR)
                         for p in people[PersonRole.perpetrator]],
        "children": [rules.only(vars(p), rules.SAFETY_PLAN_CHILD)
                     for p in people[PersonRole.child]],
        "risk_assessment": None if assessment is None else {
            "instrument_key": assessment.instrument_key,
            "instrument_version": assessment.instrument_version,
            "answers": assessment.answers, "score": assessment.score,
            "threshold": assessment.threshold}})


def _agency(session: Session, agency_id: uuid.UUID) -> str:
    return session.scalar(select(Agency.name).where(Agency.id == agency_id)) or ""
