"""Who may do what with sharing decisions and the disclosure log. A panel the caller holds no
role on answers 404; a role on the panel that may not do this answers 403."""

import uuid

from sqlalchemy import ColumnElement, or_, true

from api.problems import Forbidden, NotFound
from api.security.principal import Principal, Role
from api.sharing.models import SharingDecision
from api.sharing.problems import NotAnApprover

PROPOSERS = (Role.referrer, Role.agency_representative)
# Coordinators and chairs read every decision of their panel; analysts only count them.
PANEL_WIDE = (Role.coordinator, Role.chair)
COUNTERS = (Role.coordinator, Role.chair, Role.analyst)
# Everyone else on the panel sees their own agency's decisions and those whose review they own.
READERS = (*PANEL_WIDE, *PROPOSERS, Role.idva)
CONSENT_KEEPERS = (Role.coordinator, Role.chair, Role.idva)


def roles(principal: Principal, panel_id: uuid.UUID) -> frozenset[Role]:
    """The caller's roles on the panel (none for an API key: decisions are people's work)."""
    if principal.kind != "user":
        return frozenset()
    return frozenset(principal.panel_roles.get(panel_id, frozenset()))


def require(principal: Principal, panel_id: uuid.UUID, *allowed: Role) -> frozenset[Role]:
    held = roles(principal, panel_id)
    if not held:
        raise NotFound("No such panel.")
    if not held & set(allowed):
        raise Forbidden("Your role on this panel may not do this.")
    return held


def decision_filter(principal: Principal, panel_id: uuid.UUID) -> ColumnElement[bool]:
    """The panel's decisions the caller reads, as a WHERE clause (after `require`)."""
    if principal.has_role(panel_id, *PANEL_WIDE):
        return true()
    return or_(SharingDecision.proposer_agency_id == principal.agency_id,
               SharingDecision.review_owner_id == principal.subject_id)


def require_reader(principal: Principal, decision: SharingDecision) -> None:
    """Reads: the panel-wide roles, or the proposing agency's people, or the review's owner;
    another agency's decision is not revealed."""
    require(principal, decision.panel_id, *READERS)
    if principal.has_role(decision.panel_id, *PANEL_WIDE):
        return
    if decision.proposer_agency_id != principal.agency_id and \
            decision.review_owner_id != principal.subject_id:
        raise NotFound("No such sharing decision.")


def require_proposer(principal: Principal, decision: SharingDecision) -> None:
    if decision.proposed_by_id != principal.subject_id:
        raise Forbidden("Only the caseworker who proposed it may change or submit it.")


def require_approver(principal: Principal, decision: SharingDecision) -> None:
    """A manager: a sharing approver (granted by an administrator) of the proposing agency."""
    if not principal.is_sharing_approver or principal.agency_id != decision.proposer_agency_id:
        raise NotAnApprover("Only a sharing approver of the proposing agency may decide this.")


def require_reviewer(principal: Principal, decision: SharingDecision) -> None:
    """The review's owner, the proposer, or the panel's coordinator or chair."""
    if principal.subject_id in (decision.review_owner_id, decision.proposed_by_id) or \
            principal.has_role(decision.panel_id, *PANEL_WIDE):
        return
    raise Forbidden("Only the review's owner, the proposer, the coordinator or the chair "
                    "reviews this decision.")


def require_withdrawer(principal: Principal, decision: SharingDecision) -> None:
    """The proposer, a manager of the proposing agency, or the panel's coordinator or chair."""
    if decision.proposed_by_id == principal.subject_id or \
            principal.has_role(decision.panel_id, *PANEL_WIDE):
        return
    require_approver(principal, decision)
