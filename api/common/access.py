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

# Roles that see every referral and case of their panels (what the process shares).
PANEL_WIDE = (Role.coordinator, Role.chair, Role.agency_representative, Role.idva)
SUBMITTERS = (Role.referrer, Role.coordinator, Role.chair, Role.agency_representative, Role.idva)
TRIAGERS = (Role.coordinator, Role.chair)
PERSON_ROLES = (*PANEL_WIDE, Role.referrer)


def refuse_analyst_only(principal: Principal) -> None:
    """Person-level lists: 403 for a caller whose only panel role is analyst."""
    if not principal.panels_where(*PERSON_ROLES) and principal.panels_where(Role.analyst):
        raise Forbidden("Analysts see aggregate statistics only.")


def case_panels(principal: Principal) -> frozenset[uuid.UUID]:
    """Cases are seen panel-wide by coordinators, chairs, agency representatives and IDVAs."""
    return principal.panels_where(*PANEL_WIDE) if principal.kind == "user" else frozenset()


def can_triage(principal: Principal, panel_id: uuid.UUID) -> bool:
    return principal.kind == "user" and principal.has_role(panel_id, *TRIAGERS)


def sees_panel_cases(principal: Principal, panel_id: uuid.UUID) -> bool:
    """Whoever reads the panel's cases may see what the rules found in them (a repeat)."""
    return principal.kind == "user" and principal.has_role(panel_id, *PANEL_WIDE)


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
