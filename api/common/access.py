"""Who sees what, shared by every feature: the roles that see a panel's records, the problems
any route may answer, and the checks that are not about one feature's records.

Another panel's or agency's record answers 404 (it is never revealed); an analyst, who
never sees a person, gets 403 on person-level lists and searches and 404 on items.
"""

import uuid

from api.problems import (
    BadRequest,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    TooManyRequests,
    Unauthenticated,
)
from api.security.principal import Principal, Role

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
PANEL_WIDE = (*CASE_LISTERS, Role.agency_representative)  # some view of the panel's cases
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


def require_administrator(principal: Principal,
                          action: str = "manage users and API keys") -> None:
    """Administration is for users with the deployment-wide administrator flag, never keys;
    the refusal names what was refused (`action`), not some other administration."""
    if principal.kind != "user" or not principal.is_administrator:
        raise Forbidden(f"Only administrators may {action}.")
