"""Who sees what: the one place visibility rules live; every query goes through it.

Another panel's or agency's record answers 404 (it is never revealed); an analyst, who
never sees a person, gets 403 on person-level lists and searches and 404 on items.
"""

import uuid

from sqlalchemy import ColumnElement, and_, false, or_

from api.problems import (
    BadRequest,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    TooManyRequests,
    Unauthenticated,
)
from api.referrals.models import Referral
from api.security.principal import Principal, Role, Scope

# What any route may answer before it runs: no or bad credentials, or too many requests.
CALLER_PROBLEMS = (Unauthenticated, TooManyRequests)
# What any route with a JSON body may answer: malformed JSON, or a body over the limit.
BODY_PROBLEMS = (BadRequest, PayloadTooLarge)

# Need to know (domain/need_to_know.py). Coordinators and chairs read every referral and case of
# their panels in full; the IDVA lists the panel's cases and reads each one's safety-plan
# details; an agency representative reads the case summary of cases on a meeting their agency
# is invited to. Anyone who submits reads their own agency's referrals in full.
FULL_READERS = (Role.coordinator, Role.chair)
CASE_LISTERS = (*FULL_READERS, Role.idva)
CASE_ROLES = (*CASE_LISTERS, Role.agency_representative)
PANEL_WIDE = CASE_ROLES
SUBMITTERS = (Role.referrer, Role.coordinator, Role.chair, Role.agency_representative, Role.idva)
OWN_AGENCY_READERS = (Role.referrer, Role.agency_representative, Role.idva)
TRIAGERS = FULL_READERS
PERSON_ROLES = (*PANEL_WIDE, Role.referrer)
NOT_IN_FULL = {
    Role.idva: "An IDVA reads a case's safety-plan details "
               "(GET /api/v1/cases/{case_id}/safety-plan), not another agency's full referral.",
    Role.agency_representative: "An agency representative reads the case summary "
               "(GET /api/v1/cases/{case_id}/summary) of cases on a meeting their agency is "
               "invited to, not another agency's full referral or case record."}


def refuse_analyst_only(principal: Principal) -> None:
    """Person-level lists: 403 for a caller whose only panel role is analyst."""
    if not principal.panels_where(*PERSON_ROLES) and principal.panels_where(Role.analyst):
        raise Forbidden("Analysts see aggregate statistics only.")


def referral_filter(principal: Principal) -> ColumnElement[bool]:
    """The referrals the caller may see, as a WHERE clause."""
    if principal.kind == "api_key":
        if not principal.has_scope(Scope.referrals_read):
            return false()
        return and_(Referral.submitted_by_kind == "api_key",
                    Referral.submitted_by_id == principal.subject_id)
    wide = principal.panels_where(*FULL_READERS)
    own = principal.panels_where(*OWN_AGENCY_READERS) - wide
    clauses = []
    if wide:
        clauses.append(Referral.panel_id.in_(wide))
    if own:
        clauses.append(and_(Referral.panel_id.in_(own), or_(
            Referral.submitted_by_id == principal.subject_id,
            Referral.agency_id == principal.agency_id)))
    return or_(*clauses) if clauses else false()


def case_panels(principal: Principal, *roles: Role) -> frozenset[uuid.UUID]:
    """The panels whose cases the caller holds one of `roles` on (users only)."""
    return principal.panels_where(*roles) if principal.kind == "user" else frozenset()


def refuse_in_full(principal: Principal, panel_id: uuid.UUID) -> None:
    """A role on the panel that reads less than the full record is told which read is theirs
    (403); anyone else is not told the record exists (the caller answers 404)."""
    if principal.kind != "user":
        return
    for role, message in NOT_IN_FULL.items():
        if principal.has_role(panel_id, role):
            raise Forbidden(message)


def require_submitter(principal: Principal, panel_id: uuid.UUID | None,
                      *, accepts_ad_hoc: bool = False) -> None:
    """Submitting needs a submitting role on the panel, or (an agency's API key) a panel that
    accepts ad-hoc referrals; a role that may not submit is told so; otherwise the panel is
    not revealed. `panel_id` None: no such panel."""
    if principal.kind == "api_key" and not principal.has_scope(Scope.referrals_submit):
        raise Forbidden("This API key may not submit referrals.")
    if panel_id is None:
        raise NotFound("No such panel.")
    if principal.has_role(panel_id, *SUBMITTERS):
        return
    if principal.kind == "api_key" and accepts_ad_hoc:
        return
    if principal.panel_roles.get(panel_id):
        raise Forbidden("Your role on this panel may not submit referrals.")
    raise NotFound("No such panel.")


def require_referring_agency(principal: Principal, referral: Referral) -> None:
    """Amending or withdrawing is for the referring agency's submitters, not the panel's."""
    if referral.agency_id != principal.agency_id:
        raise Forbidden("Only the referring agency may amend or withdraw a referral.")
    if principal.kind == "api_key":
        if not principal.has_scope(Scope.referrals_submit):
            raise Forbidden("This API key may not submit or amend referrals.")
        return
    if not principal.has_role(referral.panel_id, *SUBMITTERS):
        raise Forbidden("Your role on this panel may not amend or withdraw referrals.")


def require_triager(principal: Principal, referral: Referral) -> None:
    """Only the panel's coordinators (and chairs) triage or see match candidates."""
    if principal.kind != "user" or not principal.has_role(referral.panel_id, *TRIAGERS):
        raise Forbidden("Only the panel's coordinator or chair may do this.")


def can_triage(principal: Principal, panel_id: uuid.UUID) -> bool:
    return principal.kind == "user" and principal.has_role(panel_id, *TRIAGERS)


def sees_panel_cases(principal: Principal, panel_id: uuid.UUID) -> bool:
    """Whoever lists the panel's cases may see what the rules found in them (a repeat); an
    agency representative, who sees only invited cases, may not."""
    return principal.kind == "user" and principal.has_role(panel_id, *CASE_LISTERS)


def require_search(principal: Principal, panel_id: uuid.UUID) -> None:
    """People search is for the panel's coordinators and chairs; another role on the panel
    is told so, and a panel the caller has no role on is not revealed."""
    refuse_analyst_only(principal)
    if principal.kind == "api_key":
        raise Forbidden("API keys may not search people.")
    if principal.has_role(panel_id, *TRIAGERS):
        return
    if principal.panel_roles.get(panel_id):
        raise Forbidden("Only the panel's coordinator or chair may search people.")
    raise NotFound("No such panel.")
