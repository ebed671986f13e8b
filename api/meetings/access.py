"""Who may do what in the meeting cycle. A panel the caller holds no role on answers 404;
a role on the panel that may not do this answers 403."""

import uuid

from api.problems import Forbidden, NotFound
from api.security.principal import Principal, Role

__all__ = ["CALENDAR_READERS", "CASE_READERS", "LATE_AGREEMENT", "Role", "require"]

# Meeting dates and deadlines hold no personal data: every role on the panel may read them.
CALENDAR_READERS = tuple(Role)
# Which cases are on which meeting is the panel's business (as case lists are).
CASE_READERS = (Role.coordinator, Role.chair, Role.agency_representative, Role.idva)
LATE_AGREEMENT = (Role.coordinator, Role.chair)


def _roles(principal: Principal, panel_id: uuid.UUID) -> frozenset[Role]:
    if principal.kind != "user":
        return frozenset()
    return frozenset(principal.panel_roles.get(panel_id, frozenset()))


def require(principal: Principal, panel_id: uuid.UUID, *allowed: Role) -> frozenset[Role]:
    """The caller's roles on the panel, if one of them is `allowed`."""
    held = _roles(principal, panel_id)
    if not held:
        raise NotFound("No such panel.")
    if not held & set(allowed):
        raise Forbidden("Your role on this panel may not do this.")
    return held


def require_calendar_reader(principal: Principal, panel_id: uuid.UUID) -> None:
    require(principal, panel_id, *CALENDAR_READERS)


def reads_reasons(principal: Principal, panel_id: uuid.UUID) -> bool:
    """Why a meeting was called, moved or cancelled is free text, which can name the people of
    a case: the case readers see it; the panel's other roles (analyst, referrer) see the dates
    alone."""
    return principal.has_role(panel_id, *CASE_READERS)


def require_coordinator(principal: Principal, panel_id: uuid.UUID) -> None:
    require(principal, panel_id, Role.coordinator)


def require_settings_reader(principal: Principal, panel_id: uuid.UUID) -> None:
    """Administrators manage every panel's settings; members read their own panel's."""
    if not principal.is_administrator:
        require_calendar_reader(principal, panel_id)


def require_administrator(principal: Principal) -> None:
    if principal.kind != "user" or not principal.is_administrator:
        raise Forbidden("Only an administrator may change a panel's settings.")
