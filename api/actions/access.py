"""Who sees and changes which actions: the one place these rules live.

The panel's coordinator and chair see all of its actions; an agency representative sees and
updates only their agency's (across the panels they sit on); a partner system's key with
`actions:read` / `actions:write` reads and updates its own agency's. An analyst sees counts only.
An action the caller has no relation to answers 404; a relation without the right, 403.
"""

import uuid

from sqlalchemy import ColumnElement, and_, false, or_
from sqlalchemy.orm import Session

from api.actions.models import Action
from api.meetings.models import Meeting
from api.problems import Forbidden, NotFound
from api.security.principal import Principal, Role, Scope

RUNNERS = (Role.coordinator, Role.chair)
COUNTERS = (Role.coordinator, Role.chair, Role.analyst)


def _key_scope(write: bool) -> Scope:
    return Scope.actions_write if write else Scope.actions_read


def visible(principal: Principal) -> ColumnElement[bool]:
    """The actions the caller may read, as a WHERE clause (lists filter by it)."""
    own = Action.owner_agency_id == principal.agency_id
    if principal.kind == "api_key":
        return own if principal.has_scope(Scope.actions_read) else false()
    clauses: list[ColumnElement[bool]] = []
    if runs := principal.panels_where(*RUNNERS):
        clauses.append(Action.panel_id.in_(runs))
    if sits := principal.panels_where(Role.agency_representative) - runs:
        clauses.append(and_(Action.panel_id.in_(sits), own))
    return or_(*clauses) if clauses else false()


def require_list_reader(principal: Principal) -> None:
    """Action lists are for runners, agency representatives and keys with actions:read."""
    if principal.kind == "api_key":
        if not principal.has_scope(Scope.actions_read):
            raise Forbidden("This API key may not read actions.")
        return
    if not principal.panels_where(*RUNNERS, Role.agency_representative):
        raise Forbidden("Your roles do not include the action lists.")


def require_on_action(principal: Principal, action: Action, *, write: bool) -> None:
    """Read (or update) one action: runners of its panel, or its owner agency's people."""
    owner = action.owner_agency_id == principal.agency_id
    if principal.kind == "api_key":
        if not owner:
            raise NotFound("No such action.")
        if not principal.has_scope(_key_scope(write)):
            raise Forbidden("This API key may not do this with actions.")
        return
    held = principal.panel_roles.get(action.panel_id, frozenset())
    if not held:
        raise NotFound("No such action.")
    if held & set(RUNNERS) or (owner and Role.agency_representative in held):
        return
    raise Forbidden("Only the owning agency, the coordinator or the chair may do this.")


def require_panel_reader(principal: Principal, panel_id: uuid.UUID,
                         *roles: Role) -> None:
    """A panel's action list: its runners (all), agency representatives and keys (their own
    agency's); another role on the panel 403; no relation to the panel, 404."""
    if principal.kind == "api_key":
        if panel_id not in principal.panel_roles:
            raise NotFound("No such panel.")
        if not principal.has_scope(Scope.actions_read):
            raise Forbidden("This API key may not read actions.")
        return
    held = principal.panel_roles.get(panel_id, frozenset())
    if not held:
        raise NotFound("No such panel.")
    if not held & set(roles or (*RUNNERS, Role.agency_representative)):
        raise Forbidden("Your role on this panel may not read its actions.")


def require_roles(principal: Principal, panel_id: uuid.UUID, *allowed: Role) -> None:
    """One of `allowed` on the panel (403 for another role there; 404 with none)."""
    held = principal.panel_roles.get(panel_id, frozenset()) if principal.kind == "user" \
        else frozenset()
    if not held:
        raise NotFound("No such panel.")
    if not held & set(allowed):
        raise Forbidden("Your role on this panel may not do this.")


def meeting_for_runner(session: Session, principal: Principal,
                       meeting_id: uuid.UUID) -> Meeting:
    """The meeting, if the caller is its panel's coordinator or chair (else 403, or 404)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("No such meeting.")
    try:
        require_roles(principal, meeting.panel_id, *RUNNERS)
    except NotFound:
        raise NotFound("No such meeting.") from None
    return meeting


def sees_all_of(principal: Principal, panel_id: uuid.UUID) -> bool:
    return principal.kind == "user" and principal.has_role(panel_id, *RUNNERS)
